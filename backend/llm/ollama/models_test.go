package ollama_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"syscall"
	"testing"
	"time"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
	"parley/backend/llm/ollama"
)

func TestModelsListsPulledNames(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		file, key, auth string
		want            []string
	}{
		{"tags.json", "", "", []string{"llama3.2:latest", "qwen3:8b", "gpt-oss:120b-cloud"}},
		{"tags_empty.json", "proxy-key", "Bearer proxy-key", []string{}},
	} {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			rp := llmtest.ReplayFile(t, http.StatusOK, "application/json; charset=utf-8", tt.file)
			got, err := ollama.New(rp.URL, tt.key, rp.Client()).Models(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if got == nil || !slices.Equal(got, tt.want) {
				t.Errorf("models = %#v, want %#v", got, tt.want)
			}
			reqs := rp.Requests()
			if len(reqs) != 1 || reqs[0].Path != "/api/tags" || reqs[0].Header.Get("Authorization") != tt.auth {
				t.Errorf("requests = %+v", reqs)
			}
		})
	}
}

func TestModelsErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, file, contentType string
		status                  int
		check                   func(error) bool
	}{
		{"proxy page", "502.html", "text/html", http.StatusOK, func(err error) bool {
			var he *llm.HTTPError
			return errors.As(err, &he) && he.Status == 200 && he.ContentType == "text/html"
		}},
		{"wrong path", "404_path.txt", "text/plain", http.StatusNotFound, func(err error) bool {
			var he *llm.HTTPError
			return errors.As(err, &he) && he.Status == 404 && he.Body == "404 page not found"
		}},
		{"not ollama", "", "application/json", http.StatusOK, func(err error) bool {
			return errors.Is(err, ollama.ErrNotOllama)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var rp *llmtest.Replay
			if tt.file == "" {
				rp = llmtest.ReplayBody(t, tt.status, tt.contentType, []byte(`{"object":"list","data":[]}`))
			} else {
				rp = llmtest.ReplayFile(t, tt.status, tt.contentType, tt.file)
			}
			got, err := ollama.New(rp.URL, "", rp.Client()).Models(context.Background())
			if got != nil || !tt.check(err) {
				t.Errorf("models %v, error %#v", got, err)
			}
		})
	}
}

func TestDetectFindsOllama(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/json; charset=utf-8", "tags.json")
	got, err := ollama.Detect(context.Background(), rp.Client(), rp.URL)
	if err != nil || len(got) != 3 || got[0] != "llama3.2:latest" {
		t.Fatalf("Detect = %v, %v", got, err)
	}
}

func TestDetectNothingListening(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	_, err := ollama.Detect(context.Background(), http.DefaultClient, url)
	var re *llm.RequestError
	if !errors.As(err, &re) || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("error = %#v, want a refused *llm.RequestError", err)
	}
}

func TestDetectGivesUpQuickly(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	}))
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	start := time.Now()
	_, err := ollama.Detect(ctx, srv.Client(), srv.URL)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want a deadline", err)
	}
	if took := time.Since(start); took > ollama.DetectTimeout+time.Second {
		t.Errorf("Detect took %v", took)
	}
}

func TestMissingModel(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"pull wording", &llm.HTTPError{Status: 404, Message: `model "llama3" not found, try pulling it first`}, "llama3"},
		{"short wording", &llm.HTTPError{Status: 404, Message: `model 'qwen3:8b' not found`}, "qwen3:8b"},
		{"wrapped", errors.Join(errors.New("turn"), &llm.HTTPError{Status: 404, Message: `model "a/b:7b" not found, try pulling it first`}), "a/b:7b"},
		{"wrong path", &llm.HTTPError{Status: 404, Body: "404 page not found"}, ""},
		{"other status", &llm.HTTPError{Status: 400, Message: "model is required"}, ""},
		{"not http", &llm.ProviderError{Message: `model "x" not found`}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, ok := ollama.MissingModel(tt.err)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("MissingModel = %q, %v; want %q", got, ok, tt.want)
			}
		})
	}
}

// TestBaseURLFromEnv reads OLLAMA_HOST as Ollama does.
func TestBaseURLFromEnv(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "http://127.0.0.1:11434",
		"0.0.0.0":                 "http://127.0.0.1:11434",
		"0.0.0.0:8080":            "http://127.0.0.1:8080",
		"gpu-box":                 "http://gpu-box:11434",
		"192.168.1.20:11435":      "http://192.168.1.20:11435",
		"http://localhost:9999":   "http://localhost:9999",
		"https://ollama.example":  "https://ollama.example:443",
		"[::1]:11434":             "http://[::1]:11434",
		"http://proxy:80/ollama/": "http://proxy:80/ollama",
	} {
		if got := ollama.BaseURLFromEnv(in); got != want {
			t.Errorf("BaseURLFromEnv(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMissingModelNamed: the fake's missing model is named from Ollama's
// words, so the window can offer to pull it.
func TestMissingModelNamed(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	req := ask("hi")
	req.Model = "missing-model"
	got := llmtest.Ask(t, ollama.New(fake.URL, "", http.DefaultClient), req)
	if name, ok := ollama.MissingModel(got.Err); !ok || name != "missing-model" {
		t.Fatalf("MissingModel(%v) = %q, %v", got.Err, name, ok)
	}
}

func TestFakeModelsAndDetect(t *testing.T) {
	t.Parallel()
	fake := llmtest.Serve(t)
	models, err := ollama.New(fake.URL, "", http.DefaultClient).Models(t.Context())
	if err != nil || !slices.Contains(models, "echo") || !slices.Contains(models, "reasoning") {
		t.Fatalf("Models = %v, %v", models, err)
	}
	detected, err := ollama.Detect(t.Context(), http.DefaultClient, fake.URL)
	if err != nil || !slices.Equal(detected, models) {
		t.Fatalf("Detect = %v, %v; want %v", detected, err, models)
	}
	for _, r := range fake.Requests() {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("%s sent an Authorization header without a key", r.Path)
		}
	}
}

// TestConsumerMayStopEarly checks that breaking out of the loop is safe.
func TestConsumerMayStopEarly(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/x-ndjson", "text.ndjson")
	n := 0
	for range ollama.New(rp.URL, "", rp.Client()).Stream(t.Context(), ask("hi")) {
		n++
		break
	}
	if n != 1 {
		t.Fatalf("got %d chunks before break", n)
	}
}
