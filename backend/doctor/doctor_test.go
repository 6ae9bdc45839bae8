package doctor_test

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"parley/backend/doctor"
	"parley/backend/llm/llmtest"
	"parley/backend/problem"
	"parley/backend/providers"
)

const goodKey = "sk-doctor-good-1234"

var names = []string{"Address", "DNS", "Proxy", "TCP", "TLS", "Authentication", "Completion", "Streaming"}

// check runs the doctor, checks what every run must get right (one report
// per step, in order; no key anywhere) and returns the steps by name.
func check(t *testing.T, cfg doctor.Config, client *http.Client) map[string]doctor.Step {
	t.Helper()
	var reported []doctor.Step
	steps := doctor.Run(context.Background(), cfg, client, func(s doctor.Step) { reported = append(reported, s) })
	var got []string
	for _, s := range steps {
		got = append(got, s.Name)
	}
	if !slices.Equal(got, names) {
		t.Fatalf("steps %v, want %v", got, names)
	}
	if js, rep := mustJSON(t, steps), mustJSON(t, reported); js != rep {
		t.Errorf("report saw\n%s\nRun returned\n%s", rep, js)
	}
	if js := mustJSON(t, steps); cfg.Key != "" && strings.Contains(js, cfg.Key) {
		t.Errorf("the key appears in the steps: %s", js)
	}
	byName := map[string]doctor.Step{}
	for _, s := range steps {
		byName[s.Name] = s
		saidInChinese(t, s)
	}
	return byName
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func fake(t *testing.T) *llmtest.Server {
	t.Helper()
	srv := llmtest.Serve(t)
	srv.RequireKey(goodKey)
	return srv
}

func want(t *testing.T, s doctor.Step, status doctor.Status, detail string) {
	t.Helper()
	if s.Status != status || !regexp.MustCompile(detail).MatchString(s.Detail) {
		t.Errorf("%s: %s %q, want %s matching %q (problem %+v)", s.Name, s.Status, s.Detail, status, detail, s.Problem)
	}
}

func TestHealthyConnections(t *testing.T) {
	srv := fake(t)
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	// A model list that answers only with the key proves the key; Ollama's
	// answers anyone, so there the completion does.
	keyByList := []string{"ok", `^\d+ models; the key was accepted$`, `^reply "You said: Reply with one word: ok[^"]*"$`}
	keyByCompletion := []string{"skipped", `^\d+ models, but the list answers without a key too, so it proves nothing about the key: the Completion step checks it$`,
		`^reply "You said: Reply with one word: ok[^"]*"; this proved the key$`}
	tests := []struct {
		kind, base, endpoint, dns string
		auth                      []string
	}{
		{"openai", srv.URL + "/v1", srv.URL + "/v1/chat/completions", `^127\.0\.0\.1 \(an IP address, no lookup needed\)$`, keyByList},
		{"anthropic", srv.URL, srv.URL + "/v1/messages", `^127\.0\.0\.1 `, keyByList},
		{"ollama", srv.URL, srv.URL + "/api/chat", `^127\.0\.0\.1 `, keyByCompletion},
		{"openai", "http://localhost:" + port + "/v1", "http://localhost:" + port + "/v1/chat/completions", `^127\.0\.0\.1$`, keyByList},
	}
	for _, tt := range tests {
		t.Run(tt.kind+" "+tt.base, func(t *testing.T) {
			steps := check(t, doctor.Config{Kind: tt.kind, BaseURL: tt.base, Model: "echo", Key: goodKey}, providers.NewHTTPClient())
			want(t, steps["Address"], "ok", "^"+regexp.QuoteMeta(tt.endpoint)+"$")
			want(t, steps["DNS"], "ok", tt.dns)
			want(t, steps["Proxy"], "ok", "^none$")
			want(t, steps["TCP"], "ok", `^connected to 127\.0\.0\.1:`+port+"$")
			want(t, steps["TLS"], "skipped", "^plain HTTP$")
			want(t, steps["Authentication"], doctor.Status(tt.auth[0]), tt.auth[1])
			want(t, steps["Completion"], "ok", tt.auth[2])
			want(t, steps["Streaming"], "ok", `^first text after \d+ ms, \d+ chunks$`)
		})
	}
}

func TestFailures(t *testing.T) {
	srv := fake(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String() + "/v1"
	ln.Close()
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte(llmtest.HTMLErrorPage))
	}))
	t.Cleanup(html.Close)
	tests := []struct {
		name, kind, base, model, key string
		step                         string
		problem                      problem.Kind
		status                       int
	}{
		{"not a URL", "openai", "api.openai.com/v1", "echo", goodKey, "Address", problem.KindInvalidInput, 0},
		{"unknown kind", "smoke-signals", srv.URL, "echo", goodKey, "Address", problem.KindInvalidInput, 0},
		{"refused", "openai", closed, "echo", goodKey, "TCP", problem.KindRefused, 0},
		{"https to plain HTTP", "openai", strings.Replace(srv.URL, "http:", "https:", 1) + "/v1", "echo", goodKey, "TLS", problem.KindTLS, 0},
		{"wrong key", "openai", srv.URL + "/v1", "echo", "sk-doctor-wrong-9999", "Authentication", problem.KindAuth, 401},
		{"wrong anthropic key", "anthropic", srv.URL, "echo", "sk-ant-doctor-wrong-9999", "Authentication", problem.KindAuth, 401},
		{"html page", "openai", html.URL + "/v1", "echo", goodKey, "Authentication", problem.KindHTML, 502},
		{"cut stream", "openai", srv.URL + "/v1", "cut", goodKey, "Streaming", problem.KindStreamBroken, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			steps := check(t, doctor.Config{Kind: tt.kind, BaseURL: tt.base, Model: tt.model, Key: tt.key}, providers.NewHTTPClient())
			at := slices.Index(names, tt.step)
			for _, name := range names[:at] {
				if steps[name].Status == "failed" {
					t.Errorf("%s failed before %s: %+v", name, tt.step, steps[name].Problem)
				}
			}
			s := steps[tt.step]
			if s.Status != "failed" || s.Problem == nil || s.Problem.Kind != tt.problem || s.Problem.Status != tt.status {
				t.Fatalf("%s: %s %+v, want failed with %s (HTTP %d)", tt.step, s.Status, s.Problem, tt.problem, tt.status)
			}
			if s.Problem.Title == "" || s.Problem.Fix == "" {
				t.Errorf("the problem is not explained: %+v", s.Problem)
			}
			for _, name := range names[at+1:] {
				want(t, steps[name], "skipped", "^not run: "+tt.step+" failed$")
			}
		})
	}
}

func TestCutStreamStillCompletes(t *testing.T) {
	steps := check(t, doctor.Config{Kind: "openai", BaseURL: fake(t).URL + "/v1", Model: "cut", Key: goodKey}, nil)
	want(t, steps["Completion"], "ok", `^reply "This answer will" \(then the answer broke off; see Streaming\)$`)
}

func TestWithoutV1BothRequestsSayWhy(t *testing.T) {
	steps := check(t, doctor.Config{Kind: "openai", BaseURL: fake(t).URL, Model: "echo", Key: goodKey}, nil)
	for name, status := range map[string]doctor.Status{"Authentication": "warning", "Completion": "failed"} {
		p := steps[name].Problem
		if steps[name].Status != status || p == nil || p.Kind != problem.KindNotFound || !strings.Contains(p.Fix, "/v1") {
			t.Errorf("%s: %s %+v, want %s: not_found with a fix naming /v1", name, steps[name].Status, p, status)
		}
	}
	want(t, steps["Streaming"], "skipped", "^not run: Completion failed$")
}

func TestRelayWithoutModelListStillChats(t *testing.T) {
	_, h := llmtest.Handler()
	relay := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v1/models" {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(relay.Close)
	steps := check(t, doctor.Config{Kind: "openai", BaseURL: relay.URL + "/v1", Model: "echo", Key: goodKey}, nil)
	want(t, steps["Authentication"], "warning", "completion steps still run")
	want(t, steps["Completion"], "ok", `^reply "You said`)
	want(t, steps["Streaming"], "ok", `^first text after`)
}

func TestHTTPS(t *testing.T) {
	_, h := llmtest.Handler()
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	steps := check(t, doctor.Config{Kind: "openai", BaseURL: srv.URL + "/v1", Model: "echo"}, srv.Client())
	want(t, steps["TLS"], "ok", `^TLS 1\.3, certificate for 127\.0\.0\.1 from .+ valid until \d{4}-\d\d-\d\d$`)
	want(t, steps["Streaming"], "ok", `^first text after`)
}

func TestProxyIsWhatIsDialled(t *testing.T) {
	_, h := llmtest.Handler()
	proxy := httptest.NewServer(h) // answers absolute-URI requests as a forward proxy would
	t.Cleanup(proxy.Close)
	proxyURL, _ := url.Parse(proxy.URL)
	client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL)}}
	steps := check(t, doctor.Config{Kind: "openai", BaseURL: "http://llm.doctor.invalid/v1", Model: "echo"}, client)
	want(t, steps["DNS"], "ok", `^proxy 127\.0\.0\.1: `)
	want(t, steps["Proxy"], "ok", "^via "+regexp.QuoteMeta(proxy.URL)+"$")
	want(t, steps["TCP"], "ok", "^connected to the proxy at "+regexp.QuoteMeta(proxyURL.Host)+"$")
	want(t, steps["Completion"], "ok", `^reply "You said`)
}

func TestWithoutModelOnlyTheConnectionIsChecked(t *testing.T) {
	steps := check(t, doctor.Config{Kind: "ollama", BaseURL: fake(t).URL}, nil)
	want(t, steps["Authentication"], "ok", `^\d+ models \(no key was sent\)$`)
	want(t, steps["Completion"], "skipped", "^no model was given$")
	want(t, steps["Streaming"], "skipped", "^no model was given$")
}

func TestReportsEachStepAsItFinishes(t *testing.T) {
	srv := fake(t)
	chats := func() (n int) {
		for _, r := range srv.Requests() {
			if r.Path == "/v1/chat/completions" {
				n++
			}
		}
		return n
	}
	sentWhenReported := map[string]int{}
	doctor.Run(context.Background(), doctor.Config{Kind: "openai", BaseURL: srv.URL + "/v1", Model: "echo", Key: goodKey}, nil,
		func(s doctor.Step) { sentWhenReported[s.Name] = chats() })
	if sentWhenReported["TLS"] != 0 || sentWhenReported["Completion"] != 1 || sentWhenReported["Streaming"] != 2 {
		t.Errorf("chat requests sent when each step was reported: %v", sentWhenReported)
	}
}

func TestCancelStopsTheRun(t *testing.T) {
	srv := fake(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	start := time.Now()
	steps := doctor.Run(ctx, doctor.Config{Kind: "openai", BaseURL: srv.URL + "/v1", Model: "slow", Key: goodKey}, nil,
		func(s doctor.Step) {
			if s.Name == "Authentication" {
				time.AfterFunc(200*time.Millisecond, cancel)
			}
		})
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the run took %v after being stopped", took)
	}
	if s := steps[6]; s.Status != "failed" || s.Problem == nil || s.Problem.Kind != problem.KindCanceled {
		t.Errorf("Completion: %s %+v, want failed as stopped", s.Status, s.Problem)
	}
	want(t, steps[7], "skipped", "^the check was stopped$")
}
