package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"parley/backend/store"
)

type fixture struct {
	t   *testing.T
	ctx context.Context
	s   *store.Store
	p   store.Profile
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	s := fresh(t)
	ctx := context.Background()
	p, err := s.SaveProfile(ctx, store.Profile{Name: "P", Kind: "openai", BaseURL: "http://x/v1", Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{t, ctx, s, p}
}

// conv makes a conversation holding texts, alternating user and assistant.
func (f *fixture) conv(title string, texts ...string) (store.Conversation, []store.Message) {
	f.t.Helper()
	c, err := f.s.CreateConversation(f.ctx, f.p.ID, title)
	if err != nil {
		f.t.Fatal(err)
	}
	var msgs []store.Message
	for i, text := range texts {
		role := "user"
		if i%2 == 1 {
			role = "assistant"
		}
		m, err := f.s.AddMessage(f.ctx, store.Message{ConversationID: c.ID, Role: role, Content: text, Status: store.StatusDone, InputTokens: 10, OutputTokens: 20})
		if err != nil {
			f.t.Fatal(err)
		}
		msgs = append(msgs, m)
	}
	return c, msgs
}

func (f *fixture) search(q string) []store.SearchHit {
	f.t.Helper()
	hits, err := f.s.Search(f.ctx, q, 0)
	if err != nil {
		f.t.Fatalf("search %q: %v", q, err)
	}
	return hits
}

func TestSearchFindsEnglishAndChinese(t *testing.T) {
	f := newFixture(t)
	_, en := f.conv("keys", "Where do I put my API key?", "Paste the key into the key dialog; it is stored in the keychain.")
	_, zh := f.conv("密钥", "我的密钥放在哪里？", "密钥保存在系统钥匙串中。", "谢谢")
	_, other := f.conv("weather", "Is it raining in Paris?", "It rains a lot there.")
	tests := []struct {
		query string
		want  []string // message ids, best first (a set when len > 1 and order is by date)
	}{
		{"keychain", []string{en[1].ID}},
		{"KEYCH", []string{en[1].ID}},                // a prefix, any case
		{"rain", []string{other[1].ID, other[0].ID}}, // "rains" and "raining"
		{"密钥", []string{zh[1].ID, zh[0].ID}},         // a two-character word: newest first
		{"钥", []string{zh[1].ID, zh[0].ID}},          // a single character
		{"谢", []string{zh[2].ID}},
		{"系统钥匙串", []string{zh[1].ID}}, // a longer Chinese phrase goes through the index
		{"key 密钥", nil},               // every word must match
		{"paris it", []string{other[0].ID}},
		{"nothing-like-this", nil},
		{`"quoted" OR NOT`, nil}, // FTS5 syntax is searched literally, not run
	}
	for _, tt := range tests {
		got := f.search(tt.query)
		var ids []string
		for _, h := range got {
			ids = append(ids, h.MessageID)
		}
		if strings.Join(ids, ",") != strings.Join(tt.want, ",") {
			t.Errorf("search %q = %v, want %v", tt.query, ids, tt.want)
		}
		for _, h := range got {
			if !strings.Contains(h.Snippet, store.MarkStart) || h.ConversationID == "" || h.Title == "" {
				t.Errorf("search %q: hit %+v lacks a highlight or its conversation", tt.query, h)
			}
		}
	}
	if hits := f.search("密钥"); !strings.Contains(hits[0].Snippet, "<mark>密钥</mark>") {
		t.Errorf("snippet = %q", hits[0].Snippet)
	}
	if hits := f.search("keychain"); !strings.Contains(hits[0].Snippet, "<mark>keychain</mark>") {
		t.Errorf("snippet = %q", hits[0].Snippet)
	}
}

func TestSearchRanksBestFirstAndFollowsEdits(t *testing.T) {
	f := newFixture(t)
	_, a := f.conv("a", "parley parley parley parley, all about parley")
	_, b := f.conv("b", "a long message that mentions parley once among many other words about the weather, trains and tea")
	if hits := f.search("parley"); len(hits) != 2 || hits[0].MessageID != a[0].ID || hits[1].MessageID != b[0].ID {
		t.Errorf("ranking = %+v", hits)
	}
	// A streaming answer is findable as it grows, and a deleted one is gone.
	asst, _ := f.s.AddMessage(f.ctx, store.Message{ConversationID: b[0].ConversationID, Role: "assistant", Status: store.StatusStreaming})
	if err := f.s.SaveProgress(f.ctx, asst.ID, "half of an answer about zeppelins", ""); err != nil {
		t.Fatal(err)
	}
	if hits := f.search("zeppelin"); len(hits) != 1 || hits[0].MessageID != asst.ID {
		t.Errorf("growing answer: %+v", hits)
	}
	if err := f.s.DeleteConversation(f.ctx, b[0].ConversationID); err != nil {
		t.Fatal(err)
	}
	if hits := f.search("zeppelin"); len(hits) != 0 {
		t.Errorf("deleted conversation still found: %+v", hits)
	}
	if hits := f.search("parley"); len(hits) != 1 {
		t.Errorf("after delete: %+v", hits)
	}
}

func TestPinnedFirstThenNewest(t *testing.T) {
	f := newFixture(t)
	old, _ := f.conv("old", "x")
	time.Sleep(2 * time.Millisecond)
	mid, _ := f.conv("mid", "x")
	time.Sleep(2 * time.Millisecond)
	recent, _ := f.conv("recent", "x", "y")
	if err := f.s.PinConversation(f.ctx, old.ID, true); err != nil {
		t.Fatal(err)
	}
	order := func() string {
		list, err := f.s.ConversationSummaries(f.ctx, f.p.ID)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, c := range list {
			titles = append(titles, c.Title)
		}
		plain, _ := f.s.Conversations(f.ctx, f.p.ID)
		for i, c := range plain {
			if c.ID != list[i].ID {
				t.Errorf("Conversations and ConversationSummaries disagree at %d", i)
			}
		}
		return strings.Join(titles, ",")
	}
	if got := order(); got != "old,recent,mid" {
		t.Errorf("order = %s", got)
	}
	list, _ := f.s.ConversationSummaries(f.ctx, "")
	for _, c := range list {
		if c.ID == recent.ID && (c.Messages != 2 || c.InputTokens != 20 || c.OutputTokens != 40) {
			t.Errorf("totals = %+v", c)
		}
		if c.ID == old.ID && !c.Pinned {
			t.Error("pin not reported")
		}
	}
	f.s.PinConversation(f.ctx, old.ID, false)
	if got := order(); got != "recent,mid,old" {
		t.Errorf("after unpin = %s", got)
	}
	if err := f.s.RenameConversation(f.ctx, mid.ID, "renamed"); err != nil {
		t.Fatal(err)
	}
	if got := order(); got != "recent,renamed,old" {
		t.Errorf("after rename = %s", got)
	}
	if err := f.s.PinConversation(f.ctx, "c_missing", true); err == nil {
		t.Error("pinning a missing conversation succeeded")
	}
}

func TestTitleFromFirstLine(t *testing.T) {
	for in, want := range map[string]string{
		"## **How** do I `parse` [JSON](https://x.y)?\nmore": "How do I parse JSON?",
		"\n\n> - quoted item\n":                              "quoted item",
		"```go\nfmt.Println(1)\n```":                         "fmt.Println(1)",
		"1. first step":                                      "first step",
		"![chart](http://x/y.png) explain":                   "chart explain",
		strings.Repeat("长", 70):                              strings.Repeat("长", 60) + "…",
		"   ":                                                "",
	} {
		if got := store.TitleFrom(in); got != want {
			t.Errorf("TitleFrom(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAddExchangeIsOneTransaction(t *testing.T) {
	f := newFixture(t)
	c, _ := f.s.CreateConversation(f.ctx, f.p.ID, "")
	u, a, err := f.s.AddExchange(f.ctx, store.Message{ConversationID: c.ID, Role: "user", Content: "hi", Status: store.StatusDone},
		store.Message{ConversationID: c.ID, Role: "assistant", Status: store.StatusStreaming}, "hi")
	if err != nil || u.Seq != 1 || a.Seq != 2 {
		t.Fatalf("%+v %+v %v", u, a, err)
	}
	got, _ := f.s.Conversation(f.ctx, c.ID)
	if got.Title != "hi" {
		t.Errorf("title = %q", got.Title)
	}
	// The second message fails (its conversation does not exist): the first is not kept.
	_, _, err = f.s.AddExchange(f.ctx, store.Message{ConversationID: c.ID, Role: "user", Content: "again", Status: store.StatusDone},
		store.Message{ConversationID: "c_missing", Role: "assistant", Status: store.StatusStreaming}, "")
	if err == nil {
		t.Fatal("an exchange with a missing conversation was stored")
	}
	if msgs, _ := f.s.Messages(f.ctx, c.ID); len(msgs) != 2 {
		t.Errorf("%d messages after a failed exchange, want 2", len(msgs))
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	f := newFixture(t)
	convs := []store.ImportedConversation{
		{Source: "test:1", Title: "one", Messages: []store.Message{{Role: "user", Content: "first import"}, {Role: "assistant", Content: "answer"}}},
		{Source: "test:2", Title: "two", Messages: []store.Message{{Role: "user", Content: "second"}, {Role: "assistant", Content: "reply"}}},
	}
	// The third conversation fails after two were written: neither stays.
	bad := append(append([]store.ImportedConversation{}, convs...),
		store.ImportedConversation{Source: "test:3", ProfileID: "p_does_not_exist", Title: "three", Messages: []store.Message{{Role: "user", Content: "x"}}})
	if _, err := f.s.Import(f.ctx, f.p.ID, bad); err == nil {
		t.Fatal("an import into a missing profile succeeded")
	}
	if list, _ := f.s.ConversationSummaries(f.ctx, ""); len(list) != 0 {
		t.Fatalf("a failed import left %d conversations", len(list))
	}
	if hits := f.search("first import"); len(hits) != 0 {
		t.Fatalf("a failed import left searchable text")
	}
	res, err := f.s.Import(f.ctx, f.p.ID, convs)
	if err != nil || res.Conversations != 2 || res.Messages != 4 {
		t.Fatalf("import = %+v, %v", res, err)
	}
	if hits := f.search("first import"); len(hits) != 1 {
		t.Errorf("imported text not searchable: %+v", hits)
	}
	again, err := f.s.Import(f.ctx, f.p.ID, convs)
	if err != nil || again.Conversations != 0 || len(again.Duplicates) != 2 {
		t.Errorf("second import = %+v, %v", again, err)
	}
}
