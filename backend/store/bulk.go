package store

import (
	"context"
	"database/sql"
	"fmt"
)

// searchTriggers are the triggers that keep the search index in step with
// messages (020_history.sql), one row at a time.
const searchTriggers = "FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'messages' AND name LIKE 'messages\\_search\\_%' ESCAPE '\\' ORDER BY name"

// indexAfter lets a transaction write many messages without indexing each
// one as it goes: it drops the search triggers, and the function it returns
// brings the index up to date with the messages in a few statements and puts
// the triggers back. Row by row, the index is flushed and its segments
// merged at every statement (~1 ms a message); in bulk, once. With reset,
// the index is emptied first (every message is about to be replaced).
//
// Everything happens inside tx: another connection never sees the triggers
// missing, and a rollback brings them back with the rest.
func indexAfter(ctx context.Context, tx *sql.Tx, reset bool) (func() error, error) {
	triggers, err := names(ctx, tx, "SELECT name "+searchTriggers)
	if err != nil {
		return nil, err
	}
	ddl, err := names(ctx, tx, "SELECT sql "+searchTriggers)
	if err != nil {
		return nil, err
	}
	if len(triggers) == 0 || len(ddl) != len(triggers) {
		return nil, fmt.Errorf("search index: no triggers on messages")
	}
	for _, t := range triggers {
		if _, err := tx.ExecContext(ctx, "DROP TRIGGER "+quoteIdent(t)); err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
	}
	if reset {
		index, err := names(ctx, tx, "SELECT sql FROM sqlite_schema WHERE name = 'message_search'")
		if err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		if len(index) != 1 {
			return nil, fmt.Errorf("search index: no table message_search")
		}
		for _, q := range []string{"DROP TABLE message_search", index[0], "DELETE FROM message_search_keys"} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return nil, fmt.Errorf("search index: %w", err)
			}
		}
	}
	return func() error {
		var last int64
		err := tx.QueryRowContext(ctx, "SELECT coalesce(max(n), 0) FROM message_search_keys").Scan(&last)
		for _, q := range []struct {
			sql  string
			args []any
		}{
			// Messages gone: their text in the index, then their keys.
			{sql: `DELETE FROM message_search WHERE rowid IN
				(SELECT n FROM message_search_keys WHERE message_id NOT IN (SELECT id FROM messages))`},
			{sql: `DELETE FROM message_search_keys WHERE message_id NOT IN (SELECT id FROM messages)`},
			// Messages added: a key each (numbered after the last one),
			// then their text under it.
			{sql: `INSERT INTO message_search_keys (message_id) SELECT id FROM messages
				WHERE id NOT IN (SELECT message_id FROM message_search_keys) ORDER BY conversation_id, seq`},
			{sql: `INSERT INTO message_search (rowid, content) SELECT k.n, m.content
				FROM message_search_keys k JOIN messages m ON m.id = k.message_id WHERE k.n > ?`, args: []any{last}},
		} {
			if err != nil {
				break
			}
			_, err = tx.ExecContext(ctx, q.sql, q.args...)
		}
		for _, q := range ddl {
			if err != nil {
				break
			}
			_, err = tx.ExecContext(ctx, q)
		}
		if err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		return nil
	}, nil
}
