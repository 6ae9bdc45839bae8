package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sampleDir = "../../backend/importer/testdata/"

// secretsOnDisk reports which of secrets appear in any file of the data
// folder (the database, its WAL and anything else).
func secretsOnDisk(t *testing.T, secrets ...string) []string {
	t.Helper()
	var found []string
	filepath.Walk(os.Getenv("PARLEY_DATA_DIR"), func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(path)
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				found = append(found, s+" in "+filepath.Base(path))
			}
		}
		return nil
	})
	return found
}

func TestImportNextChatKeepsKeysOutOfTheDatabase(t *testing.T) {
	fake(t)
	secrets := []string{"sk-nextchat-test-openai-0000abcd", "sk-ant-nextchat-test-0000wxyz"}
	got := cli(t, "", "import", "--from", "nextchat", sampleDir+"nextchat-backup.json")
	if got.code != 0 {
		t.Fatalf("import: %+v", got)
	}
	for _, want := range []string{"imported 3 conversations (6 messages) into NextChat (imported)", "only in NextChat's cache", "the file holds 2 keys", "--keys"} {
		if !strings.Contains(got.stdout, want) {
			t.Errorf("summary lacks %q:\n%s", want, got.stdout)
		}
	}
	if leaked := secretsOnDisk(t, secrets...); len(leaked) > 0 {
		t.Fatalf("keys reached the data folder: %v", leaked)
	}
	list := jsonOf[[]listed](t, cli(t, "", "history", "list", "--json"))
	if len(list) != 3 {
		t.Fatalf("history after import: %+v", list)
	}
	if hits := jsonOf[[]hit](t, cli(t, "", "history", "search", "密钥", "--json")); len(hits) != 2 {
		t.Errorf("imported Chinese not found: %+v", hits)
	}
	profile := list[0].ProfileID
	if p := cli(t, "", "profiles"); !strings.Contains(p.stdout, profile+"\tNextChat (imported)") || !strings.Contains(p.stdout, "no key") {
		t.Fatalf("profiles: %s", p.stdout)
	}

	// With --keys: the OpenAI key goes to the imported profile (its host is
	// api.openai.com); the relay's key has no profile and stays out.
	again := cli(t, "", "import", "--from", "nextchat", "--keys", sampleDir+"nextchat-backup.json")
	if again.code != 0 || !strings.Contains(again.stdout, "imported 0 conversations") || !strings.Contains(again.stdout, "skipped 3 conversations imported before") {
		t.Fatalf("second import: %+v", again)
	}
	if !strings.Contains(again.stdout, "key for openai (api.openai.com) moved into the keychain for profile "+profile) ||
		!strings.Contains(again.stdout, "key for anthropic (relay.example.com) not moved: no profile on relay.example.com") {
		t.Errorf("key moves:\n%s", again.stdout)
	}
	if p := cli(t, "", "profiles"); !strings.Contains(p.stdout, "sk-…abcd") {
		t.Errorf("the key is not in the keychain: %s", p.stdout)
	}
	if leaked := secretsOnDisk(t, secrets...); len(leaked) > 0 {
		t.Fatalf("keys reached the data folder: %v", leaked)
	}
	cli(t, "", "key", "rm", "--profile", profile)
}

func TestImportEveryFormat(t *testing.T) {
	fake(t)
	for _, tt := range []struct{ from, file, want string }{
		{"chatbox", "chatbox-backup.json", "imported 3 conversations (6 messages)"},
		{"chatbox", "chatbox-old.json", "imported 3 conversations (5 messages)"},
		{"chatgpt", "chatgpt-conversations.json", "imported 2 conversations (6 messages)"},
	} {
		got := cli(t, "", "import", "--from", tt.from, sampleDir+tt.file)
		if got.code != 0 || !strings.Contains(got.stdout, tt.want) {
			t.Errorf("%s: %+v", tt.file, got)
		}
	}
	if list := jsonOf[[]listed](t, cli(t, "", "history", "list", "--json")); len(list) != 8 {
		t.Errorf("%d conversations after three imports", len(list))
	}
	// A Chatbox file is not a NextChat one: nothing is imported, the
	// message says how to get the right file.
	bad := cli(t, "", "import", "--from", "nextchat", sampleDir+"chatbox-backup.json")
	if bad.code != 1 || !strings.Contains(bad.stderr, "not a NextChat backup") || !strings.Contains(bad.stderr, "Export") {
		t.Errorf("wrong format: %+v", bad)
	}
	if got := cli(t, "", "import", "--from", "cherry", "x.json"); got.code != 1 {
		t.Errorf("unknown format: %+v", got)
	}
}
