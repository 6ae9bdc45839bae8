package store_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// A migration that has shipped may already be applied to someone's
// database, where an edit would never run: change the schema with a new
// file instead. testdata/migrations.sum holds every migration's SHA-256;
// a new migration adds its line (sha256sum migrations/NNN_x.sql).
func TestAppliedMigrationsAreNeverEdited(t *testing.T) {
	golden := map[string]string{}
	f, err := os.Open("testdata/migrations.sum")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sc := bufio.NewScanner(f); sc.Scan(); {
		if sum, name, ok := strings.Cut(strings.TrimSpace(sc.Text()), "  "); ok {
			golden[name] = sum
		}
	}
	for _, name := range migrationFiles(t) {
		body, _ := os.ReadFile(filepath.Join("migrations", name))
		sum := sha256.Sum256(body)
		want, ok := golden[name]
		switch {
		case !ok:
			t.Errorf("%s has no checksum in testdata/migrations.sum: add %q", name, hex.EncodeToString(sum[:])+"  "+name)
		case want != hex.EncodeToString(sum[:]):
			t.Errorf("%s was edited after it was released; put the change in a new migration", name)
		}
		delete(golden, name)
	}
	for name := range golden {
		t.Errorf("%s is in testdata/migrations.sum but was removed; a released migration must stay", name)
	}
}

func migrationFiles(t *testing.T) []string {
	t.Helper()
	names, err := filepath.Glob("migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		names[i] = filepath.Base(names[i])
	}
	sort.Strings(names)
	return names
}

func migrationNumber(name string) int {
	n, _ := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
	return n
}

// oldDatabase writes at path a database as Parley left it when upTo was
// its newest migration: the schema of every migration numbered up to upTo,
// that version, and the rows stmts insert. It returns the version.
func oldDatabase(t *testing.T, path string, upTo int, stmts ...string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	version := 0
	for _, name := range migrationFiles(t) {
		if migrationNumber(name) > upTo {
			break
		}
		body, err := os.ReadFile(filepath.Join("migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(body)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		version = migrationNumber(name)
	}
	for _, q := range append([]string{fmt.Sprintf("PRAGMA user_version = %d", version)}, stmts...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(q, err)
		}
	}
	return version
}

// Every earlier schema, holding data, opens with the current code: nothing
// is lost, and the old messages are searchable and pinnable.
func TestMigrationsFromEveryEarlierVersion(t *testing.T) {
	names := migrationFiles(t)
	for i := range names {
		version := migrationNumber(names[i])
		t.Run(fmt.Sprintf("from_%03d", version), func(t *testing.T) {
			path := dbPath(t)
			// Data as the first schema knew it; every later one keeps these columns.
			oldDatabase(t, path, version,
				`INSERT INTO profiles (id, name, kind, base_url, model, created_at, updated_at) VALUES ('p_old', 'Old', 'openai', 'https://api.openai.com/v1', 'gpt-4o-mini', 1, 1)`,
				`INSERT INTO conversations (id, profile_id, title, created_at, updated_at) VALUES ('c_old', 'p_old', 'Kept', 1, 2)`,
				`INSERT INTO messages (id, conversation_id, seq, role, content, status, created_at, updated_at) VALUES ('m_1', 'c_old', 1, 'user', 'Where is my API key stored? 密钥在哪里', 'done', 1, 1)`,
				`INSERT INTO messages (id, conversation_id, seq, role, content, status, created_at, updated_at) VALUES ('m_2', 'c_old', 2, 'assistant', 'half an answer', 'streaming', 2, 2)`,
			)

			ctx := context.Background()
			s := open(t, path)
			defer s.Close()
			msgs, err := s.Messages(ctx, "c_old")
			if err != nil || len(msgs) != 2 || msgs[0].Content != "Where is my API key stored? 密钥在哪里" || msgs[1].Content != "half an answer" {
				t.Fatalf("messages after migration: %+v %v", msgs, err)
			}
			for _, q := range []string{"stored", "密钥", "answer"} {
				if hits, err := s.Search(ctx, q, 0); err != nil || len(hits) != 1 {
					t.Errorf("search %q after migration: %+v %v", q, hits, err)
				}
			}
			if err := s.PinConversation(ctx, "c_old", true); err != nil {
				t.Error(err)
			}
			list, _ := s.ConversationSummaries(ctx, "p_old")
			if len(list) != 1 || !list[0].Pinned || list[0].Messages != 2 || list[0].Title != "Kept" {
				t.Errorf("list after migration: %+v", list)
			}
		})
	}
}
