package problem_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/openai"
	"parley/backend/problem"
	"parley/backend/providers"
)

// hi is the request every test sends.
var hi = llm.Request{Model: "m", Messages: []llm.Message{{Role: llm.RoleUser, Content: "hi"}}}

// streamErr runs one request through the OpenAI adapter against baseURL and
// returns the error that ended it.
func streamErr(t *testing.T, baseURL string, client *http.Client) error {
	t.Helper()
	err := llmtest.Ask(t, openai.New(baseURL, "sk-secret-key-0000", client), hi).Err
	if err == nil {
		t.Fatal("stream ended without error")
	}
	return err
}

func serveFile(t *testing.T, status int, contentType, file string) string {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("..", "llm", "openai", "testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/v1"
}

func TestHTTPProblems(t *testing.T) {
	tests := []struct {
		status            int
		contentType, file string
		kind              problem.Kind
		title, fix        string
		providerMessage   string
	}{
		{401, "application/json", "401.json", problem.KindAuth, "The key was rejected", "paste the key again", "Incorrect API key provided"},
		{403, "application/json", "403_chatanywhere.json", problem.KindModel, "may not use this model", "gpt-4o-mini", "free accounts may only use these models"},
		{403, "application/json", "403_region.json", problem.KindForbidden, "not offered in your region", "supported region", "Country, region, or territory not supported"},
		{404, "application/json", "404_model.json", problem.KindModel, "model was not found", "Pick another model", "does not exist"},
		{404, "text/plain", "404_path.txt", problem.KindNotFound, "not found at this address", "end in /v1", "404 page not found"},
		{429, "application/json", "429_rate.json", problem.KindRateLimit, "Too many requests", "Wait", "Rate limit reached"},
		{429, "application/json", "429_quota.json", problem.KindQuota, "out of credit", "billing", "exceeded your current quota"},
		{400, "application/json", "400_context.json", problem.KindTooLarge, "too long", "new conversation", "maximum context length"},
		{500, "application/json", "500.json", problem.KindServer, "internal error", "Retry", "The server had an error"},
		{503, "application/json", "503.json", problem.KindOverloaded, "overloaded", "retry", "currently overloaded"},
		{502, "text/html", "502.html", problem.KindHTML, "web page answered", "base URL", ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			base := serveFile(t, tt.status, tt.contentType, tt.file)
			p := problem.From(streamErr(t, base, http.DefaultClient))
			if p.Kind != tt.kind {
				t.Fatalf("kind = %s, want %s (%+v)", p.Kind, tt.kind, p)
			}
			if !strings.Contains(p.Title, tt.title) || !strings.Contains(p.Fix, tt.fix) {
				t.Errorf("title %q / fix %q; want %q / %q", p.Title, p.Fix, tt.title, tt.fix)
			}
			if !strings.Contains(p.ProviderMessage, tt.providerMessage) {
				t.Errorf("provider message %q lacks %q", p.ProviderMessage, tt.providerMessage)
			}
			if p.Status != tt.status || p.Host == "" || !strings.HasSuffix(p.Endpoint, "/v1/chat/completions") {
				t.Errorf("status %d host %q endpoint %q", p.Status, p.Host, p.Endpoint)
			}
			if p.Class() != problem.ClassProvider {
				t.Errorf("class = %d, want provider", p.Class())
			}
			assertNoKey(t, p)
		})
	}
}

func TestAllowedModelsFrom403(t *testing.T) {
	base := serveFile(t, 403, "application/json", "403_chatanywhere.json")
	p := problem.From(streamErr(t, base, http.DefaultClient))
	want := []string{"deepseek-r1", "deepseek-v3", "gpt-3.5-turbo", "gpt-4o-mini", "gpt-4o", "embeddings"}
	if fmt.Sprint(p.AllowedModels) != fmt.Sprint(want) {
		t.Errorf("allowed models = %q, want %q", p.AllowedModels, want)
	}
}

func TestTransportProblems(t *testing.T) {
	t.Run("refused", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		p := problem.From(streamErr(t, "http://"+addr+"/v1", http.DefaultClient))
		if p.Kind != problem.KindRefused || !strings.Contains(p.Title, addr) || p.Class() != problem.ClassUnreachable {
			t.Errorf("got %+v", p)
		}
	})
	t.Run("https to a plain HTTP server", func(t *testing.T) {
		srv := httptest.NewServer(http.NotFoundHandler())
		defer srv.Close()
		p := problem.From(streamErr(t, strings.Replace(srv.URL, "http://", "https://", 1)+"/v1", http.DefaultClient))
		if p.Kind != problem.KindTLS || !strings.Contains(p.Fix, "http://") {
			t.Errorf("got %+v", p)
		}
	})
	t.Run("untrusted certificate", func(t *testing.T) {
		srv := httptest.NewTLSServer(http.NotFoundHandler())
		defer srv.Close()
		p := problem.From(streamErr(t, srv.URL+"/v1", http.DefaultClient))
		if p.Kind != problem.KindTLS || !strings.Contains(p.Title, "certificate") {
			t.Errorf("got %+v", p)
		}
	})
	t.Run("ollama port refused", func(t *testing.T) {
		// A real refusal cannot be arranged on port 11434 without owning it,
		// so the dial error is built as the transport reports it.
		err := &llm.RequestError{Protocol: llm.ProtocolOllama, Endpoint: "http://127.0.0.1:11434/api/chat", Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", errRefused)}}
		p := problem.From(err)
		if !strings.Contains(p.Title, "Ollama isn't running at 127.0.0.1:11434") || !strings.Contains(p.Fix, "ollama serve") {
			t.Errorf("got %+v", p)
		}
	})
	t.Run("proxy", func(t *testing.T) {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		proxy := "http://" + ln.Addr().String()
		ln.Close()
		u, _ := url.Parse(proxy)
		client := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(u)}}
		p := problem.From(streamErr(t, "https://api.openai.example/v1", client))
		if p.Kind != problem.KindProxy || !strings.Contains(p.Fix, "HTTPS_PROXY") || p.Class() != problem.ClassUnreachable {
			t.Errorf("got %+v", p)
		}
	})
	t.Run("dns", func(t *testing.T) {
		// Name resolution is not available offline; the error is the one net returns.
		err := &llm.RequestError{Endpoint: "https://api.openai.example/v1/chat/completions", Err: &net.DNSError{Err: "no such host", Name: "api.openai.example", IsNotFound: true}}
		p := problem.From(err)
		if p.Kind != problem.KindDNS || !strings.Contains(p.Detail, "api.openai.example") || p.Class() != problem.ClassUnreachable {
			t.Errorf("got %+v", p)
		}
	})
}

func TestStreamProblems(t *testing.T) {
	cut := problem.From(&llm.StreamError{Endpoint: "https://h/v1/chat/completions", Err: llm.ErrStreamIncomplete})
	if cut.Kind != problem.KindStreamBroken || cut.Class() != problem.ClassStream || !strings.Contains(cut.Detail, "kept") {
		t.Errorf("cut: %+v", cut)
	}
	over := problem.From(&llm.ProviderError{Endpoint: "https://h/v1/messages", Message: "Overloaded", Type: "overloaded_error", Reason: llm.ReasonOverloaded})
	if over.Kind != problem.KindOverloaded || over.ProviderMessage != "Overloaded" {
		t.Errorf("overloaded: %+v", over)
	}
	if p := problem.From(fmt.Errorf("send: %w", context.Canceled)); p.Kind != problem.KindCanceled {
		t.Errorf("canceled: %+v", p)
	}
}

// TestQuotaVersusRateLimit sends each provider's 429 through its adapter,
// which reads its own codes: a daily quota is out of credit, a per-minute
// one a rate limit.
func TestQuotaVersusRateLimit(t *testing.T) {
	gemini := func(quota, message string) string {
		return fmt.Sprintf(`{"error":{"code":429,"message":%q,"status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[{"quotaId":%q}]}]}}`, message, quota)
	}
	tests := []struct {
		kind, code, message string
		body                string
		want                problem.Kind
	}{
		{"gemini", "GenerateRequestsPerDayPerProjectPerModel-FreeTier", "You exceeded your current quota", "", problem.KindQuota},
		{"gemini", "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "You exceeded your current quota", "", problem.KindRateLimit},
		{"dashscope", "Throttling.AllocationQuota", "Allocated quota exceeded, please increase your quota limit.", `{"code":%q,"message":%q}`, problem.KindRateLimit},
		{"openai", "insufficient_quota", "You exceeded your current quota, please check your plan and billing details.", `{"error":{"code":%q,"message":%q}}`, problem.KindQuota},
		{"openai", "rate_limit_exceeded", "Rate limit reached for requests", `{"error":{"code":%q,"message":%q}}`, problem.KindRateLimit},
	}
	for _, tt := range tests {
		body := gemini(tt.code, tt.message)
		if tt.body != "" {
			body = fmt.Sprintf(tt.body, tt.code, tt.message)
		}
		rp := llmtest.NewReplay(429, "application/json", []byte(body))
		prov, err := providers.New(tt.kind, rp.URL, "sk-secret-key-0000", http.DefaultClient)
		if err != nil {
			t.Fatal(err)
		}
		got := llmtest.Ask(t, prov, hi).Err
		rp.Close()
		if p := problem.From(got); p.Kind != tt.want {
			t.Errorf("%s: kind %s, want %s", tt.code, p.Kind, tt.want)
		}
	}
}

func TestProblemPassesThrough(t *testing.T) {
	orig := problem.New(problem.KindNoKey, "No key", "d", "f")
	if got := problem.From(fmt.Errorf("wrapped: %w", orig)); got != orig {
		t.Errorf("got %+v, want the original problem", got)
	}
	if problem.From(nil) != nil {
		t.Error("From(nil) != nil")
	}
}

func assertNoKey(t *testing.T, p *problem.Problem) {
	t.Helper()
	all := fmt.Sprintf("%s %s %s %s %s %v", p.Title, p.Detail, p.Fix, p.ProviderMessage, p.Endpoint, p.Error())
	if strings.Contains(all, "sk-secret-key-0000") {
		t.Errorf("the key leaked into the problem: %s", all)
	}
}

var errRefused = syscall.ECONNREFUSED

func TestOllamaElsewhereIsStillNamed(t *testing.T) {
	err := &llm.RequestError{Protocol: llm.ProtocolOllama, Endpoint: "http://192.168.1.20:8080/api/chat", Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}}
	if p := problem.From(err); !strings.Contains(p.Title, "Ollama isn't running at 192.168.1.20:8080") {
		t.Errorf("got %+v", p)
	}
}
