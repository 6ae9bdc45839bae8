package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Snapshot is every row of every table that holds the user's data
// (profiles, conversations, messages, settings and whatever later
// migrations add), keyed by table name, each row a column → value map.
// Keys are never in it: they live only in the keychain.
type Snapshot map[string][]map[string]any

// derivedTables are rebuilt from the others (the search index's keys) or
// only coordinate running processes (a stop asked of another window, the
// count of history changes), so a backup leaves them out.
var derivedTables = []string{"message_search_keys", "stop_requests", "history_version"}

// RestoreResult counts the rows a restore added per table and names the
// tables of the backup this version of Parley does not know.
type RestoreResult struct {
	Rows    map[string]int `json:"rows"`
	Skipped []string       `json:"skipped"`
}

// Snapshot reads all the user's data in one read transaction, so a backup
// taken while another window writes is still consistent.
func (s *Store) Snapshot(ctx context.Context) (Snapshot, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("back up: %w", err)
	}
	defer tx.Rollback()
	tables, err := userTables(ctx, tx)
	if err != nil {
		return nil, err
	}
	snap := Snapshot{}
	for _, t := range tables {
		rows, err := dumpTable(ctx, tx, t)
		if err != nil {
			return nil, fmt.Errorf("back up %s: %w", t, err)
		}
		snap[t] = rows
	}
	return snap, nil
}

func dumpTable(ctx context.Context, tx *sql.Tx, table string) ([]map[string]any, error) {
	rows, err := tx.QueryContext(ctx, "SELECT * FROM "+quoteIdent(table)+" ORDER BY 1")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok {
				vals[i] = string(b)
			}
			row[c] = vals[i]
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// Restore writes a snapshot back in one transaction. With replace, every
// table is emptied first; otherwise rows whose key already exists are kept
// as they are and the others are added (a merge). Columns this version does
// not have are dropped; a failure leaves the database as it was.
func (s *Store) Restore(ctx context.Context, snap Snapshot, replace bool) (RestoreResult, error) {
	res := RestoreResult{Rows: map[string]int{}, Skipped: []string{}}
	err := s.inTx(ctx, "restore", func(tx *sql.Tx) error {
		// Rows may arrive before the rows they refer to; keys are checked at commit.
		if _, err := tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		tables, err := userTables(ctx, tx)
		if err != nil {
			return err
		}
		reindex, err := indexAfter(ctx, tx, replace)
		if err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		if replace {
			for _, t := range tables {
				if _, err := tx.ExecContext(ctx, "DELETE FROM "+quoteIdent(t)); err != nil {
					return fmt.Errorf("restore: empty %s: %w", t, err)
				}
			}
		}
		names := make([]string, 0, len(snap))
		for t := range snap {
			names = append(names, t)
		}
		sort.Strings(names)
		for _, t := range names {
			if !slices.Contains(tables, t) {
				res.Skipped = append(res.Skipped, t)
				continue
			}
			n, err := loadTable(ctx, tx, t, snap[t])
			if err != nil {
				return fmt.Errorf("restore %s: %w", t, err)
			}
			res.Rows[t] = n
		}
		if err := reindex(); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
		return nil
	})
	if err != nil {
		return RestoreResult{}, err
	}
	return res, nil
}

func loadTable(ctx context.Context, tx *sql.Tx, table string, rows []map[string]any) (int, error) {
	cols, err := tableColumns(ctx, tx, table)
	if err != nil {
		return 0, err
	}
	// Rows of a table mostly have the same columns: one statement is
	// prepared for each set of them, not one parsed again for each row.
	stmts := map[string]*sql.Stmt{}
	defer func() {
		for _, st := range stmts {
			st.Close()
		}
	}()
	added := 0
	for _, row := range rows {
		var names, marks []string
		var args []any
		for _, c := range cols {
			if v, ok := row[c]; ok {
				names, marks, args = append(names, quoteIdent(c)), append(marks, "?"), append(args, sqlValue(v))
			}
		}
		if len(names) == 0 {
			continue
		}
		key := strings.Join(names, ", ")
		st, ok := stmts[key]
		if !ok {
			if st, err = tx.PrepareContext(ctx, "INSERT OR IGNORE INTO "+quoteIdent(table)+" ("+key+") VALUES ("+strings.Join(marks, ", ")+")"); err != nil {
				return added, err
			}
			stmts[key] = st
		}
		r, err := st.ExecContext(ctx, args...)
		if err != nil {
			return added, err
		}
		n, _ := r.RowsAffected()
		added += int(n)
	}
	return added, nil
}

// sqlValue turns a value decoded from JSON back into what SQLite stored.
func sqlValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case float64:
		if x == float64(int64(x)) {
			return int64(x)
		}
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case map[string]any, []any:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return v
}

// userTables lists the ordinary tables of the schema, leaving out SQLite's
// own, virtual (full-text) tables with their shadow tables, and derived ones.
func userTables(ctx context.Context, tx *sql.Tx) ([]string, error) {
	all, err := names(ctx, tx, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	return slices.DeleteFunc(all, func(name string) bool { return slices.Contains(derivedTables, name) }), nil
}

func tableColumns(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	return names(ctx, tx, "SELECT name FROM pragma_table_info(?) ORDER BY cid", table)
}

// names reads a query of one text column, in a transaction or not.
func names(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
