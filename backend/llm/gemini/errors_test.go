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

func TestStreamHTTPErrorsKeepGooglesWords(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file             string
		status           int
		code, typ, msg   string
		messageUntouched bool // false where the key had to be masked
	}{
		{"error_400_api_key_invalid.json", 400, "API_KEY_INVALID", "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", true},
		{"error_400_api_key_expired.json", 400, "API_KEY_INVALID", "INVALID_ARGUMENT", "API key expired. Please renew the API key.", true},
		{"error_400_location.json", 400, "FAILED_PRECONDITION", "FAILED_PRECONDITION", "User location is not supported for the API use.", true},
		{"error_400_token_count.json", 400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", "The input token count (1234567) exceeds the maximum number of tokens allowed (1048576).", true},
		{"error_403_unregistered.json", 403, "PERMISSION_DENIED", "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.", true},
		{"error_403_leaked.json", 403, "PERMISSION_DENIED", "PERMISSION_DENIED", "Your API key was reported as leaked. Please use another API key.", true},
		{"error_403_service_disabled.json", 403, "SERVICE_DISABLED", "PERMISSION_DENIED", "Generative Language API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=123456789012 then retry. If you enabled this API recently, wait a few minutes for the action to propagate to our systems and retry.", true},
		{"error_403_suspended.json", 403, "CONSUMER_SUSPENDED", "PERMISSION_DENIED", "Permission denied: Consumer 'api_key:AIza…abcd' has been suspended.", false},
		{"error_404_model.json", 404, "NOT_FOUND", "NOT_FOUND", "models/gemini-9.9-ultra is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.", true},
		{"error_429_quota.json", 429, "GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", true},
		{"error_429_exhausted.json", 429, "RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", true},
		{"error_500_internal.json", 500, "INTERNAL", "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting", true},
		{"error_503_unavailable.json", 503, "UNAVAILABLE", "UNAVAILABLE", "The model is overloaded. Please try again later.", true},
		{"error_504_deadline.json", 504, "DEADLINE_EXCEEDED", "DEADLINE_EXCEEDED", "Deadline expired before operation could complete.", true},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			body := llmtest.Testdata(t, tc.file)
			rp := llmtest.NewReplay(tc.status, "application/json; charset=UTF-8", body)
			defer rp.Close()
			got := ask(t, rp.Client(), rp.URL, "gemini-2.0-flash", "hi")
			var he *llm.HTTPError
			if !errors.As(got.Err, &he) {
				t.Fatalf("error %v, want an HTTPError", got.Err)
			}
			if he.Status != tc.status || he.Code != tc.code || he.Type != tc.typ || he.Message != tc.msg {
				t.Errorf("got status %d code %q type %q message %q", he.Status, he.Code, he.Type, he.Message)
			}
			if tc.messageUntouched && he.Body != string(body) {
				t.Errorf("body not kept as sent: %q", he.Body)
			}
			if strings.Contains(he.Body, testKey) || strings.Contains(he.Endpoint, testKey) {
				t.Errorf("error keeps the key: %+v", he)
			}
			noKeyIn(t, got.Err)
			if n := len(rp.Requests()); n != 1 {
				t.Errorf("%d requests, want no retry", n)
			}
		})
	}
}

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
	rp := llmtest.NewReplay(http.StatusOK, "application/json; charset=UTF-8", llmtest.Testdata(t, "models.json"))
	defer rp.Close()
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
	rp := llmtest.NewReplay(http.StatusBadRequest, "application/json; charset=UTF-8", llmtest.Testdata(t, "error_400_api_key_invalid.json"))
	defer rp.Close()
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
	rp := llmtest.NewReplay(http.StatusUnauthorized, "application/json", []byte(body))
	defer rp.Close()
	got := ask(t, rp.Client(), rp.URL, "gemini-2.0-flash", "hi")
	var he *llm.HTTPError
	if !errors.As(got.Err, &he) || he.Status != 401 || he.Code != "invalid_api_key" || he.Type != "new_api_error" ||
		he.Message != "无效的令牌 (request id: 2025071512000012345)" {
		t.Fatalf("error %#v, want the relay's own code and type", got.Err)
	}
}
