package chat_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"parley/backend/chat"
	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/openai"
	"parley/backend/providers"
	"parley/backend/store"
)

// The paced provider runs in a process of its own, as a provider does: in
// this one it would share the Go runtime's timers with the turn, so that its
// pacing sleeps and the coalescer's frame timer end at the same ticks and
// every burst it writes lands just after a frame was sent.

// TestMain runs this test binary as the paced provider when
// PARLEY_PACED_SERVER says "n rate".
func TestMain(m *testing.M) {
	if spec := os.Getenv("PARLEY_PACED_SERVER"); spec != "" {
		var n, rate int
		if _, err := fmt.Sscan(spec, &n, &rate); err != nil {
			fmt.Fprintln(os.Stderr, "PARLEY_PACED_SERVER:", err)
			os.Exit(2)
		}
		servePaced(n, rate)
		return
	}
	os.Exit(m.Run())
}

// servePaced serves n OpenAI chunks at rate a second on loopback, prints
// its URL and serves until stdin closes. Each chunk's text is the wall
// clock at its write, in Unix nanoseconds, and a ";".
func servePaced(n, rate int) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); os.Exit(0) }()
	fmt.Printf("http://%s\n", ln.Addr())
	_ = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		fl := w.(http.Flusher)
		start, every := time.Now(), time.Second/time.Duration(rate)
		for i := 0; i < n; i++ {
			if d := time.Until(start.Add(time.Duration(i) * every)); d > 0 {
				time.Sleep(d)
			}
			fmt.Fprintf(w, "data: {\"choices\":[{\"delta\":{\"content\":\"%d;\"}}]}\n\n", time.Now().UnixNano())
			fl.Flush()
		}
		fmt.Fprint(w, "data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
	}))
}

// pacedServer starts the paced provider process and returns its URL.
func pacedServer(b *testing.B, n, rate int) string {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), fmt.Sprintf("PARLEY_PACED_SERVER=%d %d", n, rate))
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { stdin.Close(); _ = cmd.Wait() })
	url, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		b.Fatal(err)
	}
	return strings.TrimSpace(url)
}

// latencies is an Emitter that notes, for every piece a delta carries,
// how long after its write the delta reached the Emitter.
type latencies struct {
	mu    sync.Mutex
	got   []time.Duration
	ended chan struct{}
}

func (l *latencies) Emit(name string, payload any) {
	now := time.Now().UnixNano()
	if name != chat.EventDelta {
		l.ended <- struct{}{}
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range strings.Split(strings.TrimSuffix(payload.(chat.Delta).Text, ";"), ";") {
		if ns, err := strconv.ParseInt(s, 10, 64); err == nil {
			l.got = append(l.got, time.Duration(now-ns))
		}
	}
}

// BenchmarkDeltaLatency measures the latency the turn adds between the
// provider's write and the Emitter (parsing, coalescing), at a slow and a
// fast stream, over loopback: p50 and p99 in ms.
func BenchmarkDeltaLatency(b *testing.B) {
	for _, rate := range []int{100, 3000} {
		b.Run(fmt.Sprintf("%d-events-per-s", rate), func(b *testing.B) {
			f := setup(b, "paced", chat.Options{})
			lat := &latencies{ended: make(chan struct{}, 1)}
			url := pacedServer(b, max(rate, 300), rate)
			svc := chat.New(f.store, f.keys, func(p store.Profile, key string) (llm.Provider, error) {
				return openai.New(url+"/v1", key, http.DefaultClient), nil
			}, lat, chat.Options{})
			defer svc.Shutdown()
			for b.Loop() {
				if _, err := svc.Send(context.Background(), f.conv.ID, "go"); err != nil {
					b.Fatal(err)
				}
				<-lat.ended
			}
			slices.Sort(lat.got)
			pct := func(p float64) float64 { return float64(lat.got[int(p*float64(len(lat.got)-1))]) / 1e6 }
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkTurnWithHistory measures a turn in a conversation of 0, 2,000
// and 10,000 messages (~500 bytes each), all three in one database: the
// time from Send to the first delta, and the size of the request (bounded
// by the context budget of the model, 8k tokens for this unknown one). Each
// round runs one turn in each conversation, in a rotating order, so that
// the load of a shared machine falls on all three alike; the figures are
// medians, and ratio-10000/0 compares the longest with the empty one. Each
// turn of a long conversation branches from its last message again (as a
// regenerated answer does), so that every turn meets the same n messages;
// the empty conversation is a new one each round. Requests go through the
// window's own HTTP client (providers.NewHTTPClient).
func BenchmarkTurnWithHistory(b *testing.B) {
	sizes := []int{0, 2000, 10_000}
	f := setup(b, "fast", chat.Options{})
	f.srv.Handle("fast", llmtest.Scenario{Chunks: []string{"ok"}})
	ctx := context.Background()
	convs, heads := make([]string, len(sizes)), make([]string, len(sizes))
	for i, n := range sizes {
		if n == 0 {
			continue
		}
		convs[i] = f.longConversation(b, fmt.Sprintf("long %d", n), n).ID
		var err error
		if heads[i], err = f.store.Head(ctx, convs[i]); err != nil {
			b.Fatal(err)
		}
	}
	first := &firstDelta{ch: make(chan struct{}, 1), ended: make(chan struct{}, 1)}
	client := providers.NewHTTPClient() // the app's, as every turn of the window uses it
	svc := chat.New(f.store, f.keys, func(p store.Profile, key string) (llm.Provider, error) {
		return openai.New(p.BaseURL, key, client), nil
	}, first, chat.Options{})
	defer svc.Shutdown()
	took := make([][]time.Duration, len(sizes))
	bytes := make([]int, len(sizes))
	round := 0
	for b.Loop() {
		for k := range sizes {
			i := (round + k) % len(sizes)
			if sizes[i] == 0 { // a new conversation, so it stays empty
				c, err := f.store.CreateConversation(ctx, f.prof.ID, "")
				if err != nil {
					b.Fatal(err)
				}
				convs[i] = c.ID
			}
			first.reset()
			start := time.Now()
			if _, err := svc.Send(ctx, convs[i], "go on"); err != nil {
				b.Fatal(err)
			}
			<-first.ch
			took[i] = append(took[i], time.Since(start))
			<-first.ended
			reqs := f.srv.Requests()
			bytes[i] = len(reqs[len(reqs)-1].Body)
			if heads[i] != "" { // the next turn branches from the same message
				if err := f.store.SetHead(ctx, convs[i], heads[i]); err != nil {
					b.Fatal(err)
				}
			}
		}
		round++
	}
	median := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds()) / 1000
	}
	for i, n := range sizes {
		b.ReportMetric(median(took[i]), fmt.Sprintf("ms-to-first-delta-%d", n))
		b.ReportMetric(float64(bytes[i]), fmt.Sprintf("request-bytes-%d", n))
	}
	b.ReportMetric(median(took[len(sizes)-1])/median(took[0]), "ratio-10000/0")
	b.ReportMetric(0, "ns/op")
}

// longConversation imports a conversation of n messages of about 500 bytes.
func (f *fixture) longConversation(b *testing.B, title string, n int) store.Conversation {
	ctx := context.Background()
	msgs := make([]store.Message, n)
	for i := range msgs {
		role := []string{"user", "assistant"}[i%2]
		msgs[i] = store.Message{Role: role, Status: store.StatusDone,
			Content: fmt.Sprintf("%s %d: %s", role, i, strings.Repeat("some words of history ", 22))}
	}
	if _, err := f.store.Import(ctx, f.prof.ID, []store.ImportedConversation{{Title: title, Messages: msgs}}); err != nil {
		b.Fatal(err)
	}
	convs, err := f.store.Conversations(ctx, f.prof.ID)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range convs {
		if c.Title == title {
			return c
		}
	}
	b.Fatal("the imported conversation is not listed")
	return store.Conversation{}
}

// firstDelta is an Emitter that signals a turn's first delta and its end.
type firstDelta struct {
	mu        sync.Mutex
	seen      bool
	ch, ended chan struct{}
}

func (e *firstDelta) reset() {
	e.mu.Lock()
	e.seen = false
	e.mu.Unlock()
}

func (e *firstDelta) Emit(name string, _ any) {
	if name != chat.EventDelta {
		e.ended <- struct{}{}
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !e.seen {
		e.seen = true
		e.ch <- struct{}{}
	}
}
