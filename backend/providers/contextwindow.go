package providers

import "strings"

// contextWindows are the context sizes, in tokens, of common models, by
// the start of their names, longest match first. A relay's "vendor/model"
// name is looked up by its model part.
var contextWindows = []struct {
	prefix string
	tokens int
}{
	{"gpt-4.1", 1_047_576},
	{"gpt-4o", 128_000},
	{"gpt-4-turbo", 128_000},
	{"gpt-4-32k", 32_768},
	{"gpt-4", 8_192},
	{"gpt-3.5-turbo", 16_385},
	{"gpt-5", 400_000},
	{"o1", 200_000},
	{"o3", 200_000},
	{"o4", 200_000},
	{"claude", 200_000},
	{"gemini-1.5-pro", 2_097_152},
	{"gemini", 1_048_576},
	{"deepseek", 65_536},
	{"qwen-long", 10_000_000},
	{"qwen-turbo", 1_000_000},
	{"qwen-plus", 131_072},
	{"qwen-max", 32_768},
	{"qwq", 131_072},
	{"qwen", 32_768},
	{"moonshot-v1-8k", 8_192},
	{"moonshot-v1-32k", 32_768},
	{"moonshot-v1-128k", 131_072},
	{"kimi", 131_072},
	{"glm-4-long", 1_000_000},
	{"glm-4", 128_000},
	{"llama-3.1", 131_072},
	{"llama-3.2", 131_072},
	{"llama-3.3", 131_072},
	{"llama3.1", 131_072},
	{"llama3.2", 131_072},
	{"llama3.3", 131_072},
	{"llama3", 8_192},
	{"mistral", 32_768},
}

// ContextWindow is the context size, in tokens, of a well-known model; 0
// when the model is not known.
func ContextWindow(model string) int {
	m := strings.ToLower(strings.TrimSpace(model))
	if i := strings.LastIndexByte(m, '/'); i >= 0 {
		m = m[i+1:]
	}
	best, size := 0, 0
	for _, w := range contextWindows {
		if strings.HasPrefix(m, w.prefix) && len(w.prefix) > best {
			best, size = len(w.prefix), w.tokens
		}
	}
	return size
}
