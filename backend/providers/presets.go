// Package providers knows which wire protocols Parley speaks, the presets
// that fill in a profile for well-known services, and how to build a
// [llm.Provider] for a profile.
package providers

// Kinds of wire protocol. A profile's kind picks the adapter.
const (
	KindOpenAI    = "openai"
	KindAnthropic = "anthropic"
	KindOllama    = "ollama"
	KindGemini    = "gemini"
	KindDashScope = "dashscope"
)

// Kinds lists every protocol kind Parley speaks.
func Kinds() []string {
	return []string{KindOpenAI, KindAnthropic, KindOllama, KindGemini, KindDashScope}
}

// Preset is a well-known service: data that fills in a new profile.
type Preset struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// NameZh is Name in Chinese, for advice said in Chinese (the window's
	// i18n/zh-CN.json names presets the same); empty when Name serves.
	NameZh  string   `json:"-"`
	Kind    string   `json:"kind"`
	BaseURL string   `json:"baseUrl"`
	Models  []string `json:"models"`
	// KeyURL is where the user gets a key; empty for services without keys.
	KeyURL   string `json:"keyUrl"`
	NeedsKey bool   `json:"needsKey"`
}

// Presets returns the built-in presets, the custom one last.
func Presets() []Preset {
	return []Preset{
		{ID: "openai", Name: "OpenAI", Kind: KindOpenAI, BaseURL: "https://api.openai.com/v1",
			Models: []string{"gpt-4o-mini", "gpt-4o", "gpt-4.1", "gpt-4.1-mini", "o4-mini"}, KeyURL: "https://platform.openai.com/api-keys", NeedsKey: true},
		{ID: "deepseek", Name: "DeepSeek", NameZh: "DeepSeek（深度求索）", Kind: KindOpenAI, BaseURL: "https://api.deepseek.com/v1",
			Models: []string{"deepseek-chat", "deepseek-reasoner"}, KeyURL: "https://platform.deepseek.com/api_keys", NeedsKey: true},
		{ID: "anthropic", Name: "Anthropic (Claude)", NameZh: "Anthropic（Claude）", Kind: KindAnthropic, BaseURL: "https://api.anthropic.com",
			Models: []string{"claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"}, KeyURL: "https://console.anthropic.com/settings/keys", NeedsKey: true},
		{ID: "gemini", Name: "Google Gemini", Kind: KindGemini, BaseURL: "https://generativelanguage.googleapis.com",
			Models: []string{"gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite", "gemini-2.0-flash"}, KeyURL: "https://aistudio.google.com/app/apikey", NeedsKey: true},
		{ID: "ollama", Name: "Ollama (local)", NameZh: "Ollama（本机）", Kind: KindOllama, BaseURL: "http://127.0.0.1:11434",
			Models: []string{"llama3.2", "qwen2.5"}, NeedsKey: false},
		{ID: "chatanywhere", Name: "ChatAnywhere (api.chatanywhere.tech)", NameZh: "ChatAnywhere（api.chatanywhere.tech）", Kind: KindOpenAI, BaseURL: "https://api.chatanywhere.tech/v1",
			Models: []string{"gpt-4o-mini", "gpt-3.5-turbo", "gpt-4o", "deepseek-v3", "deepseek-r1"}, KeyURL: "https://github.com/chatanywhere/GPT_API_free", NeedsKey: true},
		{ID: "chatanywhere-org", Name: "ChatAnywhere (api.chatanywhere.org)", NameZh: "ChatAnywhere（api.chatanywhere.org）", Kind: KindOpenAI, BaseURL: "https://api.chatanywhere.org/v1",
			Models: []string{"gpt-4o-mini", "gpt-3.5-turbo", "gpt-4o", "deepseek-v3", "deepseek-r1"}, KeyURL: "https://github.com/chatanywhere/GPT_API_free", NeedsKey: true},
		{ID: "dashscope", Name: "Qwen (DashScope, mainland)", NameZh: "通义千问（DashScope，中国大陆）", Kind: KindDashScope, BaseURL: "https://dashscope.aliyuncs.com",
			Models: []string{"qwen-plus", "qwen-max", "qwen-turbo", "qwq-plus"}, KeyURL: "https://bailian.console.aliyun.com/?apiKey=1", NeedsKey: true},
		{ID: "dashscope-intl", Name: "Qwen (DashScope, international)", NameZh: "通义千问（DashScope，国际站）", Kind: KindDashScope, BaseURL: "https://dashscope-intl.aliyuncs.com",
			Models: []string{"qwen-plus", "qwen-max", "qwen-turbo"}, KeyURL: "https://modelstudio.console.alibabacloud.com/?apiKey=1", NeedsKey: true},
		{ID: "dashscope-compatible", Name: "Qwen (DashScope, OpenAI-compatible)", NameZh: "通义千问（DashScope，OpenAI 兼容）", Kind: KindOpenAI, BaseURL: "https://dashscope.aliyuncs.com/compatible-mode/v1",
			Models: []string{"qwen-plus", "qwen-turbo", "qwen-max"}, KeyURL: "https://bailian.console.aliyun.com/?apiKey=1", NeedsKey: true},
		{ID: "openrouter", Name: "OpenRouter", Kind: KindOpenAI, BaseURL: "https://openrouter.ai/api/v1",
			Models: []string{"openai/gpt-4o-mini", "anthropic/claude-sonnet-4", "deepseek/deepseek-chat"}, KeyURL: "https://openrouter.ai/keys", NeedsKey: true},
		{ID: "groq", Name: "Groq", Kind: KindOpenAI, BaseURL: "https://api.groq.com/openai/v1",
			Models: []string{"llama-3.3-70b-versatile", "llama-3.1-8b-instant"}, KeyURL: "https://console.groq.com/keys", NeedsKey: true},
		{ID: "moonshot", Name: "Moonshot (Kimi)", NameZh: "月之暗面（Kimi）", Kind: KindOpenAI, BaseURL: "https://api.moonshot.cn/v1",
			Models: []string{"moonshot-v1-8k", "kimi-latest"}, KeyURL: "https://platform.moonshot.cn/console/api-keys", NeedsKey: true},
		{ID: "zhipu", Name: "Zhipu GLM", NameZh: "智谱 GLM", Kind: KindOpenAI, BaseURL: "https://open.bigmodel.cn/api/paas/v4",
			Models: []string{"glm-4-flash", "glm-4-plus"}, KeyURL: "https://open.bigmodel.cn/usercenter/apikeys", NeedsKey: true},
		{ID: "siliconflow", Name: "SiliconFlow", NameZh: "硅基流动（SiliconFlow）", Kind: KindOpenAI, BaseURL: "https://api.siliconflow.cn/v1",
			Models: []string{"Qwen/Qwen2.5-7B-Instruct", "deepseek-ai/DeepSeek-V3"}, KeyURL: "https://cloud.siliconflow.cn/account/ak", NeedsKey: true},
		{ID: "ollama-openai", Name: "Ollama (OpenAI-compatible)", NameZh: "Ollama（OpenAI 兼容）", Kind: KindOpenAI, BaseURL: "http://127.0.0.1:11434/v1",
			Models: []string{"llama3.2", "qwen2.5"}, NeedsKey: false},
		{ID: "custom", Name: "Custom (OpenAI-compatible)", NameZh: "自定义（OpenAI 兼容）", Kind: KindOpenAI, BaseURL: "", NeedsKey: true},
		{ID: "custom-anthropic", Name: "Custom (Anthropic-compatible)", NameZh: "自定义（Anthropic 兼容）", Kind: KindAnthropic, BaseURL: "", NeedsKey: true},
	}
}

// PresetByID returns the preset with id.
func PresetByID(id string) (Preset, bool) {
	for _, p := range Presets() {
		if p.ID == id {
			return p, true
		}
	}
	return Preset{}, false
}
