package logging_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley/backend/logging"
)

func TestRotatesAndKeepsAFewFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "logs", "parley.log")
	f, err := logging.OpenRotating(path, 100, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for i := range 10 {
		fmt.Fprintf(f, "line %02d %s\n", i, strings.Repeat("x", 30)) // 40 bytes: two lines a file
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if fmt.Sprint(names) != "[parley.log parley.log.1 parley.log.2]" {
		t.Fatalf("files = %v, want the log and two old ones", names)
	}
	for _, name := range names {
		if st, _ := os.Stat(filepath.Join(filepath.Dir(path), name)); st.Size() > 100 {
			t.Errorf("%s is %d bytes, over the cap", name, st.Size())
		}
	}
	if cur, _ := os.ReadFile(path); !strings.HasPrefix(string(cur), "line 08") {
		t.Errorf("current log starts %q, want the newest lines", cur)
	}
}

func TestRecordsAreScrubbed(t *testing.T) {
	key := "sk-proj-abcdefghijklmnopqrstuvwx1234"
	var secrets logging.Secrets
	secrets.Add(key)
	var stderr bytes.Buffer
	dir := t.TempDir()
	log, err := logging.Open(dir, &secrets, &stderr)
	if err != nil {
		t.Fatal(err)
	}
	log.With("key", key).Error("sent "+key, "err", errors.New("401: bad key "+key[3:20]), "body", key,
		"group", map[string]string{"k": key})
	log.Close()
	file, _ := os.ReadFile(log.Path())
	for where, out := range map[string]string{"file": string(file), "stderr": stderr.String()} {
		if !strings.Contains(out, "level=ERROR") {
			t.Errorf("%s: %q, want the record", where, out)
		}
		for i := 0; i+8 <= len(key); i++ {
			if strings.Contains(out, key[i:i+8]) {
				t.Errorf("%s holds %q of the key: %s", where, key[i:i+8], out)
				break
			}
		}
	}
	if filepath.Dir(log.Path()) != dir {
		t.Errorf("log at %s, want in %s", log.Path(), dir)
	}
}
