package gemini_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/gemini"
	"parley/backend/llm/llmtest"
)

func TestStreamHTMLIsAnHTTPError(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusOK, http.StatusBadGateway} {
		rp := llmtest.NewReplay(status, "text/html; charset=utf-8", []byte(llmtest.HTMLErrorPage))
		got := ask(t, rp.Client(), rp.URL, "gemini-2.0-flash", "hi")
		rp.Close()
		var he *llm.HTTPError
		if !errors.As(got.Err, &he) || he.Status != status || he.ContentType != "text/html" || !strings.Contains(he.Body, "502 Bad Gateway") {
			t.Errorf("status %d: error %#v, want an HTML HTTPError", status, got.Err)
		}
	}
}

func TestModelsListsChatModels(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusOK, "application/json; charset=UTF-8", "models.json")
	urls := &urlRecorder{}
	names, err := gemini.New(rp.URL, testKey, &http.Client{Transport: urls}).Models(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "gemini-2.0-flash,gemini-2.5-pro" {
		t.Errorf("models %q, want only those that generate content", names)
	}
	sent := rp.Requests()
	if len(sent) != 1 || sent[0].Path != "/v1beta/models" || sent[0].Header.Get("X-Goog-Api-Key") != testKey {
		t.Errorf("requests %+v", sent)
	}
	for _, u := range urls.all() {
		if strings.Contains(u, testKey) || strings.Contains(u, "key=") {
			t.Errorf("URL %q carries the key", u)
		}
	}
}

func TestModelsRejectedKey(t *testing.T) {
	t.Parallel()
	rp := llmtest.ReplayFile(t, http.StatusBadRequest, "application/json; charset=UTF-8", "error_400_api_key_invalid.json")
	_, err := gemini.New(rp.URL, testKey, rp.Client()).Models(context.Background())
	var he *llm.HTTPError
	if !errors.As(err, &he) || he.Code != "API_KEY_INVALID" || he.Message != "API key not valid. Please pass a valid API key." {
		t.Fatalf("error %v, want HTTPError API_KEY_INVALID", err)
	}
	if !strings.HasSuffix(he.Endpoint, "/v1beta/models") {
		t.Errorf("endpoint %q", he.Endpoint)
	}
}

func TestStreamRelayErrorKeepsItsOwnShape(t *testing.T) {
	t.Parallel()
	body := `{"error":{"message":"无效的令牌 (request id: 2025071512000012345)","type":"new_api_error","code":"invalid_api_key"}}`
	rp := llmtest.ReplayBody(t, http.StatusUnauthorized, "application/json", []byte(body))
	got := ask(t, rp.Client(), rp.URL, "gemini-2.0-flash", "hi")
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.Status != 401 || he.Code != "invalid_api_key" || he.Type != "new_api_error" ||
		he.Message != "无效的令牌 (request id: 2025071512000012345)" {
		t.Fatalf("error %#v, want the relay's own code and type", got.Err)
	}
}
