package llmtest_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
)

const geminiBody = `{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}`

// geminiDo sends a request to the fake's Gemini API with key in the
// x-goog-api-key header and returns the status and body.
func geminiDo(t *testing.T, method, url, key, body string) (int, string) {
	t.Helper()
	a := send(t, method, url, body, map[string]string{"x-goog-api-key": key})
	return a.status, a.body
}

// geminiErr decodes Google's error body.
func geminiErr(t *testing.T, body string) (status, reason, message string) {
	t.Helper()
	var e struct {
		Error struct {
			Message, Status string
			Details         []struct{ Reason string }
		}
	}
	if err := json.Unmarshal([]byte(body), &e); err != nil {
		t.Fatalf("not a Gemini error body: %q", body)
	}
	for _, d := range e.Error.Details {
		reason += d.Reason
	}
	return e.Error.Status, reason, e.Error.Message
}

func TestGeminiFakeRefusesBadRequests(t *testing.T) {
	t.Parallel()
	srv := llmtest.Serve(t)
	srv.RequireKey("right-key")
	models := srv.URL + "/v1beta/models"
	stream := models + "/echo:streamGenerateContent"
	cases := []struct {
		name, method, url, key string
		status                 int
		googleStatus, reason   string
		message                string
	}{
		{"key in URL", http.MethodPost, stream + "?alt=sse&key=right-key", "", 400, "INVALID_ARGUMENT", "", "x-goog-api-key header"},
		{"key in URL and header", http.MethodPost, stream + "?key=right-key&alt=sse", "right-key", 400, "INVALID_ARGUMENT", "", "(?key=)"},
		{"models key in URL", http.MethodGet, models + "?key=right-key", "", 400, "INVALID_ARGUMENT", "", "x-goog-api-key header"},
		{"wrong key", http.MethodPost, stream + "?alt=sse", "wrong", 400, "INVALID_ARGUMENT", "API_KEY_INVALID", "API key not valid. Please pass a valid API key."},
		{"models wrong key", http.MethodGet, models, "wrong", 400, "INVALID_ARGUMENT", "API_KEY_INVALID", "API key not valid."},
		{"stream without alt=sse", http.MethodPost, stream, "right-key", 400, "INVALID_ARGUMENT", "", "alt=sse"},
		{"unknown method", http.MethodPost, models + "/echo:embedContent", "right-key", 404, "NOT_FOUND", "", "embedContent"},
		{"missing model", http.MethodPost, models + "/missing-model:streamGenerateContent?alt=sse", "right-key", 404, "NOT_FOUND", "", "models/missing-model is not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			code, body := geminiDo(t, tc.method, tc.url, tc.key, geminiBody)
			status, reason, message := geminiErr(t, body)
			if code != tc.status || status != tc.googleStatus || reason != tc.reason || !strings.Contains(message, tc.message) {
				t.Errorf("got %d %s %q %q, want %d %s %q containing %q", code, status, reason, message, tc.status, tc.googleStatus, tc.reason, tc.message)
			}
		})
	}
}

func TestGeminiFakeStreamsScenario(t *testing.T) {
	t.Parallel()
	srv := llmtest.Serve(t)
	code, body := geminiDo(t, http.MethodPost, srv.URL+"/v1beta/models/reasoning:streamGenerateContent?alt=sse", "k", geminiBody)
	if code != http.StatusOK {
		t.Fatalf("status %d: %s", code, body)
	}
	events := strings.Split(strings.TrimSpace(body), "\r\n\r\n")
	if len(events) != 3+4+1 {
		t.Fatalf("%d events, want 3 thoughts, 4 texts and a final one: %q", len(events), body)
	}
	if !strings.Contains(events[0], `"thought":true`) || strings.Contains(events[3], `"thought"`) {
		t.Errorf("thought parts misplaced: %q", events[:4])
	}
	last := events[len(events)-1]
	if !strings.Contains(last, `"finishReason":"STOP"`) || !strings.Contains(last, `"thoughtsTokenCount":3`) {
		t.Errorf("final event %q", last)
	}
}

func TestGeminiFakeAnswersWholeAndFlagsStreamErrors(t *testing.T) {
	t.Parallel()
	srv := llmtest.Serve(t)
	code, body := geminiDo(t, http.MethodPost, srv.URL+"/v1beta/models/reasoning:generateContent", "k", geminiBody)
	var whole struct {
		Candidates []struct {
			Content struct {
				Parts []struct {
					Text    string
					Thought bool
				}
			}
			FinishReason string
		}
	}
	if err := json.Unmarshal([]byte(body), &whole); code != http.StatusOK || err != nil || len(whole.Candidates) != 1 {
		t.Fatalf("status %d body %q", code, body)
	}
	c := whole.Candidates[0]
	if c.FinishReason != "STOP" || len(c.Content.Parts) != 2 || !c.Content.Parts[0].Thought ||
		c.Content.Parts[0].Text != "Thinking it over." || c.Content.Parts[1].Text != "The answer is 42." {
		t.Errorf("answer %+v", c)
	}
	code, body = geminiDo(t, http.MethodPost, srv.URL+"/v1beta/models/overloaded:streamGenerateContent?alt=sse", "k", geminiBody)
	if code != http.StatusOK || !strings.Contains(body, `data: {"error":{"code":503,"message":"The server is overloaded, please retry.","status":"UNAVAILABLE"}}`) {
		t.Errorf("overloaded stream %d %q", code, body)
	}
}

func TestGeminiFakeListsModelsByPage(t *testing.T) {
	t.Parallel()
	srv := llmtest.Serve(t)
	srv.Handle("extra-model", llmtest.Scenario{Chunks: []string{"hi"}})
	var page struct {
		Models []struct {
			Name                       string
			SupportedGenerationMethods []string
		}
		NextPageToken string
	}
	_, body := geminiDo(t, http.MethodGet, srv.URL+"/v1beta/models?pageSize=1000", "k", "")
	if err := json.Unmarshal([]byte(body), &page); err != nil || len(page.Models) != 5 || page.NextPageToken == "" {
		t.Fatalf("first page %q", body)
	}
	if !strings.HasPrefix(page.Models[0].Name, "models/") || page.Models[0].SupportedGenerationMethods[0] != "generateContent" {
		t.Errorf("model %+v", page.Models[0])
	}
	seen := map[string]int{}
	for {
		for _, m := range page.Models {
			seen[m.Name]++
		}
		if page.NextPageToken == "" {
			break
		}
		token := page.NextPageToken
		page.NextPageToken = ""
		_, body = geminiDo(t, http.MethodGet, srv.URL+"/v1beta/models?pageToken="+token, "k", "")
		if err := json.Unmarshal([]byte(body), &page); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"models/extra-model", "models/echo", "models/text-embedding-004"} {
		if seen[name] != 1 {
			t.Errorf("%s listed %d times over all pages: %v", name, seen[name], seen)
		}
	}
}
