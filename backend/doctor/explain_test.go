package doctor_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"parley/backend/doctor"
	"parley/backend/llm/llmtest"
	"parley/backend/problem"
)

// serve answers paths with fixed JSON bodies and everything else with h.
func serve(t *testing.T, h http.Handler, fixed map[string]string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if body, ok := fixed[r.URL.Path]; ok {
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(body))
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestPublicModelListDoesNotProveAWrongKey: a relay whose model list
// answers anyone is not "Authentication ✓" for a wrong key; the
// completion finds the key rejected.
func TestPublicModelListDoesNotProveAWrongKey(t *testing.T) {
	fake, h := llmtest.Handler()
	fake.RequireKey(goodKey)
	srv := serve(t, h, map[string]string{"/v1/models": `{"object":"list","data":[{"id":"echo"}]}`})
	steps := check(t, doctor.Config{Kind: "openai", BaseURL: srv.URL + "/v1", Model: "echo", Key: "sk-doctor-wrong-9999"}, nil)
	if s := steps["Authentication"]; s.Status == doctor.StatusOK || !strings.Contains(s.Detail, "Completion step checks it") {
		t.Errorf("Authentication: %s %q, want it not passed, naming the step that checks the key", s.Status, s.Detail)
	}
	if s := steps["Completion"]; s.Status != doctor.StatusFailed || s.Problem == nil || s.Problem.Kind != problem.KindAuth {
		t.Errorf("Completion: %s %+v, want the key rejected", s.Status, s.Problem)
	}
}

// TestAddressGivesTheDialogsAdvice: the Address step says what the
// profile dialog says of the base URL: a URL that cannot work fails with
// the fixed URL, a risky one is a warning and the run goes on.
func TestAddressGivesTheDialogsAdvice(t *testing.T) {
	steps := check(t, doctor.Config{Kind: "openai", BaseURL: "https://api.openai.com/v1/chat/completions", Model: "gpt-4o-mini", Key: goodKey}, nil)
	s := steps["Address"]
	if s.Status != doctor.StatusFailed || s.Problem == nil || !strings.Contains(s.Problem.Detail, "not the base URL") ||
		!strings.Contains(s.Problem.Fix, "https://api.openai.com/v1.") {
		t.Errorf("Address: %s %+v, want the pasted endpoint refused with the base URL to use", s.Status, s.Problem)
	}
	steps = check(t, doctor.Config{Kind: "openai", BaseURL: fake(t).URL, Model: "echo", Key: goodKey}, nil)
	want(t, steps["Address"], doctor.StatusWarning, `/chat/completions — Most OpenAI-compatible services serve their API under /v1.*\(suggested: http://127\.0\.0\.1:\d+/v1\)$`)
}

// TestNotFoundAdviceFitsTheProtocol: a server with nothing at any path
// gets advice about the protocol spoken, never OpenAI's /chat/completions.
func TestNotFoundAdviceFitsTheProtocol(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(srv.Close)
	for kind, path := range map[string]string{"anthropic": "/v1/models", "ollama": "/api/tags", "gemini": "/v1beta/models", "openai": "/models"} {
		t.Run(kind, func(t *testing.T) {
			steps := check(t, doctor.Config{Kind: kind, BaseURL: srv.URL, Model: "m", Key: goodKey}, nil)
			want(t, steps["Authentication"], doctor.StatusWarning, path)
			p := steps["Completion"].Problem
			if p == nil || p.Kind != problem.KindNotFound {
				t.Fatalf("Completion: %+v, want not found", steps["Completion"])
			}
			if kind != "openai" && strings.Contains(p.Fix+steps["Authentication"].Detail, "/chat/completions") {
				t.Errorf("%s is given OpenAI's advice: %q / %q", kind, p.Fix, steps["Authentication"].Detail)
			}
		})
	}
}

// TestEmptyModelListSaysTheModelIsNotThere: an Ollama with nothing pulled
// says so with the pull command; another server listing nothing says the
// requested model is not there.
func TestEmptyModelListSaysTheModelIsNotThere(t *testing.T) {
	_, h := llmtest.Handler()
	srv := serve(t, h, map[string]string{"/api/tags": `{"models":[]}`, "/v1/models": `{"object":"list","data":[]}`})
	steps := check(t, doctor.Config{Kind: "ollama", BaseURL: srv.URL, Model: "llama3.2"}, nil)
	want(t, steps["Authentication"], doctor.StatusWarning, "^Ollama is running but has no models — `ollama pull llama3.2`$")
	steps = check(t, doctor.Config{Kind: "openai", BaseURL: srv.URL + "/v1", Model: "gpt-4o-mini"}, nil)
	want(t, steps["Authentication"], doctor.StatusWarning, "^the server lists no models, so gpt-4o-mini is not there$")
}
