package openai_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/openai"
)

// BenchmarkStreamParse measures parsing a long streamed answer: 10,000
// events of a few words each, served whole over loopback.
func BenchmarkStreamParse(b *testing.B) { benchStream(b, "k") }

// BenchmarkStreamParseKeyed is [BenchmarkStreamParse] with a real key,
// which the driver scrubs out of every piece of the answer.
func BenchmarkStreamParseKeyed(b *testing.B) { benchStream(b, "sk-proj-Rk4Vq9Lx2Zm7Tn3Wb8Yc5Hd1") }

func benchStream(b *testing.B, key string) {
	var body strings.Builder
	for i := 0; i < 10_000; i++ {
		ev, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{"delta": map[string]any{"content": fmt.Sprintf("word %d, ", i)}}}})
		fmt.Fprintf(&body, "data: %s\n\n", ev)
	}
	body.WriteString(`data: {"choices":[{"delta":{},"finish_reason":"stop"}]}` + "\n\ndata: [DONE]\n\n")
	raw := body.String()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		w.Write([]byte(raw))
	}))
	defer srv.Close()
	c := openai.New(srv.URL+"/v1", key, srv.Client())
	req := llm.Request{Model: "m", Messages: []llm.Message{{Role: llm.RoleUser, Content: "hi"}}}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for chunk, err := range c.Stream(context.Background(), req) {
			if err != nil {
				b.Fatal(err)
			}
			n += len(chunk.Text)
		}
		if n == 0 {
			b.Fatal("no text")
		}
	}
}
