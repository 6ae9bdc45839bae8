// Package store keeps profiles, conversations and messages in one SQLite
// file (modernc.org/sqlite, pure Go). Schema changes are numbered SQL files
// embedded in the binary and applied in order on open.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"database/sql/driver"
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
	"sync"
	"time"

	"modernc.org/sqlite"

	"parley/backend/problem"
)

//go:embed migrations/*.sql
var migrations embed.FS

// ErrNotFound is returned when a row asked for by id does not exist.
var ErrNotFound = errors.New("not found")

// Store is an open database. Several Parley processes (the main window and
// each provider's own window) may have the same file open at once: writes
// begin immediately and wait for each other, migrations run under a lock,
// and each Store records itself as the owner of the answers it streams.
type Store struct {
	db    *sql.DB
	now   func() time.Time
	owner *owner

	stop      chan struct{}
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// busyTimeout is how long a write waits for another process's write to end
// before it fails; a write takes milliseconds, so this is only reached when
// something is badly wrong.
const busyTimeout = 10 * time.Second

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, problem.Wrap(err, problem.KindInternal, "Parley could not create its data folder",
			fmt.Sprintf("%s could not be created: %v", filepath.Dir(path), err),
			"Check that the folder's parent exists and is writable, or set PARLEY_DATA_DIR to a folder you can write to.")
	}
	s, err := open(ctx, path)
	// Several first starts at once race to switch a new file to WAL, which
	// SQLite answers with SQLITE_BUSY without waiting: try again shortly.
	for try := 1; err != nil && busy(err) && try < 8; try++ {
		time.Sleep(time.Duration(try*try) * 20 * time.Millisecond)
		s, err = open(ctx, path)
	}
	if err != nil {
		return nil, problem.Wrap(err, problem.KindInternal, "The conversation database could not be opened",
			fmt.Sprintf("%s: %v", path, err),
			"Check that the disk has space and the file is not used by another copy of Parley.")
	}
	return s, nil
}

// open connects with _txlock=immediate, so every transaction takes the
// write lock when it begins: a deferred one that reads and then writes
// fails at once with SQLITE_BUSY_SNAPSHOT when another process wrote in
// between, and the busy timeout cannot help it.
func open(ctx context.Context, path string) (*Store, error) {
	dsn := fmt.Sprintf("file:%s?_txlock=immediate&_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)"+
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)", path, busyTimeout.Milliseconds())
	base, err := sqlite.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{now: time.Now, stop: make(chan struct{})}
	s.db = sql.OpenDB(connector{Connector: base, setup: s.setupConn})
	s.db.SetMaxOpenConns(1) // one connection per process: PRAGMA data_version then sees only other processes' writes
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	if s.owner, err = claimOwner(path); err != nil {
		s.db.Close()
		return nil, err
	}
	if _, err := s.db.ExecContext(ctx, s.owner.triggers()); err != nil {
		s.Close()
		return nil, fmt.Errorf("record the owner of streaming answers: %w", err)
	}
	return s, nil
}

// Close stops [Store.Watch], closes the database and gives up ownership of
// the answers this Store was streaming. Closing again does nothing.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.stop)
		s.wg.Wait()
		s.closeErr = s.db.Close()
		if s.owner != nil {
			s.owner.release()
		}
	})
	return s.closeErr
}

// connector runs setup on every connection database/sql opens.
type connector struct {
	driver.Connector
	setup func(ctx context.Context, c driver.Conn) error
}

func (c connector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	if err := c.setup(ctx, conn); err != nil {
		conn.Close()
		return nil, err
	}
	return conn, nil
}

// setupConn gives a connection opened after the first (database/sql may
// replace a broken one) the owner triggers, which live on the connection.
func (s *Store) setupConn(ctx context.Context, c driver.Conn) error {
	if s.owner == nil {
		return nil // Open adds them once the schema is migrated
	}
	ex, ok := c.(driver.ExecerContext)
	if !ok {
		return errors.New("the SQLite driver cannot execute statements on a connection")
	}
	_, err := ex.ExecContext(ctx, s.owner.triggers(), nil)
	return err
}

// migrate applies the migrations newer than the file's user_version. They
// run in one transaction that holds the write lock and reads the version
// again inside it, so when several processes start on a new file at once
// one migrates and the others find the work done.
func (s *Store) migrate(ctx context.Context) error {
	version, err := s.version(ctx, s.db)
	if err != nil {
		return err
	}
	if pending, err := pendingMigrations(version); err != nil || len(pending) == 0 {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil) // BEGIN IMMEDIATE: see open
	if err != nil {
		return fmt.Errorf("lock the database to migrate it: %w", err)
	}
	defer tx.Rollback()
	if version, err = s.version(ctx, tx); err != nil {
		return err
	}
	pending, err := pendingMigrations(version)
	if err != nil {
		return err
	}
	for _, m := range pending {
		body, err := migrations.ReadFile(m.name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.number)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (s *Store) version(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

type migration struct {
	name   string
	number int
}

// pendingMigrations lists the embedded migrations numbered above version,
// in order.
func pendingMigrations(version int) ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, name := range names {
		n, err := strconv.Atoi(strings.SplitN(filepath.Base(name), "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", name)
		}
		if n > version {
			out = append(out, migration{name: name, number: n})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].number < out[j].number })
	return out, nil
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

// busy reports whether err is SQLite's SQLITE_BUSY or SQLITE_LOCKED (in
// any of their extended forms): another connection held the lock.
func busy(err error) bool {
	var coded interface{ Code() int }
	if errors.As(err, &coded) {
		switch coded.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return true
		}
	}
	return false
}
