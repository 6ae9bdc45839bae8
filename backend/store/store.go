// Package store keeps profiles, conversations and messages in one SQLite
// file (modernc.org/sqlite, pure Go). Schema changes are numbered SQL files
// embedded in the binary and applied in order on open.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"parley/backend/problem"
)

//go:embed migrations/*.sql
var migrations embed.FS

// ErrNotFound is returned when a row asked for by id does not exist.
var ErrNotFound = errors.New("not found")

// Store is an open database.
type Store struct {
	db  *sql.DB
	now func() time.Time
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, problem.Wrap(err, problem.KindInternal, "Parley could not create its data folder",
			fmt.Sprintf("%s could not be created: %v", filepath.Dir(path), err),
			"Check that the folder's parent exists and is writable, or set PARLEY_DATA_DIR to a folder you can write to.")
	}
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=busy_timeout(5000)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // one writer; SQLite serialises anyway and this avoids SQLITE_BUSY
	s := &Store{db: db, now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, problem.Wrap(err, problem.KindInternal, "The conversation database could not be opened",
			fmt.Sprintf("%s: %v", path, err),
			"Check that the disk has space and the file is not used by another copy of Parley.")
	}
	return s, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		n, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with its number", name)
		}
		if n <= version {
			continue
		}
		if err := s.apply(ctx, name, n); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) apply(ctx context.Context, name string, n int) error {
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return fmt.Errorf("migration %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", n)); err != nil {
		return err
	}
	return tx.Commit()
}

// NewID returns a random identifier with a readable prefix ("p_", "c_", "m_").
func NewID(prefix string) string {
	b := make([]byte, 9)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// notFound explains a missing row: usually it was deleted in another window.
func notFound(what, id string) error {
	return problem.Wrap(fmt.Errorf("%s %s: %w", what, id, ErrNotFound), problem.KindInvalidInput,
		"That "+what+" no longer exists", fmt.Sprintf("No %s with id %s was found; it may have been deleted.", what, id),
		"Pick another "+what+" or create a new one.")
}

func (s *Store) stamp() int64 { return s.now().UnixMilli() }
