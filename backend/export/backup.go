package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"parley/backend/problem"
	"parley/backend/store"
)

// BackupFormat names a Parley backup file.
const BackupFormat = "parley-backup"

// Backup is the file a backup writes: every table of the user's data.
// It never holds a key; keys stay in the system keychain.
type Backup struct {
	Format    string         `json:"format"`
	Version   int            `json:"version"`
	CreatedAt int64          `json:"createdAt"`
	Tables    store.Snapshot `json:"tables"`
}

// Counts says how many profiles, conversations and messages a backup holds.
type Counts struct {
	Profiles      int `json:"profiles"`
	Conversations int `json:"conversations"`
	Messages      int `json:"messages"`
}

// WriteBackup writes all of st's data to w, and says what it wrote.
func WriteBackup(ctx context.Context, st *store.Store, w io.Writer) (Counts, error) {
	snap, err := st.Snapshot(ctx)
	if err != nil {
		return Counts{}, err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(Backup{Format: BackupFormat, Version: 1, CreatedAt: time.Now().UnixMilli(), Tables: snap}); err != nil {
		return Counts{}, fmt.Errorf("write backup: %w", err)
	}
	return count(snap), nil
}

// ReadBackup reads a backup file, refusing anything that is not one.
func ReadBackup(r io.Reader) (Backup, error) {
	dec := json.NewDecoder(r)
	dec.UseNumber() // ids and timestamps come back as the integers they were
	var b Backup
	if err := dec.Decode(&b); err != nil || b.Format != BackupFormat {
		return b, problem.Explain(problem.KindInvalidInput, "invalid_input.not_backup", nil)
	}
	if b.Version > 1 {
		return b, problem.Explain(problem.KindInvalidInput, "invalid_input.newer_backup", map[string]string{"version": strconv.Itoa(b.Version)})
	}
	return b, nil
}

// Restore writes a backup into st: merged with what is there (rows already
// present are kept), or replacing everything. Keys are not in a backup, so
// restored profiles need their keys entered again.
func Restore(ctx context.Context, st *store.Store, b Backup, replace bool) (Counts, store.RestoreResult, error) {
	res, err := st.Restore(ctx, b.Tables, replace)
	if err != nil {
		return Counts{}, res, err
	}
	return Counts{Profiles: res.Rows["profiles"], Conversations: res.Rows["conversations"], Messages: res.Rows["messages"]}, res, nil
}

func count(s store.Snapshot) Counts {
	return Counts{Profiles: len(s["profiles"]), Conversations: len(s["conversations"]), Messages: len(s["messages"])}
}
