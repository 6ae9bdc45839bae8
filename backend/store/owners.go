package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// owner is a Store's claim on the answers it streams: a lock file named by a
// random token, held for as long as the Store is open. The operating system
// drops the lock when the process ends, crash or not, so another process can
// tell an answer that is still streaming from one whose process has gone.
type owner struct {
	token string
	dir   string
	lock  io.Closer
}

// ownersDir holds one lock file per open Store of the database at dbPath.
func ownersDir(dbPath string) string { return dbPath + "-owners" }

// claimOwner takes a new owner lock beside the database, first removing the
// lock files left by processes that have gone.
func claimOwner(dbPath string) (*owner, error) {
	o := &owner{token: NewID("o_"), dir: ownersDir(dbPath)}
	if err := os.MkdirAll(o.dir, 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", o.dir, err)
	}
	o.sweep()
	lock, err := lockFile(o.path(o.token))
	if err != nil {
		return nil, fmt.Errorf("take the owner lock: %w", err)
	}
	o.lock = lock
	return o, nil
}

func (o *owner) path(token string) string { return filepath.Join(o.dir, token) }

// release gives the lock up; the Store's answers are no longer streaming.
func (o *owner) release() {
	_ = o.lock.Close()
	_ = os.Remove(o.path(o.token))
}

// alive reports whether the owner named token still holds its lock. An
// answer from before owners were recorded has the empty token: its process
// has gone.
func (o *owner) alive(token string) bool {
	if token == o.token {
		return true
	}
	if token == "" || strings.ContainsAny(token, `/\.`) {
		return false
	}
	return probe(o.path(token))
}

// sweep removes the lock files of owners that have gone.
func (o *owner) sweep() {
	entries, _ := os.ReadDir(o.dir)
	for _, e := range entries {
		if !strings.Contains(e.Name(), ".") {
			o.alive(e.Name())
		}
	}
}

// triggers are statements that create, on one connection, TEMP triggers
// stamping this owner on every answer that starts streaming through it. They
// live on the connection rather than in the schema because the owner is
// this process, and they cover every way an answer can be inserted.
func (o *owner) triggers() string {
	return fmt.Sprintf(`
CREATE TEMP TRIGGER IF NOT EXISTS stamp_owner_on_insert AFTER INSERT ON main.messages
WHEN NEW.status = '%[2]s' BEGIN UPDATE messages SET owner = '%[1]s' WHERE id = NEW.id; END;
CREATE TEMP TRIGGER IF NOT EXISTS stamp_owner_on_update AFTER UPDATE OF status ON main.messages
WHEN NEW.status = '%[2]s' AND OLD.status != '%[2]s' BEGIN UPDATE messages SET owner = '%[1]s' WHERE id = NEW.id; END;`,
		o.token, StatusStreaming)
}

// MarkInterrupted turns every answer left streaming by a Parley process that
// has gone (it ended or crashed mid-answer) into an interrupted one, keeping
// its text. Answers streaming in a process that is still running, such as
// another window, are left alone. It returns how many were marked.
func (s *Store) MarkInterrupted(ctx context.Context) (int, error) {
	owners, err := s.streamingOwners(ctx)
	if err != nil {
		return 0, fmt.Errorf("mark interrupted: %w", err)
	}
	marked := 0
	for _, token := range owners {
		if s.owner.alive(token) {
			continue
		}
		res, err := s.db.ExecContext(ctx, "UPDATE messages SET status = ? WHERE status = ? AND owner = ?",
			StatusInterrupted, StatusStreaming, token)
		if err != nil {
			return marked, fmt.Errorf("mark interrupted: %w", err)
		}
		n, _ := res.RowsAffected()
		marked += int(n)
	}
	return marked, nil
}

// streamingOwners lists the owners of the answers stored as streaming.
func (s *Store) streamingOwners(ctx context.Context) ([]string, error) {
	return names(ctx, s.db, "SELECT DISTINCT owner FROM messages WHERE status = ?", StatusStreaming)
}

// RequestStop asks the process streaming an answer to stop it: for Stop
// pressed in a window showing another window's answer. It reports whether
// the answer was still streaming.
func (s *Store) RequestStop(ctx context.Context, messageID string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO stop_requests (message_id, requested_at)
		SELECT id, ? FROM messages WHERE id = ? AND status = ? ON CONFLICT (message_id) DO NOTHING`,
		s.stamp(), messageID, StatusStreaming)
	if err != nil {
		return false, fmt.Errorf("request stop: %w", err)
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return true, nil
	}
	var streaming bool
	err = s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM messages WHERE id = ? AND status = ?)", messageID, StatusStreaming).Scan(&streaming)
	return streaming, err
}

// TakeStopRequests returns, and forgets, the requests to stop answers this
// Store is streaming; requests for answers that have ended are dropped.
func (s *Store) TakeStopRequests(ctx context.Context) ([]string, error) {
	var pending bool // read first: most of the time there are none, and a read takes no lock
	if err := s.db.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM stop_requests)").Scan(&pending); err != nil || !pending {
		return nil, err
	}
	var ids []string
	err := s.inTx(ctx, "take stop requests", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM stop_requests WHERE message_id IN
			(SELECT id FROM messages WHERE status != ?)`, StatusStreaming); err != nil {
			return fmt.Errorf("take stop requests: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `DELETE FROM stop_requests WHERE message_id IN
			(SELECT id FROM messages WHERE owner = ? AND status = ?) RETURNING message_id`, s.owner.token, StatusStreaming)
		if err != nil {
			return fmt.Errorf("take stop requests: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("take stop requests: %w", err)
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("take stop requests: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}
