package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"parley/backend/export"
	"parley/backend/store"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// fill gives s two profiles with conversations in English and Chinese, a
// pinned one and an answer that was interrupted.
func fill(t *testing.T, s *store.Store) store.Conversation {
	t.Helper()
	ctx := context.Background()
	p, _ := s.SaveProfile(ctx, store.Profile{Name: "OpenAI", Kind: "openai", BaseURL: "https://api.openai.com/v1", Model: "gpt-4o-mini", SystemPrompt: "Be brief."})
	q, _ := s.SaveProfile(ctx, store.Profile{Name: "Qwen", Kind: "dashscope", BaseURL: "https://dashscope.aliyuncs.com", Model: "qwen-plus"})
	c, _ := s.CreateConversation(ctx, p.ID, "Keys and **keychains**")
	s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "user", Content: "Where is my key?", Status: store.StatusDone})
	s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "assistant", Content: "In the keychain.\n\n```sh\nparley-cli key set\n```", Reasoning: "The user asks\nabout keys.", Status: store.StatusDone, Model: "gpt-4o-mini", InputTokens: 12, OutputTokens: 30})
	s.AddMessage(ctx, store.Message{ConversationID: c.ID, Role: "assistant", Content: "half", Status: store.StatusInterrupted})
	d, _ := s.CreateConversation(ctx, q.ID, "密钥")
	s.AddMessage(ctx, store.Message{ConversationID: d.ID, Role: "user", Content: "我的密钥在哪里？", Status: store.StatusDone})
	s.PinConversation(ctx, d.ID, true)
	return c
}

func TestMarkdownAndJSONOfAConversation(t *testing.T) {
	s := openStore(t)
	c := fill(t, s)
	msgs, _ := s.Messages(context.Background(), c.ID)
	var md bytes.Buffer
	if err := export.Markdown(&md, c, msgs); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Keys and **keychains**\n", "## You", "Where is my key?", "## Assistant (gpt-4o-mini)", "> **Reasoning**\n>\n> The user asks\n> about keys.", "```sh\nparley-cli key set\n```", "_Interrupted: Parley ended while this answer arrived._"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	var js bytes.Buffer
	if err := export.JSON(&js, c, msgs); err != nil {
		t.Fatal(err)
	}
	var back export.Conversation
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Format != export.ConversationFormat || back.Conversation.ID != c.ID || !reflect.DeepEqual(back.Messages, msgs) {
		t.Errorf("json round trip differs: %+v", back)
	}
}

func backup(t *testing.T, s *store.Store) (export.Backup, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if _, err := export.WriteBackup(context.Background(), s, &buf); err != nil {
		t.Fatal(err)
	}
	b, err := export.ReadBackup(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	return b, buf.Bytes()
}

func TestBackupRestoreRoundTripIsEqual(t *testing.T) {
	ctx := context.Background()
	src := openStore(t)
	fill(t, src)
	b, raw := backup(t, src)
	if n := len(b.Tables["messages"]); n != 4 {
		t.Fatalf("backup holds %d messages", n)
	}
	dst := openStore(t)
	counts, _, err := export.Restore(ctx, dst, b, true)
	if err != nil || counts != (export.Counts{Profiles: 2, Conversations: 2, Messages: 4}) {
		t.Fatalf("restore = %+v, %v", counts, err)
	}
	again, _ := backup(t, dst)
	if !reflect.DeepEqual(b.Tables, again.Tables) {
		t.Errorf("a restored backup differs from the original:\n%s", raw)
	}
	// The restored copy works like the original: search, pins, order.
	if hits, _ := dst.Search(ctx, "密钥", 0); len(hits) != 1 {
		t.Errorf("search after restore: %+v", hits)
	}
	list, _ := dst.ConversationSummaries(ctx, "")
	if len(list) != 2 || !list[0].Pinned {
		t.Errorf("list after restore: %+v", list)
	}
}

func TestRestoreMergesOrReplaces(t *testing.T) {
	ctx := context.Background()
	src := openStore(t)
	fill(t, src)
	b, _ := backup(t, src)

	dst := openStore(t)
	mine, _ := dst.SaveProfile(ctx, store.Profile{Name: "Mine", Kind: "ollama", BaseURL: "http://127.0.0.1:11434", Model: "llama3"})
	// Merging twice adds the backup once and keeps what was there.
	for range 2 {
		if _, _, err := export.Restore(ctx, dst, b, false); err != nil {
			t.Fatal(err)
		}
	}
	profiles, _ := dst.Profiles(ctx)
	if len(profiles) != 3 {
		t.Errorf("after merge: %d profiles, want 3", len(profiles))
	}
	if list, _ := dst.ConversationSummaries(ctx, ""); len(list) != 2 || list[0].Messages+list[1].Messages != 4 {
		t.Errorf("after merge: %+v", list)
	}
	if _, _, err := export.Restore(ctx, dst, b, true); err != nil {
		t.Fatal(err)
	}
	if _, err := dst.Profile(ctx, mine.ID); err == nil {
		t.Error("replace kept a profile the backup does not have")
	}
}

func TestRestoreRefusesOtherFiles(t *testing.T) {
	for _, body := range []string{`{"chat-next-web-store": {}}`, `not json`, `{"format":"parley-backup","version":9}`} {
		if _, err := export.ReadBackup(strings.NewReader(body)); err == nil {
			t.Errorf("%s was read as a backup", body)
		}
	}
}
