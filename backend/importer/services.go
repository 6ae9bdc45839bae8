package importer

import "strings"

// serviceURLs are the well-known addresses of the services other clients
// store keys for, so a key found without an address can still be matched
// to a profile by host.
var serviceURLs = map[string]string{
	"openai":      "https://api.openai.com/v1",
	"anthropic":   "https://api.anthropic.com",
	"claude":      "https://api.anthropic.com",
	"google":      "https://generativelanguage.googleapis.com",
	"gemini":      "https://generativelanguage.googleapis.com",
	"deepseek":    "https://api.deepseek.com",
	"alibaba":     "https://dashscope.aliyuncs.com",
	"qwen":        "https://dashscope.aliyuncs.com",
	"moonshot":    "https://api.moonshot.cn",
	"siliconflow": "https://api.siliconflow.cn",
	"xai":         "https://api.x.ai",
	"groq":        "https://api.groq.com/openai/v1",
	"chatglm":     "https://open.bigmodel.cn",
	"openrouter":  "https://openrouter.ai/api/v1",
	"mistral-ai":  "https://api.mistral.ai",
	"perplexity":  "https://api.perplexity.ai",
}

// serviceURL is where a key for service goes: the address the file gives
// when it is a full URL (NextChat's web build stores paths of its own
// server, such as /api/openai), else the service's well-known one.
func serviceURL(service, fromFile string) string {
	fromFile = strings.TrimSpace(fromFile)
	if strings.HasPrefix(fromFile, "https://") || strings.HasPrefix(fromFile, "http://") {
		return fromFile
	}
	return serviceURLs[strings.ToLower(service)]
}
