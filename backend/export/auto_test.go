package export_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"parley/backend/export"
	"parley/backend/problem"
)

func TestAutoBackupKeepsTheLastSeven(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	fill(t, s)
	dir := filepath.Join(t.TempDir(), "backups")
	day := time.Date(2026, 11, 1, 9, 0, 0, 0, time.Local)
	for i := range 10 {
		res, err := export.AutoBackup(ctx, s, dir, day.AddDate(0, 0, i), 7)
		if err != nil || !res.Wrote {
			t.Fatalf("day %d: %+v %v", i, res, err)
		}
	}
	again, err := export.AutoBackup(ctx, s, dir, day.AddDate(0, 0, 9).Add(5*time.Hour), 7)
	if err != nil || again.Wrote {
		t.Errorf("a second backup on the same day: %+v %v", again, err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(names) != 7 || filepath.Base(names[0]) != "parley-backup-2026-11-04.json" || filepath.Base(names[6]) != "parley-backup-2026-11-10.json" {
		t.Errorf("kept %v", names)
	}
	f, _ := os.Open(names[6])
	defer f.Close()
	if b, err := export.ReadBackup(f); err != nil || len(b.Tables["messages"]) != 4 {
		t.Errorf("the newest backup does not restore: %v", err)
	}
}

func TestAutoBackupFailureIsExplained(t *testing.T) {
	s := openStore(t)
	blocker := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(blocker, nil, 0o600)
	_, err := export.AutoBackup(context.Background(), s, filepath.Join(blocker, "backups"), time.Now(), 7)
	if p := problem.From(err); p == nil || p.Title != "The automatic backup failed" || p.Fix == "" {
		t.Errorf("got %+v", p)
	}
}
