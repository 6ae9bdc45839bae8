package importer_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"parley/backend/importer"
	"parley/backend/problem"
	"parley/backend/store"
)

func parse(t *testing.T, format importer.Format, file string) importer.Result {
	t.Helper()
	data, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := importer.Parse(format, data)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return r
}

// wantSkipped checks how many of each kind of thing the import skipped.
func wantSkipped(t *testing.T, r importer.Result, want map[string]int) {
	t.Helper()
	for why, n := range want {
		if got := skipped(r, why); got != n {
			t.Errorf("skipped %q = %d, want %d (%+v)", why, got, n, r.Skipped)
		}
	}
}

// wantKeys checks the keys found, as keysOf gives them.
func wantKeys(t *testing.T, r importer.Result, want string) {
	t.Helper()
	if got := keysOf(r); got != want {
		t.Errorf("keys = %s, want %s", got, want)
	}
}

// thread renders conversations as "title: role text | role text" for comparison.
// threads checks that the conversations read are want, each as [thread]
// writes it, in order.
func threads(t *testing.T, r importer.Result, want []string) {
	t.Helper()
	if len(r.Conversations) != len(want) {
		t.Fatalf("%d conversations: %v", len(r.Conversations), r.Conversations)
	}
	for i, c := range r.Conversations {
		if got := thread(c); got != want[i] {
			t.Errorf("conversation %d:\n got %q\nwant %q", i, got, want[i])
		}
	}
}

func thread(c store.ImportedConversation) string {
	var parts []string
	for _, m := range c.Messages {
		parts = append(parts, m.Role+" "+m.Content)
	}
	return c.Title + ": " + strings.Join(parts, " | ")
}

func skipped(r importer.Result, why string) int {
	for _, s := range r.Skipped {
		if strings.Contains(s.Why, why) {
			return s.Count
		}
	}
	return 0
}

func keysOf(r importer.Result) string {
	var out []string
	for _, k := range r.Keys {
		out = append(out, k.Service+"@"+k.BaseURL+"="+k.Secret)
	}
	return strings.Join(out, " ")
}

// TestSamples reads each recorded export: the conversations it holds, what
// the import skipped and why, and the keys it found.
func TestSamples(t *testing.T) {
	for _, tc := range []struct {
		name    string
		format  importer.Format
		file    string
		threads []string
		skipped map[string]int
		keys    string
		// more checks what only this sample has.
		more func(t *testing.T, r importer.Result)
	}{
		{
			name: "NextChatBackup", format: importer.NextChat, file: "nextchat-backup.json",
			threads: []string{ // the empty one skipped
				"Rust lifetimes: user Why does the borrow checker reject this function? | assistant Because the returned reference may outlive `x`. Add a lifetime parameter:\n\n```rust\nfn longest<'a>(x: &'a str, y: &'a str) -> &'a str\n```",
				"这张图片里的密钥是什么格式？: user 这张图片里的密钥是什么格式？\n\n*[image not imported: it was only in NextChat's cache]* | assistant 图片中的密钥以 sk- 开头，是 OpenAI 格式。",
				"Quota trouble: user Summarise this article please | assistant ```json\n{\"error\": {\"message\": \"You exceeded your current quota\"}}\n```",
			},
			skipped: map[string]int{"only in NextChat's cache": 1, "system": 1, "empty messages": 1, "no messages": 1, "access code": 1},
			keys:    "anthropic@https://relay.example.com=sk-ant-nextchat-test-0000wxyz openai@https://api.openai.com/v1=sk-nextchat-test-openai-0000abcd",
			more: func(t *testing.T, r importer.Result) {
				rust := r.Conversations[0]
				if at := time.UnixMilli(rust.Messages[0].CreatedAt); at.Format("2006-01-02 15:04:05") != "2024-05-20 14:03:05" {
					t.Errorf("en-US date read as %s", at)
				}
				photo := r.Conversations[1]
				if at := time.UnixMilli(photo.Messages[1].CreatedAt); at.Format("2006-01-02 15:04:05") != "2024-05-21 14:03:15" {
					t.Errorf("zh-CN 下午 date read as %s", at)
				}
				broken := r.Conversations[2]
				if at := time.UnixMilli(broken.Messages[0].CreatedAt); at.Format("2006-01-02 15:04") != "2024-05-20 09:15" {
					t.Errorf("de date read as %s", at)
				}
				if broken.Messages[1].Status != store.StatusError || rust.Messages[1].Model != "gpt-4o" || photo.Messages[1].Model != "gpt-4o-mini" {
					t.Errorf("status/model: %+v %+v", broken.Messages[1], rust.Messages[1])
				}
				if rust.Source != "nextchat:nc-session-rust" {
					t.Errorf("source = %q", rust.Source)
				}
				if r.Model != "gpt-4o" {
					t.Errorf("model = %q", r.Model)
				}
			},
		},
		{
			name: "ChatboxBackup", format: importer.Chatbox, file: "chatbox-backup.json",
			threads: []string{
				"Trip planning — Flights: user Cheapest month to fly to Osaka? | assistant Usually January or February.",
				"Trip planning: user Plan two days in Kyoto in autumn. | assistant Day 1: Arashiyama and the bamboo grove. Day 2: Tofuku-ji for the maples.",
				"What does this error mean?: user What does this error mean?\n\n*[image not imported: Chatbox keeps it outside its backup]* | assistant API Error: 401 invalid api key",
			},
			skipped: map[string]int{"image-generation": 1, "system prompts": 1, "tool calls": 1, "images": 1, "regenerated": 1},
			keys:    "claude@https://api.anthropic.com=sk-ant-chatbox-test-0000ijkl openai@https://api.openai.com=sk-chatbox-test-openai-0000efgh",
			more: func(t *testing.T, r importer.Result) {
				trip := r.Conversations[1]
				if !trip.Pinned || trip.Messages[1].Reasoning != "Autumn means maple leaves; keep walking distances short." || trip.Messages[1].OutputTokens != 40 {
					t.Errorf("trip: %+v", trip)
				}
				if r.Conversations[2].Messages[1].Status != store.StatusError {
					t.Error("an answer that failed in Chatbox is not marked as an error")
				}
			},
		},
		{
			name: "ChatboxOldFormat", format: importer.Chatbox, file: "chatbox-old.json",
			threads: []string{
				"Haiku: user Write a haiku about SQLite. | assistant One file on the disk\nrows settle in quiet pages\nno server to wake",
				"Untitled — Earlier: user 早上好",
				"翻译：数据库迁移: user 翻译：数据库迁移 | assistant Database migration",
			},
			keys: "openai@https://api.openai.com=sk-chatbox-old-test-0000mnop",
		},
		{
			name: "ChatGPTFollowsTheThreadShown", format: importer.ChatGPT, file: "chatgpt-conversations.json",
			threads: []string{
				"Regex for dates: user A regex that matches 2024-06-10? | assistant Use `\\d{4}-\\d{2}-\\d{2}`. | user And in Python? | assistant `re.fullmatch(r\"\\d{4}-\\d{2}-\\d{2}\", s)`",
				"What is in this photo: user *[image or file not imported]*\n\n这是什么鸟？ | assistant 这是一只翠鸟。",
			},
			skipped: map[string]int{"branches": 2, "tool output": 1, "images and files": 1, "no messages": 1},
			keys:    "", // a ChatGPT export holds none
			more: func(t *testing.T, r importer.Result) {
				c := r.Conversations[0]
				if c.CreatedAt != 1718000000123 || c.Messages[3].CreatedAt != 1718000022000 || c.Messages[3].Model != "gpt-4o" || c.Source != "chatgpt:cg-regex" {
					t.Errorf("times/model/source: %+v", c)
				}
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := parse(t, tc.format, tc.file)
			threads(t, r, tc.threads)
			wantSkipped(t, r, tc.skipped)
			wantKeys(t, r, tc.keys)
			if tc.more != nil {
				tc.more(t, r)
			}
		})
	}
}

func TestWrongFileIsExplained(t *testing.T) {
	for _, tt := range []struct {
		format     importer.Format
		body, want string
	}{
		{importer.NextChat, `{"chat-sessions": []}`, "NextChat"},
		{importer.Chatbox, `{"chat-next-web-store": {}}`, "Chatbox"},
		{importer.ChatGPT, `{"not": "an array"}`, "conversations.json"},
		{importer.NextChat, `garbage`, "NextChat"},
		{"cherry", `{}`, "cannot import"},
	} {
		_, err := importer.Parse(tt.format, []byte(tt.body))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %s: %v", tt.format, tt.body, err)
		}
	}
}

// A Result describes itself without its keys.
func TestKeysNeverSerialised(t *testing.T) {
	r := parse(t, importer.NextChat, "nextchat-backup.json")
	b, _ := json.Marshal(r)
	if strings.Contains(string(b), "sk-") || strings.Contains(r.Keys[0].String(), "sk-") {
		t.Errorf("a key leaked: %s", b)
	}
}

func TestLenientDates(t *testing.T) {
	for in, want := range map[string]string{
		"2024/5/20 14:03:05":        "2024-05-20 14:03:05",
		"5/20/2024, 2:03:05 PM":     "2024-05-20 14:03:05",
		"5/20/2024, 12:03:05 AM":    "2024-05-20 00:03:05",
		"20/05/2024, 14:03:05":      "2024-05-20 14:03:05",
		"20.5.2024, 14:03:05":       "2024-05-20 14:03:05",
		"2024. 5. 20. 오후 2:03:05":   "2024-05-20 14:03:05",
		"2024/5/20 上午9:03:05":       "2024-05-20 09:03:05",
		"2024-05-20T14:03:05+00:00": "",
	} {
		ms := importer.ParseLocaleDate(in)
		if want == "" {
			if ms != 1716213785000 {
				t.Errorf("%q = %d", in, ms)
			}
			continue
		}
		if got := time.UnixMilli(ms).Format("2006-01-02 15:04:05"); got != want {
			t.Errorf("%q = %s, want %s", in, got, want)
		}
	}
	if importer.ParseLocaleDate("yesterday") != 0 {
		t.Error("a non-date was read")
	}
}

// A NextChat backup from an early version, copied from localStorage: stores
// wrapped in {"state": …}, numeric ids, lastUpdate as a locale date.
func TestNextChatPersistedOldVersion(t *testing.T) {
	r := parse(t, importer.NextChat, "nextchat-persisted.json")
	if len(r.Conversations) != 1 {
		t.Fatalf("%d conversations", len(r.Conversations))
	}
	c := r.Conversations[0]
	if got := thread(c); got != "Old version: user Hello from an old NextChat | assistant Hi! This came from localStorage." {
		t.Errorf("got %q", got)
	}
	if c.Source != "nextchat:1680000000000" || time.UnixMilli(c.UpdatedAt).Format("2006-01-02 15:04:05") != "2023-03-28 10:00:04" {
		t.Errorf("source %q, updated %s", c.Source, time.UnixMilli(c.UpdatedAt))
	}
	if len(r.Keys) != 0 {
		t.Errorf("keys: %v", r.Keys)
	}
}

// ChatGPT mails its export as a ZIP archive; it imports as it comes.
func TestChatGPTArchive(t *testing.T) {
	inner, _ := os.ReadFile("testdata/chatgpt-conversations.json")
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string][]byte{"chat.html": []byte("<html></html>"), "export-2024/conversations.json": inner} {
		w, _ := zw.Create(name)
		w.Write(body)
	}
	zw.Close()
	r, err := importer.Parse(importer.ChatGPT, buf.Bytes())
	if err != nil || len(r.Conversations) != 2 {
		t.Fatalf("archive: %d conversations, %v", len(r.Conversations), err)
	}
	buf.Reset()
	zw = zip.NewWriter(&buf)
	w, _ := zw.Create("user.json")
	w.Write([]byte("{}"))
	zw.Close()
	_, err = importer.Parse(importer.ChatGPT, buf.Bytes())
	if p := problem.From(err); p == nil || !strings.Contains(p.Detail, "no conversations.json") {
		t.Errorf("archive without conversations.json: %+v", p)
	}
}
