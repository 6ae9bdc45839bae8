package store

import (
	"context"
	"fmt"
)

// row is what a scan function reads: a *sql.Row or *sql.Rows.
type row interface{ Scan(...any) error }

// queryAll runs query and reads every row with scan, in order; op names the
// operation in its errors. No rows is an empty list, never nil (the window
// gets [] rather than null).
func queryAll[T any](ctx context.Context, s *Store, op string, scan func(row) (T, error), query string, args ...any) ([]T, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", op, err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
