package providers_test

import (
	"testing"

	"parley/backend/providers"
)

func TestExplore(t *testing.T) {
	cases := [][2]string{
		{"openai", "https://api.openai.com"}, {"openai", "https://api.deepseek.com"}, {"openai", "https://api.chatanywhere.tech"},
		{"openai", "https://api.groq.com/openai"}, {"openai", "https://api.groq.com/v1"}, {"openai", "https://openrouter.ai/api"},
		{"openai", "https://openrouter.ai"}, {"openai", "http://localhost:11434"}, {"openai", "http://127.0.0.1:11434/api"},
		{"openai", "https://relay.example.com"}, {"openai", "https://api.chatanywhere.tech/v1/v1"}, {"anthropic", "https://api.anthropic.com/v1/v1"},
		{"openai", "https://api.openai.com/v1/chat/completions"}, {"openai", "https://api.chatanywhere.tech/v1/completions"},
		{"anthropic", "https://api.anthropic.com/v1/messages"}, {"ollama", "http://127.0.0.1:11434/api/chat"},
		{"gemini", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"},
		{"gemini", "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key=AIzaSySECRETSECRETSECRET"},
		{"dashscope", "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation"},
		{"openai", "https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation"},
		{"openai", "https://api.openai.com/v1/"}, {"openai", "https://chatgpt.com/"}, {"openai", "https://console.anthropic.com/settings/keys"},
		{"anthropic", "https://console.anthropic.com/settings/keys"}, {"gemini", "https://aistudio.google.com/app/apikey"},
		{"dashscope", "https://bailian.console.aliyun.com/?apiKey=1"}, {"openai", "https://bailian.console.aliyun.com/?apiKey=1"},
		{"openai", "https://github.com/chatanywhere/GPT_API_free"}, {"openai", "https://github.com/foo/bar"},
		{"openai", "http://api.openai.com/v1"}, {"ollama", "http://192.168.1.20:11434"}, {"openai", "http://gpu-box:8000/v1"},
		{"ollama", "http://[::1]:11434"}, {"anthropic", "https://api.anthropic.com/v1"}, {"ollama", "http://127.0.0.1:11434/v1"},
		{"ollama", "http://127.0.0.1:11434/api"}, {"gemini", "https://generativelanguage.googleapis.com/v1beta/models"},
		{"gemini", "https://generativelanguage.googleapis.com/v1beta/openai"}, {"gemini", "https://generativelanguage.googleapis.com/v1beta/openai/chat/completions"},
		{"dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1"}, {"openai", "https://dashscope.aliyuncs.com"},
		{"openai", "https://dashscope-intl.aliyuncs.com/api/v1"}, {"dashscope", "https://dashscope-intl.aliyuncs.com"},
		{"dashscope", "https://dashscope.aliyuncs.com/api/v1"}, {"openai", ""}, {"openai", "api.openai.com/v1"}, {"openai", "api.openai.com"},
		{"ollama", "localhost:11434"}, {"openai", "ftp://x.com"}, {"openai", "https://user:pw@x.com"}, {"openai", "https://https://api.openai.com/v1"},
		{"gemini", "generativelanguage.googleapis.com?key=AIzaSySECRET"}, {"ollama", "https://localhost:11434"}, {"openai", "https:/api.openai.com"},
		{"openai", "http://http://x"}, {"openai", "sk-abcdef"}, {"openai", "chatgpt.com"}, {"openai", "http:///v1"}, {"openai", "https://api.openai.com/v1?x#y"},
		{"openai", "HTTPS://API.OPENAI.COM"}, {"openai", "https://api.openai.com:443/v1"}, {"openai", "https://api.moonshot.cn/v1/models"},
		{"openai", "https://open.bigmodel.cn/api/paas/v4/chat/completions"}, {"openai", "https://open.bigmodel.cn"}, {"", "https://x.example/v1/chat/completions"},
	}
	for _, c := range cases {
		t.Logf("%s %q", c[0], c[1])
		for _, a := range providers.AdviseBaseURL(c[0], c[1]) {
			t.Logf("    %s: %s  => %s", a.Severity, a.Message, a.Suggested)
		}
	}
}
