package problem_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
	"parley/backend/problem"
	"parley/backend/providers"
)

// TestEveryProvidersErrorBodies replays each adapter's recorded error bodies
// through the real adapter and checks the problem a user would see.
func TestEveryProvidersErrorBodies(t *testing.T) {
	tests := []struct {
		kind, file  string
		status      int
		want        problem.Kind
		fixContains string
	}{
		{"anthropic", "400_credit.json", 400, problem.KindQuota, "Add credit"},
		{"anthropic", "400_prompt_too_long.json", 400, problem.KindTooLarge, "new conversation"},
		{"anthropic", "401.json", 401, problem.KindAuth, "key dialog"},
		{"anthropic", "402.json", 402, problem.KindQuota, "billing"},
		{"anthropic", "403.json", 403, problem.KindForbidden, "plan"},
		{"anthropic", "403_region.json", 403, problem.KindForbidden, ""},
		{"anthropic", "404_model.json", 404, problem.KindModel, "Pick another model"},
		{"anthropic", "404_path.json", 404, problem.KindNotFound, "https://api.anthropic.com"},
		{"anthropic", "413.json", 413, problem.KindTooLarge, ""},
		{"anthropic", "429_rate.json", 429, problem.KindRateLimit, "Wait"},
		{"anthropic", "429_spend.json", 429, problem.KindQuota, "limit"},
		{"anthropic", "500.json", 500, problem.KindServer, "Retry"},
		{"anthropic", "504.json", 504, problem.KindTimeout, ""},
		{"anthropic", "529.json", 529, problem.KindOverloaded, "Wait"},
		{"gemini", "error_400_api_key_invalid.json", 400, problem.KindAuth, "key dialog"},
		{"gemini", "error_400_api_key_expired.json", 400, problem.KindAuth, ""},
		{"gemini", "error_400_location.json", 400, problem.KindForbidden, "region"},
		{"gemini", "error_400_token_count.json", 400, problem.KindTooLarge, ""},
		{"gemini", "error_403_unregistered.json", 403, problem.KindNoKey, "save the key"},
		{"gemini", "error_403_leaked.json", 403, problem.KindAuth, ""},
		{"gemini", "error_403_suspended.json", 403, problem.KindAuth, ""},
		{"gemini", "error_403_service_disabled.json", 403, problem.KindForbidden, ""},
		{"gemini", "error_404_model.json", 404, problem.KindModel, ""},
		{"gemini", "error_429_quota.json", 429, problem.KindRateLimit, "Wait"}, // a per-minute quota
		{"gemini", "error_429_exhausted.json", 429, problem.KindRateLimit, ""},
		{"gemini", "error_500_internal.json", 500, problem.KindServer, ""},
		{"gemini", "error_503_unavailable.json", 503, problem.KindOverloaded, ""},
		{"gemini", "error_504_deadline.json", 504, problem.KindTimeout, ""},
		{"dashscope", "error_400_arrearage.json", 400, problem.KindQuota, ""},
		{"dashscope", "error_400_data_inspection.json", 400, problem.KindFiltered, "Rephrase"},
		{"dashscope", "error_400_model_not_exist.json", 400, problem.KindModel, ""},
		{"dashscope", "error_401_invalid_api_key.json", 401, problem.KindAuth, "region"},
		{"dashscope", "error_403_access_denied.json", 403, problem.KindForbidden, ""},
		{"dashscope", "error_403_free_tier_only.json", 403, problem.KindQuota, ""},
		{"dashscope", "error_404_model_not_found.json", 404, problem.KindModel, ""},
		{"dashscope", "error_429_rate_quota.json", 429, problem.KindRateLimit, ""},
		{"dashscope", "error_429_allocation_quota.json", 429, problem.KindRateLimit, ""},
		{"dashscope", "error_429_throttling.json", 429, problem.KindRateLimit, ""},
		{"dashscope", "error_500_internal.json", 500, problem.KindServer, ""},
		{"dashscope", "error_503_service_unavailable.json", 503, problem.KindOverloaded, ""},
		{"ollama", "404_model.json", 404, problem.KindModel, "ollama pull"},
		{"ollama", "404_model_pull.json", 404, problem.KindModel, "ollama pull"},
		{"ollama", "404_path.txt", 404, problem.KindNotFound, "without /api"},
		{"ollama", "429_usage.json", 429, problem.KindQuota, ""},
		{"ollama", "500_memory.json", 500, problem.KindServer, ""},
		{"ollama", "503_busy.json", 503, problem.KindOverloaded, ""},
		{"ollama", "502.html", 502, problem.KindHTML, "base URL"},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("..", "llm", tt.kind, "testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			ct := "application/json"
			if strings.HasSuffix(tt.file, ".html") {
				ct = "text/html"
			} else if strings.HasSuffix(tt.file, ".txt") {
				ct = "text/plain"
			}
			rp := llmtest.ReplayBody(t, tt.status, ct, body)
			base := rp.URL
			prov, err := providers.New(tt.kind, base, "sk-secret-key-0000", http.DefaultClient)
			if err != nil {
				t.Fatal(err)
			}
			got := llmtest.Ask(t, prov, hi).Err
			p := problem.From(got)
			if p == nil || p.Kind != tt.want {
				t.Fatalf("kind = %v, want %s (%v)", p, tt.want, got)
			}
			if p.Status != tt.status || p.Title == "" || p.Fix == "" || !strings.Contains(p.Fix, tt.fixContains) {
				t.Errorf("status %d title %q fix %q", p.Status, p.Title, p.Fix)
			}
			if p.Kind != problem.KindHTML && p.ProviderMessage == "" {
				t.Error("the provider's own message is missing")
			}
			assertNoKey(t, p)
		})
	}
}
