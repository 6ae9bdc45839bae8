// Package llmtest is a fake LLM provider on loopback for tests and demos. It
// speaks the providers' wire protocols from neutral [Scenario] values, picked
// by the model name a request asks for, and can inject the faults a real
// provider produces only by bad luck: error statuses with their bodies, an
// HTML page from a proxy, a slow first byte, a connection cut mid-stream.
package llmtest

import (
	"cmp"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Scenario is what the fake does for one request, independent of protocol.
type Scenario struct {
	// FirstByteDelay is waited before anything is written.
	FirstByteDelay time.Duration
	// Status, when not 0 or 200, answers at once with an error. Each
	// protocol words it in its own error body from ErrorType (one of the
	// Err* constants) and ErrorMessage, unless Body is set, which is sent
	// as is with ContentType (application/json when empty).
	Status       int
	ErrorType    string
	ErrorMessage string
	Body         string
	ContentType  string
	// Reasoning pieces stream before Chunks; Echo prepends the last user
	// message, quoted, to Chunks.
	Reasoning []string
	Chunks    []string
	Echo      bool
	// Pace is waited before each piece.
	Pace time.Duration
	// CutAfter, when positive, drops the connection after that many pieces
	// of Chunks without finishing the stream.
	CutAfter int
	// StreamError, when set, is reported as an error event after Chunks.
	StreamError string
	// ToolCall sends a tool-call piece after the first text piece, in the
	// protocol's own shape; a client must skip it.
	ToolCall bool
	// Redirect, when set, answers RedirectStatus (307 Temporary Redirect
	// when 0) to this URL instead of anything else.
	Redirect       string
	RedirectStatus int
	// Reset drops the connection before any answer, as a server that
	// restarts or a flaky network does.
	Reset bool
	// RetryAfter, when set, is sent as the Retry-After header of an error
	// status.
	RetryAfter string
	// First, when positive, limits Status, Redirect and Reset to the
	// first First requests for the model; later ones play the rest of the
	// scenario, as a provider does once it has recovered.
	First int
	// Stall, once StallAfter pieces of Chunks were sent (0: right after
	// the headers), sends nothing more and holds the connection open until
	// the client gives up.
	Stall      bool
	StallAfter int
}

// Server is a fake provider. Its zero Key accepts any key; a set Key makes
// every other key a 401 in the protocol's own words.
type Server struct {
	URL string

	mu        sync.Mutex
	key       string
	scenarios map[string]Scenario
	requests  []Recorded
	served    map[string]int
	active    int
	http      *httptest.Server
}

// Recorded is one request the fake received, for assertions.
type Recorded struct {
	Path   string
	Query  string
	Header http.Header
	Body   string
}

// Start runs a fake on a loopback port chosen by the system.
func Start() *Server {
	s := newServer()
	s.http = httptest.NewServer(s.handler())
	s.URL = s.http.URL
	return s
}

// Serve is [Start] for one test: the server is closed when the test ends.
func Serve(t testing.TB) *Server {
	s := Start()
	t.Cleanup(s.Close)
	return s
}

// Handler returns the fake as an http.Handler, to be served on an address of
// the caller's choosing (the llmtest command does that).
func Handler() (*Server, http.Handler) {
	s := newServer()
	return s, s.handler()
}

func newServer() *Server {
	return &Server{scenarios: builtinScenarios(), served: map[string]int{}}
}

// Close stops a server made by [Start].
func (s *Server) Close() {
	if s.http != nil {
		s.http.CloseClientConnections()
		s.http.Close()
	}
}

// RequireKey makes the fake reject any key but key.
func (s *Server) RequireKey(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.key = key
}

// Handle makes requests for model play sc.
func (s *Server) Handle(model string, sc Scenario) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scenarios[model] = sc
}

// Requests returns what the fake has received so far.
func (s *Server) Requests() []Recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Recorded(nil), s.requests...)
}

// Active reports how many requests are being answered right now; it drops
// as soon as a client closes its connection, which tests use to see that a
// Stop really hung up.
func (s *Server) Active() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.active
}

// track counts a request as active until the returned func is called.
func (s *Server) track() func() {
	s.mu.Lock()
	s.active++
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		s.active--
		s.mu.Unlock()
	}
}

// chat serves a chat request with h: counted as active while it runs,
// its body read and recorded first.
func (s *Server) chat(h func(w http.ResponseWriter, r *http.Request, raw []byte)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		defer s.track()()
		h(w, r, s.receive(r))
	}
}

func (s *Server) record(r *http.Request, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Recorded{Path: r.URL.Path, Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body})
}

// receive reads a request's body and records the request.
func (s *Server) receive(r *http.Request) []byte {
	raw, _ := io.ReadAll(r.Body)
	s.record(r, string(raw))
	return raw
}

// textMessage is a chat message as OpenAI, Ollama and DashScope write it.
type textMessage struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// chatRequest is what the fake reads of an OpenAI or Ollama chat request.
type chatRequest struct {
	Model    string        `json:"model"`
	Messages []textMessage `json:"messages"`
}

// lastUserText is the text of the last user message, which the echo scenario
// repeats.
func lastUserText(msgs []textMessage) string {
	text := ""
	for _, m := range msgs {
		if m.Role == "user" {
			text = m.Content
		}
	}
	return text
}

func (s *Server) keyOK(got string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.key == "" || got == s.key
}

// scenario returns the scenario for model. An unknown model echoes, so any
// model name works in a demo; "missing-model" is the one that does not exist.
func (s *Server) scenario(model string) (Scenario, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.scenarios[model]
	if !ok && model != "missing-model" {
		return s.scenarios["echo"], true
	}
	if sc.First > 0 {
		s.served[model]++
		if s.served[model] > sc.First {
			sc.Status, sc.Redirect, sc.Reset = 0, "", false
		}
	}
	return sc, ok
}

// Neutral error types a [Scenario] can ask for; each protocol maps them to
// its own codes.
const (
	ErrAuth       = "auth"
	ErrForbidden  = "forbidden"
	ErrNotFound   = "not_found"
	ErrRateLimit  = "rate_limit"
	ErrQuota      = "quota"
	ErrServer     = "server"
	ErrOverloaded = "overloaded"
	ErrBadRequest = "bad_request"
)

// handler routes each protocol's paths. OpenAI and Anthropic share
// GET /v1/models; the anthropic-version header tells them apart.
func (s *Server) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.chat(s.openAIChat))
	mux.HandleFunc("POST /compatible-mode/v1/chat/completions", s.chat(s.openAIChat))
	mux.HandleFunc("GET /compatible-mode/v1/models", s.openAIModels)
	mux.HandleFunc("GET /v1/models", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("anthropic-version") != "" {
			s.anthropicModels(w, r)
			return
		}
		s.openAIModels(w, r)
	})
	mux.HandleFunc("POST /v1/messages", s.chat(s.anthropicMessages))
	mux.HandleFunc("POST /api/chat", s.chat(s.ollamaChat))
	mux.HandleFunc("GET /api/tags", s.ollamaTags)
	mux.HandleFunc("POST /v1beta/models/{action}", s.chat(s.geminiGenerate))
	mux.HandleFunc("GET /v1beta/models", s.geminiModels)
	mux.HandleFunc("POST /api/v1/services/aigc/text-generation/generation", s.chat(s.dashscopeGenerate))
	// Every route again under /moved, for redirects within the origin.
	mux.Handle("/moved/", http.StripPrefix("/moved", mux))
	return mux
}

// modelNames lists the scenario names, which double as the fake's models.
func (s *Server) modelNames() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := make([]string, 0, len(s.scenarios))
	for name := range s.scenarios {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// pieces returns the text pieces sc streams for a request whose last user
// message is lastUser.
func (sc Scenario) pieces(lastUser string) []string {
	if !sc.Echo {
		return sc.Chunks
	}
	words := strings.SplitAfter("You said: "+lastUser, " ")
	return append(words, sc.Chunks...)
}

// refuse answers the scenario's error status, when it has one: its Body as
// is, or else errorBody, the error in the protocol's own words. It reports
// whether it answered.
func (sc Scenario) refuse(w http.ResponseWriter, errorBody func() string) bool {
	if sc.Reset {
		cut()
	}
	if sc.Redirect != "" {
		w.Header().Set("Location", sc.Redirect)
		w.WriteHeader(cmp.Or(sc.RedirectStatus, http.StatusTemporaryRedirect))
		return true
	}
	if sc.Status == 0 || sc.Status == http.StatusOK {
		return false
	}
	if sc.RetryAfter != "" {
		w.Header().Set("Retry-After", sc.RetryAfter)
	}
	if sc.Body != "" {
		writeBody(w, sc.Status, sc.ContentType, sc.Body)
	} else {
		writeJSON(w, sc.Status, errorBody())
	}
	return true
}

// wait sleeps d or until the client goes away; it reports whether to go on.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return r.Context().Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// cut drops the connection without ending the response, as a proxy or a
// flaky network does.
func cut() { panic(http.ErrAbortHandler) }
