package export

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"parley/backend/problem"
	"parley/backend/store"
)

// autoPrefix starts the name of every automatic backup file.
const autoPrefix = "parley-backup-"

// AutoResult says what an automatic backup did.
type AutoResult struct {
	// Path is today's backup file.
	Path string `json:"path"`
	// Wrote is false when today's backup already existed.
	Wrote bool `json:"wrote"`
	// Removed lists the older backups deleted to keep only the newest.
	Removed []string `json:"removed"`
}

// AutoBackup keeps one backup a day in dir: it writes today's (named by the
// date of now) unless it exists, then deletes all but the newest keep.
// A failure is returned as a Problem to show, never swallowed.
func AutoBackup(ctx context.Context, st *store.Store, dir string, now time.Time, keep int) (AutoResult, error) {
	res := AutoResult{Path: filepath.Join(dir, autoPrefix+now.Format("2006-01-02")+".json"), Removed: []string{}}
	if _, err := os.Stat(res.Path); err != nil {
		if err := writeAuto(ctx, st, dir, res.Path); err != nil {
			return res, problem.ExplainWrap(err, problem.KindInternal, "internal.auto_backup",
				map[string]string{"folder": dir, "cause": err.Error()})
		}
		res.Wrote = true
	}
	old, err := filepath.Glob(filepath.Join(dir, autoPrefix+"*.json"))
	if err != nil {
		return res, err
	}
	sort.Sort(sort.Reverse(sort.StringSlice(old))) // dates in the names sort as time
	for _, p := range old[min(keep, len(old)):] {
		if err := os.Remove(p); err == nil {
			res.Removed = append(res.Removed, p)
		}
	}
	return res, nil
}

func writeAuto(ctx context.Context, st *store.Store, dir, path string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	var buf bytes.Buffer
	if _, err := WriteBackup(ctx, st, &buf); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+strings.TrimSuffix(filepath.Base(path), ".json")+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
