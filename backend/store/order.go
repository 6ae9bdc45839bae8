package store

import (
	"context"
	"database/sql"
	"fmt"
)

// ReorderProfiles stores the order of the providers: ids first to last.
// Profiles not named keep their relative order after the named ones, so a
// profile added in another window meanwhile is never lost.
func (s *Store) ReorderProfiles(ctx context.Context, ids []string) error {
	return s.inTx(ctx, "reorder profiles", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id FROM profiles ORDER BY position, created_at")
		if err != nil {
			return fmt.Errorf("reorder profiles: %w", err)
		}
		var rest []string
		named := map[string]bool{}
		for _, id := range ids {
			named[id] = true
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return fmt.Errorf("reorder profiles: %w", err)
			}
			if !named[id] {
				rest = append(rest, id)
			}
		}
		rows.Close()
		for i, id := range append(append([]string{}, ids...), rest...) {
			if _, err := tx.ExecContext(ctx, "UPDATE profiles SET position = ? WHERE id = ?", i+1, id); err != nil {
				return fmt.Errorf("reorder profiles: %w", err)
			}
		}
		return nil
	})
}
