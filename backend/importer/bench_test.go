package importer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"parley/backend/importer"
	"parley/backend/store"
)

// nextChatFile makes a NextChat backup of n sessions of 10 messages each.
func nextChatFile(n int) []byte {
	type msg struct {
		ID      string `json:"id"`
		Date    string `json:"date"`
		Role    string `json:"role"`
		Content any    `json:"content"`
		Model   string `json:"model,omitempty"`
	}
	type session struct {
		ID         string `json:"id"`
		Topic      string `json:"topic"`
		Messages   []msg  `json:"messages"`
		LastUpdate int64  `json:"lastUpdate"`
	}
	sessions := make([]session, n)
	for i := range sessions {
		msgs := make([]msg, 10)
		for j := range msgs {
			m := msg{ID: fmt.Sprint(i, "-", j), Date: fmt.Sprintf("%d/%d/2024, %d:%02d:%02d PM", 1+i%12, 1+i%28, 1+j%11, i%60, j), Role: "user",
				Content: strings.Repeat(fmt.Sprintf("Question %d about keys and 密钥 number %d. ", j, i), 5)}
			if j%2 == 1 {
				m.Role, m.Model = "assistant", "gpt-4o"
				m.Content = []map[string]any{{"type": "text", "text": strings.Repeat("An answer that goes on for a while. ", 20)}}
			}
			msgs[j] = m
		}
		sessions[i] = session{ID: fmt.Sprint("s", i), Topic: fmt.Sprint("Session ", i), Messages: msgs, LastUpdate: 1716213789000 + int64(i)}
	}
	b, _ := json.Marshal(map[string]any{"chat-next-web-store": map[string]any{"sessions": sessions}})
	return b
}

// BenchmarkImportNextChat5000 measures importing a NextChat backup of 5,000
// conversations (50,000 messages, ~40 MB): reading the file and storing it in
// one transaction, search index included, into a fresh database each time.
func BenchmarkImportNextChat5000(b *testing.B) {
	ctx := context.Background()
	data := nextChatFile(5000)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		b.StopTimer()
		s, err := store.Open(ctx, filepath.Join(b.TempDir(), "parley.db"))
		if err != nil {
			b.Fatal(err)
		}
		p, _ := s.SaveProfile(ctx, store.Profile{Name: "P", Kind: "openai", BaseURL: "http://x/v1", Model: "m"})
		b.StartTimer()
		r, err := importer.Parse(importer.NextChat, data)
		if err != nil {
			b.Fatal(err)
		}
		res, err := s.Import(ctx, p.ID, r.Conversations)
		if err != nil || res.Conversations != 5000 || res.Messages != 50000 {
			b.Fatal(res, err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
