package providers_test

import (
	"testing"

	"parley/backend/providers"
)

func TestContextWindow(t *testing.T) {
	tests := []struct {
		model string
		want  int
	}{
		{"gpt-4o-mini", 128_000},
		{"gpt-4", 8_192},
		{"GPT-4.1-mini", 1_047_576},
		{"anthropic/claude-sonnet-4", 200_000},
		{"deepseek-ai/DeepSeek-V3", 65_536},
		{"qwen-plus", 131_072},
		{"Qwen/Qwen2.5-7B-Instruct", 32_768},
		{"moonshot-v1-8k", 8_192},
		{"llama3.2", 131_072},
		{"my-own-finetune", 0},
	}
	for _, tt := range tests {
		if got := providers.ContextWindow(tt.model); got != tt.want {
			t.Errorf("ContextWindow(%q) = %d, want %d", tt.model, got, tt.want)
		}
	}
}
