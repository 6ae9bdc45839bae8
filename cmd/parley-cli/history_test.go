package main

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley/backend/store"
)

// newProfile adds a profile through the CLI and returns the id printed on
// the last line.
func newProfile(t *testing.T, args ...string) string {
	t.Helper()
	got := cli(t, "", append([]string{"profiles", "add"}, args...)...)
	if got.code != 0 {
		t.Fatalf("profiles add: %+v", got)
	}
	lines := strings.Split(strings.TrimSpace(got.stdout), "\n")
	id := lines[len(lines)-1]
	if !strings.HasPrefix(id, "p_") {
		t.Fatalf("last line of profiles add = %q", id)
	}
	return id
}

func jsonOf[T any](t *testing.T, o outcome) T {
	t.Helper()
	var v T
	if o.code != 0 {
		t.Fatalf("command failed: %+v", o)
	}
	if err := json.Unmarshal([]byte(o.stdout), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, o.stdout)
	}
	return v
}

type listed struct {
	ID        string `json:"id"`
	ProfileID string `json:"profileId"`
	Title     string `json:"title"`
	Messages  int    `json:"messages"`
	UpdatedAt int64  `json:"updatedAt"`
}

type shown struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Messages []struct {
		ID      string `json:"id"`
		Role    string `json:"role"`
		Status  string `json:"status"`
		Content string `json:"content"`
	} `json:"messages"`
}

type hit struct {
	ConversationID string `json:"conversationId"`
	MessageID      string `json:"messageId"`
	Snippet        string `json:"snippet"`
}

func TestAskProfileIsStoredInHistory(t *testing.T) {
	srv := fake(t)
	id := newProfile(t, "--kind", "openai", "--base-url", srv.URL+"/v1", "--model", "echo", "--name", "Fake")
	if set := cli(t, goodKey, "key", "set", "--profile", id); set.code != 0 {
		t.Fatalf("key set: %+v", set)
	}
	first := cli(t, "", "ask", "--profile", id, "--new", "Where is the 密钥 kept?")
	if first.code != 0 || first.stdout != "You said: Where is the 密钥 kept? — streamed by llmtest.\n" {
		t.Fatalf("ask: %+v", first)
	}
	list := jsonOf[[]listed](t, cli(t, "", "history", "list", "--json"))
	if len(list) != 1 || list[0].ProfileID != id || list[0].Messages != 2 || list[0].Title != "Where is the 密钥 kept?" || list[0].UpdatedAt == 0 {
		t.Fatalf("history list: %+v", list)
	}
	conv := list[0].ID
	if !strings.Contains(first.stderr, conv) {
		t.Errorf("ask did not name its conversation on stderr: %q", first.stderr)
	}
	// The next turn continues the conversation, with the first as history.
	if again := cli(t, "", "ask", "--conversation", conv, "--profile", id, "and", "then?"); again.code != 0 {
		t.Fatalf("ask --conversation: %+v", again)
	}
	if !strings.Contains(srv.Requests()[len(srv.Requests())-1].Body, "Where is the 密钥 kept?") {
		t.Error("the second turn did not send the first as history")
	}
	got := jsonOf[shown](t, cli(t, "", "history", "show", conv, "--json"))
	if got.ID != conv || len(got.Messages) != 4 || got.Messages[2].Content != "and then?" || got.Messages[3].Role != "assistant" || got.Messages[3].Status != string(store.StatusDone) {
		t.Fatalf("history show: %+v", got)
	}
	for _, q := range []string{"密钥", "kept", "KEP"} {
		hits := jsonOf[[]hit](t, cli(t, "", "history", "search", q, "--json"))
		if len(hits) != 2 || hits[0].ConversationID != conv || !strings.Contains(hits[0].Snippet, "<mark>") {
			t.Errorf("search %q: %+v", q, hits)
		}
	}
	if hits := jsonOf[[]hit](t, cli(t, "", "history", "search", "--json", "nowhere-to-be-found")); len(hits) != 0 {
		t.Errorf("search for nothing: %+v", hits)
	}
	if other := jsonOf[[]listed](t, cli(t, "", "history", "list", "--profile", id, "--json")); len(other) != 1 {
		t.Errorf("list --profile: %+v", other)
	}

	dir := t.TempDir()
	md := filepath.Join(dir, "c.md")
	if out := cli(t, "", "export", conv, "--format", "md", "-o", md); out.code != 0 {
		t.Fatalf("export: %+v", out)
	}
	if b, _ := os.ReadFile(md); !strings.Contains(string(b), "# Where is the 密钥 kept?") || !strings.Contains(string(b), "and then?") {
		t.Errorf("markdown export:\n%s", b)
	}
	if js := cli(t, "", "export", conv, "--format", "json"); js.code != 0 || !strings.Contains(js.stdout, `"format": "parley-conversation"`) {
		t.Errorf("json export: %+v", js)
	}

	// Back up, remove the profile (its conversations and key go too), restore.
	file := filepath.Join(dir, "backup.json")
	if b := cli(t, "", "backup", file); b.code != 0 {
		t.Fatalf("backup: %+v", b)
	}
	if raw, _ := os.ReadFile(file); strings.Contains(string(raw), goodKey) {
		t.Fatal("the backup holds a key")
	}
	if rm := cli(t, "", "profiles", "rm", id); rm.code != 0 {
		t.Fatalf("profiles rm: %+v", rm)
	}
	if left := jsonOf[[]listed](t, cli(t, "", "history", "list", "--json")); len(left) != 0 {
		t.Errorf("conversations left after profiles rm: %+v", left)
	}
	if st := cli(t, "", "ask", "--profile", id, "hi"); st.code != 1 {
		t.Errorf("ask with a removed profile: %+v", st)
	}
	if r := cli(t, "", "restore", file); r.code != 0 || !strings.Contains(r.stdout, "1 conversations, 4 messages") {
		t.Fatalf("restore: %+v", r)
	}
	if back := jsonOf[shown](t, cli(t, "", "history", "show", conv, "--json")); len(back.Messages) != 4 {
		t.Errorf("after restore: %+v", back)
	}
	if p := cli(t, "", "profiles"); !strings.Contains(p.stdout, id) || !strings.Contains(p.stdout, "no key") {
		t.Errorf("restored profile's key is not gone: %+v", p)
	}
	if r := cli(t, "", "restore", "--replace", file); r.code != 0 || !strings.Contains(r.stdout, "replaced") {
		t.Errorf("restore --replace: %+v", r)
	}
}

func TestAskProfileExitCodes(t *testing.T) {
	srv := fake(t)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://" + ln.Addr().String() + "/v1"
	ln.Close()
	for _, tt := range []struct {
		name, base, model string
		code              int
		status, content   string
	}{
		{"refused", srv.URL + "/v1", "rate-limited", 2, string(store.StatusError), ""},
		{"unreachable", closed, "echo", 3, string(store.StatusError), ""},
		{"broke off", srv.URL + "/v1", "cut", 4, string(store.StatusError), "This answer will "},
	} {
		t.Run(tt.name, func(t *testing.T) {
			id := newProfile(t, "--kind", "openai", "--base-url", tt.base, "--model", tt.model)
			cli(t, goodKey, "key", "set", "--profile", id)
			t.Cleanup(func() { cli(t, "", "profiles", "rm", id) })
			got := cli(t, "", "ask", "--profile", id, "hi")
			if got.code != tt.code {
				t.Fatalf("code %d, want %d: %+v", got.code, tt.code, got)
			}
			list := jsonOf[[]listed](t, cli(t, "", "history", "list", "--profile", id, "--json"))
			c := jsonOf[shown](t, cli(t, "", "history", "show", list[0].ID, "--json"))
			if len(c.Messages) != 2 || c.Messages[0].Content != "hi" || c.Messages[1].Status != tt.status || c.Messages[1].Content != tt.content {
				t.Errorf("stored: %+v", c.Messages)
			}
		})
	}
	if got := cli(t, "", "ask", "--profile", "p_nope", "hi"); got.code != 1 || !strings.Contains(got.stderr, "no longer exists") {
		t.Errorf("missing profile: %+v", got)
	}
	if got := cli(t, "", "ask", "--profile", "p_x", "--new", "--conversation", "c_y", "hi"); got.code != 1 {
		t.Errorf("--new with --conversation: %+v", got)
	}
}

func TestProfilesAddChecksItsInput(t *testing.T) {
	fake(t)
	for _, args := range [][]string{
		{"--base-url", "http://127.0.0.1:1/v1", "--model", "m"},
		{"--kind", "smoke-signals", "--base-url", "http://127.0.0.1:1/v1", "--model", "m"},
		{"--kind", "openai", "--model", "m"},
		{"--kind", "openai", "--base-url", "http://127.0.0.1:1/v1"},
		{"--kind", "openai", "--base-url", "api.openai.com", "--model", "m"},
	} {
		if got := cli(t, "", append([]string{"profiles", "add"}, args...)...); got.code != 1 || got.stderr == "" {
			t.Errorf("profiles add %v: %+v", args, got)
		}
	}
	id := newProfile(t, "--kind", "ollama", "--base-url", "http://127.0.0.1:11434", "--model", "llama3")
	if got := cli(t, "", "profiles"); !strings.Contains(got.stdout, id+"\tollama at 127.0.0.1:11434\tollama") {
		t.Errorf("default name: %+v", got)
	}
	if got := cli(t, "", "profiles", "rm", "p_missing"); got.code != 1 {
		t.Errorf("rm of a missing profile: %+v", got)
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, cmd := range commandOrder {
		got := cli(t, "", cmd, "--help")
		if got.code != 0 || !strings.Contains(got.stdout, "parley-cli "+cmd) {
			t.Errorf("%s --help: %+v", cmd, got)
		}
	}
	if got := cli(t, "", "history", "show", "-h"); got.code != 0 || !strings.Contains(got.stdout, "history search") {
		t.Errorf("history show -h: %+v", got)
	}
	if got := cli(t, "", "help"); got.code != 0 || !strings.Contains(got.stdout, "import --from") {
		t.Errorf("help: %+v", got)
	}
}

func TestAutoBackupFromTheCLI(t *testing.T) {
	fake(t)
	newProfile(t, "--kind", "ollama", "--base-url", "http://127.0.0.1:11434", "--model", "llama3")
	first := cli(t, "", "backup", "--auto")
	second := cli(t, "", "backup", "--auto")
	if first.code != 0 || !strings.HasPrefix(first.stdout, "wrote ") || second.code != 0 || !strings.Contains(second.stdout, "already there") {
		t.Fatalf("backup --auto: %+v %+v", first, second)
	}
	names, _ := filepath.Glob(filepath.Join(os.Getenv("PARLEY_DATA_DIR"), "backups", "parley-backup-*.json"))
	if len(names) != 1 {
		t.Errorf("backups: %v", names)
	}
}

func TestRenamePinRemoveFromTheCLI(t *testing.T) {
	srv := fake(t)
	id := newProfile(t, "--kind", "openai", "--base-url", srv.URL+"/v1", "--model", "echo")
	cli(t, goodKey, "key", "set", "--profile", id)
	t.Cleanup(func() { cli(t, "", "key", "rm", "--profile", id) })
	cli(t, "", "ask", "--profile", id, "first")
	cli(t, "", "ask", "--profile", id, "second")
	list := jsonOf[[]listed](t, cli(t, "", "history", "list", "--json"))
	older := list[1].ID
	if got := cli(t, "", "history", "pin", older); got.code != 0 {
		t.Fatalf("pin: %+v", got)
	}
	if got := cli(t, "", "history", "rename", older, "Kept", "on", "top"); got.code != 0 {
		t.Fatalf("rename: %+v", got)
	}
	list = jsonOf[[]listed](t, cli(t, "", "history", "list", "--json"))
	if list[0].ID != older || list[0].Title != "Kept on top" {
		t.Errorf("after pin and rename: %+v", list)
	}
	cli(t, "", "history", "unpin", older)
	if list = jsonOf[[]listed](t, cli(t, "", "history", "list", "--json")); list[0].ID == older {
		t.Errorf("after unpin: %+v", list)
	}
	if got := cli(t, "", "history", "rm", older); got.code != 0 {
		t.Fatalf("rm: %+v", got)
	}
	if got := cli(t, "", "history", "show", older); got.code != 1 {
		t.Errorf("show after rm: %+v", got)
	}
}
