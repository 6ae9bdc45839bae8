// Command llmtest runs the fake provider from backend/llm/llmtest on a
// loopback port, for end-to-end tests and for trying Parley without a key.
// Point a Custom profile at the printed base URL; the model name picks a
// scenario (echo, slow, reasoning, cut, html, overloaded, rate-limited, ...).
package main

import (
	"context"
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
	if err := http.Serve(ln, h); err != nil {
		fmt.Fprintln(os.Stderr, "llmtest:", err)
		os.Exit(1)
	}
}
