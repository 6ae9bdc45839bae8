// Command llmtest runs the fake provider from backend/llm/llmtest on a
// loopback port, for end-to-end tests and for trying Parley without a key.
// Point a Custom profile at the printed base URL; the model name picks a
// scenario (echo, slow, reasoning, cut, html, overloaded, rate-limited, ...).
// GET /_llmtest/requests lists the requests received (path and body).
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"

	"parley/backend/llm/llmtest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on")
	key := flag.String("key", "", "the only key to accept (any key when empty)")
	flag.Parse()
	if host, _, err := net.SplitHostPort(*addr); err != nil || !(host == "localhost" || strings.HasPrefix(host, "127.") || host == "::1") {
		fmt.Fprintln(os.Stderr, "llmtest: listen on a loopback address only, such as 127.0.0.1:8089")
		os.Exit(1)
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "llmtest:", err)
		os.Exit(1)
	}
	srv, h := llmtest.Handler()
	srv.RequireKey(*key)
	fmt.Printf("http://%s/v1\n", ln.Addr())
	mux := http.NewServeMux()
	mux.Handle("/", h)
	mux.HandleFunc("GET /_llmtest/requests", func(w http.ResponseWriter, _ *http.Request) {
		recorded(w, srv.Requests())
	})
	if err := http.Serve(ln, mux); err != nil {
		fmt.Fprintln(os.Stderr, "llmtest:", err)
		os.Exit(1)
	}
}

// recorded answers GET /_llmtest/requests: the path and body of every
// request so far (headers left out: they carry keys), so end-to-end tests
// can check what reached the provider.
func recorded(w http.ResponseWriter, reqs []llmtest.Recorded) {
	type entry struct {
		Path string `json:"path"`
		Body string `json:"body"`
	}
	out := make([]entry, 0, len(reqs))
	for _, r := range reqs {
		out = append(out, entry{r.Path, r.Body})
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(out)
}
