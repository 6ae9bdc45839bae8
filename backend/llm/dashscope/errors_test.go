package dashscope_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/dashscope"
	"parley/backend/llm/llmtest"
)

// TestHTTPErrors replays every documented refusal and checks that the user
// gets DashScope's status, code and message verbatim, and never the key.
func TestHTTPErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file        string
		status      int
		contentType string
		code, msg   string
	}{
		{"error_400_invalid_parameter.json", 400, "application/json", "InvalidParameter", "Range of input length should be [1, 30720]"},
		{"error_400_model_not_exist.json", 400, "application/json", "InvalidParameter", "Model not exist."},
		{"error_400_stream_only.json", 400, "application/json", "InvalidParameter", "This model only support stream mode, please enable the stream parameter to access the model."},
		{"error_400_arrearage.json", 400, "application/json", "Arrearage", "Access denied, please make sure your account is in good standing."},
		{"error_400_data_inspection.json", 400, "application/json", "DataInspectionFailed", "Input data may contain inappropriate content."},
		{"error_400_data_inspection.sse", 400, "text/event-stream;charset=UTF-8", "DataInspectionFailed", "Input data may contain inappropriate content."},
		{"error_401_invalid_api_key.json", 401, "application/json", "InvalidApiKey", "Invalid API-key provided."},
		{"error_403_access_denied.json", 403, "application/json", "AccessDenied", "Access denied."},
		{"error_403_unpurchased.json", 403, "application/json", "AccessDenied.Unpurchased", "Access to model denied. Please make sure you are eligible for using the model."},
		{"error_403_model_access_denied.json", 403, "application/json", "Model.AccessDenied", "Model access denied."},
		{"error_403_free_tier_only.json", 403, "application/json", "AllocationQuota.FreeTierOnly", `The free tier of the model has been exhausted. If you wish to continue access the model on a paid basis, please disable the "use free tier only" mode in the management console.`},
		{"error_404_model_not_found.json", 404, "application/json", "ModelNotFound", "Model not found (qwen-plux)!"},
		{"error_429_throttling.json", 429, "application/json", "Throttling", "Requests throttling triggered."},
		{"error_429_rate_quota.json", 429, "application/json", "Throttling.RateQuota", "Requests rate limit exceeded, please try again later."},
		{"error_429_allocation_quota.json", 429, "application/json", "Throttling.AllocationQuota", "Allocated quota exceeded, please increase your quota limit."},
		{"error_500_internal.json", 500, "application/json", "InternalError", "An internal error has occured, please try again later or contact service support."},
		{"error_500_internal_algo.json", 500, "application/json", "InternalError.Algo", "An internal error has occured during execution, please try again later or contact service support."},
		{"error_503_service_unavailable.json", 503, "application/json", "ServiceUnavailable", "Service temporarily unavailable, please try again later."},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			rp := llmtest.ReplayFile(t, tt.status, tt.contentType, tt.file)
			got := llmtest.Collect(t, ask(rp, hello))
			if got.Text != "" || got.Finish != "" {
				t.Errorf("text %q finish %q from a refusal", got.Text, got.Finish)
			}
			var he *llm.HTTPError
			if !errors.As(got.Err, &he) {
				t.Fatalf("error %T %v, want *llm.HTTPError", got.Err, got.Err)
			}
			if he.Status != tt.status || he.Code != tt.code || he.Message != tt.msg {
				t.Errorf("got %d %q %q, want %d %q %q", he.Status, he.Code, he.Message, tt.status, tt.code, tt.msg)
			}
			if he.Endpoint != dashscope.Endpoint(rp.URL) {
				t.Errorf("endpoint %q", he.Endpoint)
			}
			if strings.Contains(he.Error(), testKey) || strings.Contains(he.Body, testKey) {
				t.Errorf("error holds the key: %v", he)
			}
		})
	}
}

// TestStreamStatusMismatch checks a refusal the server sent with 200 and a
// JSON error instead of an answer: it must not pass as an empty reply.
func TestStreamStatusMismatch(t *testing.T) {
	t.Parallel()
	got := llmtest.Collect(t, ask(llmtest.ReplayFile(t, http.StatusOK, "application/json", "error_429_throttling.json"), hello))
	var pe *llm.ProviderError
	if !errors.As(got.Err, &pe) || pe.Code != "Throttling" || pe.Message != "Requests throttling triggered." {
		t.Fatalf("error %T %v, want the provider's code and message", got.Err, got.Err)
	}
}
