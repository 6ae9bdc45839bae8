package chat_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"parley/backend/chat"
	"parley/backend/internal/testkit"
	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

const (
	titleKey      = "sk-test-title-key-5678"
	titleQuestion = "How do I brew **green tea**?\nI have a kettle."
	autoTitle     = "How do I brew green tea?"
	modelTitle    = "Green Tea Brewing Basics" // the fake's "titled" reply, cleaned
)

// titled is a chat service over a real SQLite file, the real keychain and
// the fake provider's "titled" model, whose every reply reads as a title.
type titled struct {
	world
	svc   *chat.Service
	emits []string
	log   testkit.Buffer
	mu    sync.Mutex
	// beforeTitle, when set, runs as the provider for the title request
	// (the second of the conversation) is made; it may give another key.
	beforeTitle func() (key string)
}

func (f *titled) Emit(name string, _ any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.emits = append(f.emits, name)
}

func newTitled(t *testing.T, on bool) *titled {
	t.Helper()
	f := &titled{world: newWorld(t, "titled", titleKey)}
	made := 0
	newProvider := func(p store.Profile, key string) (llm.Provider, error) {
		if made++; made == 2 && f.beforeTitle != nil {
			if k := f.beforeTitle(); k != "" {
				key = k
			}
		}
		return openaiProvider(p, key)
	}
	askTitle := func(context.Context) (string, bool) { return "en", on }
	logger := slog.New(slog.NewTextHandler(&f.log, nil))
	f.svc = chat.New(f.store, f.keys, newProvider, f, chat.Options{AskTitle: askTitle, Logger: logger})
	t.Cleanup(f.svc.Shutdown)
	return f
}

// ask sends the first question and waits for the answer and any title.
func (f *titled) ask(t *testing.T) store.Message {
	t.Helper()
	sent, err := f.svc.Send(context.Background(), f.conv.ID, titleQuestion)
	if err != nil {
		t.Fatal(err)
	}
	f.svc.Wait()
	m, err := f.store.Message(context.Background(), sent.Assistant.ID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (f *titled) title(t *testing.T) string {
	t.Helper()
	c, err := f.store.Conversation(context.Background(), f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	return c.Title
}

func (f *titled) emitted(name string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range f.emits {
		if e == name {
			return true
		}
	}
	return false
}

// chatRequests are the chat requests the fake received.
func (f *titled) chatRequests() []llmtest.Recorded {
	var out []llmtest.Recorded
	for _, r := range f.srv.Requests() {
		if strings.HasSuffix(r.Path, "/chat/completions") {
			out = append(out, r)
		}
	}
	return out
}

// checkAnswer asserts the answer is whole and the only message besides the question.
func (f *titled) checkAnswer(t *testing.T, m store.Message) {
	t.Helper()
	if m.Status != store.StatusDone || !strings.HasPrefix(m.Content, `## "Green Tea Brewing Basics"`) {
		t.Fatalf("answer = %q (%s), want the fake's whole reply, done", m.Content, m.Status)
	}
	msgs, err := f.store.Messages(context.Background(), f.conv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 {
		t.Fatalf("the conversation holds %d messages, want the question and the answer only", len(msgs))
	}
}

func TestModelTitleReplacesTheAutomaticOne(t *testing.T) {
	f := newTitled(t, true)
	m := f.ask(t)
	f.checkAnswer(t, m)
	if got := f.title(t); got != modelTitle {
		t.Fatalf("title = %q, want the model's, cleaned: %q", got, modelTitle)
	}
	if !f.emitted(chat.EventDataChanged) {
		t.Fatal("the window was not told the title changed")
	}
	reqs := f.chatRequests()
	if len(reqs) != 2 || !strings.Contains(reqs[1].Body, "short title") || !strings.Contains(reqs[1].Body, "green tea") {
		t.Fatalf("want a second request asking for a title of the exchange, got %d: %v", len(reqs), reqs)
	}
	// A second answer in the conversation asks nothing more.
	if _, err := f.svc.Send(context.Background(), f.conv.ID, "And black tea?"); err != nil {
		t.Fatal(err)
	}
	f.svc.Wait()
	if n := len(f.chatRequests()); n != 3 {
		t.Fatalf("%d requests after a second question, want 3 (no second title)", n)
	}
}

func TestModelTitleOffKeepsTheFirstLine(t *testing.T) {
	f := newTitled(t, false)
	f.checkAnswer(t, f.ask(t))
	if got := f.title(t); got != autoTitle {
		t.Fatalf("title = %q, want the first line %q", got, autoTitle)
	}
	if n := len(f.chatRequests()); n != 1 {
		t.Fatalf("%d requests, want the answer's only", n)
	}
}

func TestModelTitleKeepsARenameMadeMeanwhile(t *testing.T) {
	f := newTitled(t, true)
	f.beforeTitle = func() string {
		// The user renames the conversation while its title is asked for.
		if err := f.store.RenameConversation(context.Background(), f.conv.ID, "My tea notes"); err != nil {
			t.Error(err)
		}
		return ""
	}
	f.checkAnswer(t, f.ask(t))
	if got := f.title(t); got != "My tea notes" {
		t.Fatalf("title = %q, want the user's", got)
	}
}

func TestModelTitleFailureKeepsTheAutomaticTitle(t *testing.T) {
	f := newTitled(t, true)
	const wrong = "sk-wrong-title-key-0000"
	f.beforeTitle = func() string { return wrong } // the fake answers 401
	f.checkAnswer(t, f.ask(t))
	if got := f.title(t); got != autoTitle {
		t.Fatalf("title = %q, want the automatic %q", got, autoTitle)
	}
	log := f.log.String()
	if !strings.Contains(log, "no title from the model") || strings.Contains(log, wrong) || strings.Contains(log, titleKey) {
		t.Fatalf("want the failure logged without the key, got:\n%s", log)
	}
	if f.emitted(chat.EventError) || f.emitted(chat.EventDataChanged) {
		t.Fatalf("a failed title showed something: %v", f.emits)
	}
}

func TestQuittingAbandonsAPendingTitle(t *testing.T) {
	f := newTitled(t, true)
	asked := make(chan struct{})
	f.beforeTitle = func() string {
		// The title request meets a provider that sends headers, then nothing.
		f.srv.Handle("titled", llmtest.Scenario{Stall: true})
		close(asked)
		return ""
	}
	if _, err := f.svc.Send(context.Background(), f.conv.ID, titleQuestion); err != nil {
		t.Fatal(err)
	}
	<-asked
	// Before the fix, quitting waited for the stalled title (up to its idle
	// wait or TitleTimeout) and the log then told of a timeout.
	f.svc.Quit()
	f.mu.Lock()
	log := f.log.String()
	f.mu.Unlock()
	if !strings.Contains(log, "title abandoned: Parley is quitting") {
		t.Fatalf("want the title abandoned when Parley quits, log:\n%s", log)
	}
	if got := f.title(t); got != autoTitle {
		t.Fatalf("title = %q, want the automatic %q", got, autoTitle)
	}
}

func TestCleanTitle(t *testing.T) {
	for _, c := range []struct{ reply, want string }{
		{`## "Green Tea Brewing Basics"` + "\n\nSteep at 80 °C.", "Green Tea Brewing Basics"},
		{"Title: **Rust lifetimes explained.**", "Rust lifetimes explained"},
		{"\n\n“Parley's first chat”\n", "Parley's first chat"},
		{"《绿茶冲泡入门》。", "绿茶冲泡入门"},
		{"标题：密钥保存方法", "密钥保存方法"},
		{"```\n", ""},
		{"   ", ""},
		{strings.Repeat("word ", 20), strings.TrimSpace(strings.Repeat("word ", 8))},
	} {
		if got := chat.CleanTitle(c.reply); got != c.want {
			t.Errorf("CleanTitle(%q) = %q, want %q", c.reply, got, c.want)
		}
	}
}
