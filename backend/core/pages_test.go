package core_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley/backend/core"
)

// longChat imports a NextChat conversation of n messages, "message 0" to
// "message n-1", and returns its id.
func longChat(t testing.TB, c *core.Core, n int) string {
	t.Helper()
	ctx := context.Background()
	msgs := make([]map[string]any, n)
	for i := range msgs {
		role := []string{"user", "assistant"}[i%2]
		msgs[i] = map[string]any{"id": fmt.Sprint("m", i), "role": role, "content": fmt.Sprint("message ", i), "date": "5/20/2024, 2:03:05 PM"}
	}
	data, _ := json.Marshal(map[string]any{"chat-next-web-store": map[string]any{"sessions": []any{
		map[string]any{"id": "long", "topic": "Long", "messages": msgs, "lastUpdate": 1716213789000},
	}}})
	sum, err := c.Import(ctx, "nextchat", data, core.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	convs, err := c.ConversationSummaries(ctx, sum.ProfileID)
	if err != nil || len(convs) != 1 {
		t.Fatalf("imported %v, %v", convs, err)
	}
	return convs[0].ID
}

func contents(p core.MessagePage) []string {
	out := make([]string, len(p.Messages))
	for i, m := range p.Messages {
		out[i] = m.Content
	}
	return out
}

// A long conversation opens at its end and loads the pages around what is
// shown; a search result far up opens with it in the middle.
func TestMessagePagesOfALongConversation(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	id := longChat(t, c, 300)

	last, err := c.MessagePage(ctx, id, -1, 50)
	if err != nil {
		t.Fatal(err)
	}
	got := contents(last)
	if last.From != 250 || last.Total != 300 || len(got) != 50 || got[0] != "message 250" || got[49] != "message 299" {
		t.Fatalf("latest page: from %d of %d, %q … %q", last.From, last.Total, got[0], got[len(got)-1])
	}
	mid, _ := c.MessagePage(ctx, id, 100, 50)
	if got := contents(mid); mid.From != 100 || got[0] != "message 100" || got[49] != "message 149" {
		t.Errorf("page at 100: from %d, %q … %q", mid.From, got[0], got[len(got)-1])
	}
	end, _ := c.MessagePage(ctx, id, 290, 50)
	if end.From != 250 || len(end.Messages) != 50 {
		t.Errorf("a page past the end is the last full page: from %d, %d messages", end.From, len(end.Messages))
	}

	target := mid.Messages[20] // message 120
	around, err := c.MessagePageAround(ctx, target.ID, 40)
	if err != nil {
		t.Fatal(err)
	}
	if got := contents(around); around.From != 100 || got[20] != "message 120" {
		t.Errorf("around message 120: from %d, middle %q", around.From, got[20])
	}
	first, _ := c.MessagePageAround(ctx, last.Messages[0].ID, 1000)
	if first.From != 0 || len(first.Messages) != 300 {
		t.Errorf("a page larger than the conversation: from %d, %d messages", first.From, len(first.Messages))
	}
}

// Export, backup and import take the path the window's dialog picked.
func TestFileActionsTakeAPath(t *testing.T) {
	ctx := context.Background()
	c := open(t)
	id := longChat(t, c, 4)
	dir := t.TempDir()

	md := filepath.Join(dir, "chat.md")
	if err := c.ExportConversationFile(ctx, id, core.FormatMarkdown, md); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(md); !strings.Contains(string(b), "message 3") {
		t.Errorf("the Markdown export holds %q", b)
	}
	backup := filepath.Join(dir, "backup.json")
	if n, err := c.BackupFile(ctx, backup); err != nil || n.Messages != 4 {
		t.Fatalf("backup: %+v, %v", n, err)
	}
	if n, err := c.RestoreFile(ctx, backup, true); err != nil || n.Conversations != 1 {
		t.Fatalf("restore: %+v, %v", n, err)
	}
	if _, err := c.ImportFile(ctx, "nextchat", filepath.Join(dir, "missing.json"), core.ImportOptions{}); err == nil ||
		!strings.Contains(err.Error(), "could not be opened") {
		t.Errorf("importing a missing file: %v", err)
	}
	if err := c.ExportConversationFile(ctx, id, core.FormatJSON, filepath.Join(dir, "no", "such", "x.json")); err == nil {
		t.Error("an export into a missing folder succeeded")
	}
}

// A page is of the branch shown, with each message's alternatives, and a
// search result on another branch shows that branch; an answer streaming
// now comes with its text so far.
func TestMessagePagesFollowBranchesAndLiveAnswers(t *testing.T) {
	ctx := context.Background()
	r := newRig(t, 8)
	c, ev := r.c, r.ev
	p, conv := r.conversation(t, "Echo", "echo")
	first := send(t, c, conv.ID, "one")
	<-ev
	if _, err := c.Regenerate(ctx, first.Assistant.ID); err != nil {
		t.Fatal(err)
	}
	<-ev
	page, err := c.MessagePage(ctx, conv.ID, -1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if page.Total != 2 || len(page.Messages) != 2 || page.Messages[1].ID == first.Assistant.ID || len(page.Messages[1].Alternatives) != 2 {
		t.Fatalf("after regenerating, the page is %+v", page)
	}
	around, err := c.MessagePageAround(ctx, first.Assistant.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if around.Total != 2 || around.Messages[1].ID != first.Assistant.ID {
		t.Errorf("a result on the earlier answer shows its branch: %+v", around)
	}

	p.Model = "slow"
	if _, err := c.SaveProfile(ctx, p); err != nil {
		t.Fatal(err)
	}
	live := send(t, c, conv.ID, "go on")
	defer c.Cancel(live.Assistant.ID)
	eventually(func() bool {
		if page, err = c.MessagePage(ctx, conv.ID, -1, 1); err != nil {
			t.Fatal(err)
		}
		m := page.Messages[0]
		return m.ID == live.Assistant.ID && m.LastSeq >= 2 && m.Content != ""
	})
	if page.Total != 4 || page.From != 3 {
		t.Errorf("the live answer's page: from %d of %d", page.From, page.Total)
	}
}
