package store

import (
	"context"
	"database/sql"
	"fmt"
)

// inTx runs f in one write transaction and commits what it wrote when it
// returns nil; on any error nothing it wrote stays. Like every write
// transaction here it begins immediately (see open), so it waits for
// another process's writer instead of failing part-way. op names the
// operation in the errors of beginning and committing.
func (s *Store) inTx(ctx context.Context, op string, f func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}
