// Package parse measures how fast streamed answers are parsed: Parley's
// adapter for each protocol, and for OpenAI's protocol the official SDK
// (github.com/openai/openai-go) and github.com/sashabaranov/go-openai on
// the same body, from memory and over loopback. Every client reads every
// event into the text of the answer.
package parse

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	oai "github.com/openai/openai-go/v3"
	oaiopt "github.com/openai/openai-go/v3/option"
	goopenai "github.com/sashabaranov/go-openai"
	sse "github.com/tmaxmax/go-sse"

	"parley/backend/llm"
	"parley/backend/llm/anthropic"
	"parley/backend/llm/dashscope"
	"parley/backend/llm/gemini"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/ollama"
	"parley/backend/llm/openai"
)

// Events is how many events each body holds.
const Events = 100_000

// Body is one recorded answer.
type Body struct {
	ContentType string
	Raw         []byte
	Events      int
}

// OpenAIBody is an answer of n Chat Completions chunks as OpenAI sends
// them (about 200 bytes each), then a finish, usage and [DONE].
func OpenAIBody(n int) Body {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `data: {"id":"chatcmpl-BbZlYc8tG3WpJ6oKq5UqS5Hc9RjXn","object":"chat.completion.chunk","created":1748000000,"model":"gpt-4o-mini-2024-07-18","service_tier":"default","system_fingerprint":"fp_34a54ae93c","choices":[{"index":0,"delta":{"content":"word%d "},"logprobs":null,"finish_reason":null}]}`+"\n\n", i%1000)
	}
	b.WriteString(`data: {"id":"chatcmpl-BbZlYc8tG3WpJ6oKq5UqS5Hc9RjXn","object":"chat.completion.chunk","created":1748000000,"model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}` + "\n\n")
	b.WriteString(`data: {"id":"chatcmpl-BbZlYc8tG3WpJ6oKq5UqS5Hc9RjXn","object":"chat.completion.chunk","created":1748000000,"model":"gpt-4o-mini-2024-07-18","choices":[],"usage":{"prompt_tokens":12,"completion_tokens":100000,"total_tokens":100012}}` + "\n\n")
	b.WriteString("data: [DONE]\n\n")
	return Body{ContentType: "text/event-stream", Raw: b.Bytes(), Events: n + 3}
}

// Client is one way to ask for and read an answer.
type Client struct {
	Name string
	// Body is what the client is served.
	Body func() Body
	// Read asks through hc at base and returns how many text bytes came.
	Read func(ctx context.Context, base string, hc *http.Client) (int, error)
}

// Clients lists Parley's adapter for each protocol, the two SDKs, and
// go-sse's sse.Read alone (the framing every Parley SSE adapter uses, with
// the same settings), to show what framing costs before any decoding.
func Clients() []Client {
	var once sync.Once
	var oaiBody Body
	openaiBody := func() Body { once.Do(func() { oaiBody = OpenAIBody(Events) }); return oaiBody }
	return []Client{
		{"parley/openai", openaiBody, parley(func(base string, hc *http.Client) llm.Provider { return openai.New(base+"/v1", "k", hc) })},
		{"openai-go", openaiBody, readOpenAIGo},
		{"go-openai", openaiBody, readGoOpenAI},
		{"go-sse alone", openaiBody, readGoSSE},
		{"parley/anthropic", recorded("anthropic"), parley(func(base string, hc *http.Client) llm.Provider { return anthropic.New(base, "k", hc) })},
		{"parley/gemini", recorded("gemini"), parley(func(base string, hc *http.Client) llm.Provider { return gemini.New(base, "k", hc) })},
		{"parley/dashscope", recorded("dashscope"), parley(func(base string, hc *http.Client) llm.Provider { return dashscope.New(base, "k", hc) })},
		{"parley/ollama", recorded("ollama"), parley(func(base string, hc *http.Client) llm.Provider { return ollama.New(base, "", hc) })},
	}
}

var ask = llm.Request{Model: "bench", Messages: []llm.Message{{Role: llm.RoleUser, Content: "hi"}}}

func parley(newProvider func(base string, hc *http.Client) llm.Provider) func(context.Context, string, *http.Client) (int, error) {
	return func(ctx context.Context, base string, hc *http.Client) (int, error) {
		n := 0
		for c, err := range newProvider(base, hc).Stream(ctx, ask) {
			if err != nil {
				return n, err
			}
			n += len(c.Text)
		}
		return n, nil
	}
}

func readOpenAIGo(ctx context.Context, base string, hc *http.Client) (int, error) {
	client := oai.NewClient(oaiopt.WithAPIKey("k"), oaiopt.WithBaseURL(base+"/v1/"), oaiopt.WithHTTPClient(hc), oaiopt.WithMaxRetries(0))
	stream := client.Chat.Completions.NewStreaming(ctx, oai.ChatCompletionNewParams{
		Model: "gpt-4o-mini", Messages: []oai.ChatCompletionMessageParamUnion{oai.UserMessage("hi")}})
	defer stream.Close()
	n := 0
	for stream.Next() {
		if ch := stream.Current().Choices; len(ch) > 0 {
			n += len(ch[0].Delta.Content)
		}
	}
	return n, stream.Err()
}

func readGoOpenAI(ctx context.Context, base string, hc *http.Client) (int, error) {
	cfg := goopenai.DefaultConfig("k")
	cfg.BaseURL, cfg.HTTPClient = base+"/v1", hc
	stream, err := goopenai.NewClientWithConfig(cfg).CreateChatCompletionStream(ctx, goopenai.ChatCompletionRequest{
		Model: "gpt-4o-mini", Messages: []goopenai.ChatCompletionMessage{{Role: "user", Content: "hi"}}})
	if err != nil {
		return 0, err
	}
	defer stream.Close()
	n := 0
	for {
		resp, err := stream.Recv()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if len(resp.Choices) > 0 {
			n += len(resp.Choices[0].Delta.Content)
		}
	}
}

// readGoSSE frames the answer with sse.Read as Parley's driver does and
// counts its data bytes, decoding nothing.
func readGoSSE(ctx context.Context, base string, hc *http.Client) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/v1/chat/completions", strings.NewReader("{}"))
	if err != nil {
		return 0, err
	}
	res, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	n := 0
	for ev, err := range sse.Read(res.Body, &sse.ReadConfig{MaxEventSize: 4 * llm.MaxEventSize}) {
		if err != nil {
			return n, err
		}
		n += len(ev.Data)
	}
	return n, nil
}

// recorded is the body the fake provider (llmtest) streams in a protocol
// for an answer of Events pieces, recorded once.
func recorded(protocol string) func() Body {
	var once sync.Once
	var body Body
	return func() Body {
		once.Do(func() { body = record(protocol) })
		return body
	}
}

func record(protocol string) Body {
	srv := llmtest.Start()
	defer srv.Close()
	pieces := make([]string, Events)
	for i := range pieces {
		pieces[i] = fmt.Sprintf("word%d ", i%1000)
	}
	srv.Handle("bench", llmtest.Scenario{Chunks: pieces})
	tap := &tapTransport{}
	hc := &http.Client{Transport: tap}
	for _, c := range Clients() {
		if c.Name == "parley/"+protocol {
			if _, err := c.Read(context.Background(), srv.URL, hc); err != nil {
				panic(fmt.Sprintf("record %s: %v", protocol, err))
			}
		}
	}
	raw := tap.body.Bytes()
	return Body{ContentType: tap.contentType, Raw: raw, Events: countEvents(tap.contentType, raw)}
}

// countEvents is how many events raw holds: SSE events (each ends with a
// blank line), or NDJSON lines.
func countEvents(contentType string, raw []byte) int {
	if strings.HasPrefix(contentType, "text/event-stream") {
		raw = bytes.ReplaceAll(raw, []byte("\r\n"), []byte("\n"))
		return bytes.Count(raw, []byte("\n\n"))
	}
	return bytes.Count(raw, []byte("\n"))
}

// tapTransport keeps a copy of the last answer's body.
type tapTransport struct {
	contentType string
	body        bytes.Buffer
}

func (t *tapTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	res, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	t.contentType = res.Header.Get("Content-Type")
	t.body.Reset()
	res.Body = struct {
		io.Reader
		io.Closer
	}{io.TeeReader(res.Body, &t.body), res.Body}
	return res, nil
}

// memoryTransport answers every request with one body, from memory.
type memoryTransport struct{ body Body }

func (m memoryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	h := http.Header{}
	h.Set("Content-Type", m.body.ContentType)
	return &http.Response{StatusCode: 200, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, Body: io.NopCloser(bytes.NewReader(m.body.Raw)), ContentLength: int64(len(m.body.Raw)), Request: r}, nil
}

// Result is one client's cost per event: wall time, CPU time (user and
// system, of every thread of the process: the client, the garbage
// collector and, over loopback, the server), bytes and allocations.
type Result struct {
	NsPerEvent, CPUNsPerEvent, BytesPerEvent, AllocsPerEvent float64
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// Bench measures c reading its body from memory or over loopback.
func Bench(b *testing.B, c Client, loopback bool) Result {
	body := c.Body()
	base, hc := "http://parley.bench", &http.Client{Transport: memoryTransport{body}}
	if loopback {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			w.Header().Set("Content-Type", body.ContentType)
			w.Write(body.Raw)
		}))
		defer srv.Close()
		base, hc = srv.URL, srv.Client()
	}
	want := -1
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	cpu := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		n, err := c.Read(context.Background(), base, hc)
		if err != nil {
			b.Fatal(err)
		}
		if want >= 0 && n != want || n == 0 {
			b.Fatalf("%s read %d text bytes, then %d", c.Name, want, n)
		}
		want = n
	}
	b.StopTimer()
	cpu = cpuTime() - cpu
	runtime.ReadMemStats(&after)
	per := float64(b.N) * float64(body.Events)
	r := Result{
		NsPerEvent:     float64(b.Elapsed().Nanoseconds()) / per,
		CPUNsPerEvent:  float64(cpu.Nanoseconds()) / per,
		BytesPerEvent:  float64(after.TotalAlloc-before.TotalAlloc) / per,
		AllocsPerEvent: float64(after.Mallocs-before.Mallocs) / per,
	}
	b.ReportMetric(r.NsPerEvent, "ns/event")
	b.ReportMetric(r.CPUNsPerEvent, "cpu-ns/event")
	b.ReportMetric(r.BytesPerEvent, "B/event")
	b.ReportMetric(r.AllocsPerEvent, "allocs/event")
	return r
}

// Mode names a way of serving the body.
func Mode(loopback bool) string {
	if loopback {
		return "loopback"
	}
	return "memory"
}

// Short is s without the "parley/" of Parley's own clients.
func Short(s string) string { return strings.TrimPrefix(s, "parley/") }
