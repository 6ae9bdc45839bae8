package store

import (
	"context"
	"database/sql"
	"errors"
)

// Message returns the message with id, or [ErrNotFound].
func (s *Store) Message(ctx context.Context, id string) (Message, error) {
	m, err := scanMessage(s.db.QueryRowContext(ctx, "SELECT "+messageReadColumns+" FROM messages WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, notFound("message", id)
	}
	return m, err
}
