package store

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
)

// ImportedConversation is a conversation read from another client's file.
type ImportedConversation struct {
	// Source names where it came from ("nextchat:<session id>"); a second
	// import of the same source is skipped. Empty means never skipped.
	Source string
	// ProfileID, when set, overrides the profile given to [Store.Import].
	ProfileID string
	Title     string
	Pinned    bool
	CreatedAt int64
	UpdatedAt int64
	// Messages in order; their IDs and seqs are given on import.
	Messages []Message
}

// ImportResult counts what an import stored and names what it skipped
// because an earlier import already brought it in.
type ImportResult struct {
	Conversations int      `json:"conversations"`
	Messages      int      `json:"messages"`
	Duplicates    []string `json:"duplicates"`
}

// Import stores conversations under a profile in one transaction: all of
// them, or (on any failure) none.
func (s *Store) Import(ctx context.Context, profileID string, convs []ImportedConversation) (ImportResult, error) {
	res := ImportResult{Duplicates: []string{}}
	err := s.inTx(ctx, "import", func(tx *sql.Tx) error { return s.insertImported(ctx, tx, profileID, convs, &res) })
	if err != nil {
		return ImportResult{Duplicates: []string{}}, err
	}
	return res, nil
}

// insertImported writes convs in tx, counting into res; a conversation
// whose source an earlier import brought in is listed as a duplicate.
func (s *Store) insertImported(ctx context.Context, tx *sql.Tx, profileID string, convs []ImportedConversation, res *ImportResult) error {
	// A large import touches many pages of the search index; a bigger cache
	// for its duration keeps them in memory instead of spilling to disk.
	// (The setting belongs to the connection: it is put back on the same
	// transaction before it ends, on every path.)
	if _, err := tx.ExecContext(ctx, "PRAGMA cache_size = -65536"); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer func() { _, _ = tx.ExecContext(context.WithoutCancel(ctx), defaultCacheSize) }()
	reindex, err := indexAfter(ctx, tx, false)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	insConv, err := tx.PrepareContext(ctx, `INSERT INTO conversations (id, profile_id, title, pinned, created_at, updated_at, import_source)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (import_source) WHERE import_source != '' DO NOTHING`)
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer insConv.Close()
	insMsg, err := tx.PrepareContext(ctx, "INSERT INTO messages ("+messageColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	defer insMsg.Close()
	now := s.stamp()
	for _, c := range convs {
		id := NewID("c_")
		created, updated := orNow(c.CreatedAt, now), orNow(c.UpdatedAt, orNow(c.CreatedAt, now))
		r, err := insConv.ExecContext(ctx, id, cmp.Or(c.ProfileID, profileID), c.Title, c.Pinned, created, updated, c.Source)
		if err != nil {
			return fmt.Errorf("import %q: %w", c.Title, err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			res.Duplicates = append(res.Duplicates, c.Source)
			continue
		}
		parent := "" // an imported thread is one branch: each message follows the one before
		for i, m := range c.Messages {
			at := orNow(m.CreatedAt, created)
			mid := NewID("m_")
			_, err := insMsg.ExecContext(ctx, mid, id, i+1, m.Role, m.Content, m.Reasoning, orStatus(m.Status),
				m.Problem, m.Model, m.InputTokens, m.OutputTokens, m.ReasoningMillis, at, orNow(m.UpdatedAt, at), parent)
			parent = mid
			if err != nil {
				return fmt.Errorf("import %q, message %d: %w", c.Title, i+1, err)
			}
		}
		res.Conversations++
		res.Messages += len(c.Messages)
	}
	if err := reindex(); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if _, err := tx.ExecContext(ctx, defaultCacheSize); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	return nil
}

// defaultCacheSize is SQLite's own page cache size (2 MB).
const defaultCacheSize = "PRAGMA cache_size = -2000"

func orNow(t, now int64) int64 {
	if t <= 0 {
		return now
	}
	return t
}

func orStatus(s Status) Status {
	if s == "" {
		return StatusDone
	}
	return s
}
