package providers

import "parley/backend/problem"

// chinese is [english] in Simplified Chinese: the same keys and
// placeholders (wording_test.go holds them together).
var chinese = map[problem.WordsID]problem.Words{
	"advice.key_in_url":             words("地址里带着密钥（?key=…）。密钥应填在密钥对话框中：Parley 把它保存在系统钥匙串里，并放在请求头中发送，从不放进 URL。"),
	"advice.query":                  words("地址以查询（?…）或片段（#…）结尾。Parley 会在基础 URL 后面拼接 API 路径，路径会落在它们之后，每个请求都会失败。"),
	"advice.double_v1":              words("地址里有两个 /v1（…/v1/v1），只应出现一次。"),
	"advice.double_scheme":          words("地址以两个 http:// 或 https:// 开头。"),
	"advice.endpoint":               words("这是某一个 API 调用的地址（…{path}），不是基础 URL；这一段由 Parley 自己添加。"),
	"advice.anthropic_v1":           words("Parley 会自己加上 /v1，所以基础 URL 通常不带它。现在这样也能用。"),
	"advice.ollama_api":             words("Parley 会自己加上 /api（…/api/chat），基础 URL 里带 /api 会让每个请求都失败。"),
	"advice.ollama_v1":              words("…/v1 是 Ollama 的 OpenAI 兼容接口，而此配置使用的是服务器根路径下的 Ollama 原生接口。要使用 /v1，请改选“{preset}”预设。"),
	"advice.gemini_openai":          words("…/v1beta/openai 是 Gemini 的 OpenAI 兼容地址，适用于 OpenAI 兼容配置。Gemini 配置只需要主机名。"),
	"advice.dashscope_compatible":   words("…/compatible-mode/v1 是 DashScope 的 OpenAI 兼容地址；此配置使用原生接口，基础 URL 只需主机名。要使用兼容模式，请选择“{preset}”预设。"),
	"advice.path_optional":          words("{name} 带不带 {path} 都能应答，所以这样可以用；文档中的写法是 {url}。"),
	"advice.path_wrong":             words("{name} 的这个 API 位于 {path} 下，发往 {endpoint} 的请求会失败。"),
	"advice.note_gemini":            words("要使用 Gemini 自己的 API，请选择 Google Gemini 预设。"),
	"advice.note_dashscope":         words("要使用 DashScope 原生 API，请选择通义千问（DashScope）预设。"),
	"advice.note_ollama":            words("要使用 Ollama 原生 API，请选择“{preset}”预设。"),
	"advice.no_path":                words("大多数 OpenAI 兼容服务的 API 位于 /v1 下，但这个地址没有路径，请求会发往 {endpoint}。只有服务文档写明基础 URL 不带 /v1 时才保留它。"),
	"advice.ollama_https":           words("本机的 Ollama 只支持普通 http，不支持 https，连接会失败。"),
	"advice.plain_http":             words("这个地址使用 http://，你的密钥和每条消息都会以明文经网络发往 {host}。除非服务器在你自己的网络里，否则请使用 https://。"),
	"advice.web_page":               words("{host} 是给人看的网页，不是 Parley 调用的 API。"),
	"advice.web_page_base":          words("{name} 的基础 URL 是 {url}。"),
	"advice.web_page_kind":          words("它使用的协议与此配置不同，请选择“{name}”预设。"),
	"advice.key_other":              words("这看起来是 {provider} 的密钥（{hint}），但此配置用于 {profile}。{provider} 的密钥只能用于 {owner} 自己的 API；请粘贴为此配置的服务签发的密钥。"),
	"advice.key_other_compatible":   words("这看起来是 {provider} 的密钥（{hint}），但此配置用于兼容 {profile} 的服务。{provider} 的密钥只能用于 {owner} 自己的 API；请粘贴为此配置的服务签发的密钥。"),
	"advice.key_not_gemini":         words("Google AI Studio 签发的 Gemini 密钥以 AIza 开头；这个密钥（{hint}）不是。"),
	"advice.key_not_gemini_like":    words("这看起来是 {provider} 的密钥（{hint}），但 Google AI Studio 签发的 Gemini 密钥以 AIza 开头。"),
	"advice.key_not_anthropic":      words("Anthropic 签发的密钥以 sk-ant- 开头；这个密钥（{hint}）不是，api.anthropic.com 很可能会拒绝它。中转服务的密钥应放在“{preset}”配置中，并填写中转服务的基础 URL。"),
	"advice.key_not_anthropic_like": words("这看起来是 {provider} 的密钥（{hint}）；Anthropic 签发的密钥以 sk-ant- 开头，api.anthropic.com 很可能会拒绝它。"),
	"advice.key_own":                words("这看起来是 {provider} 的密钥（{hint}）；{preset} 会签发自己的密钥。"),
	"advice.key_ollama":             words("本机的 Ollama 不需要密钥；这个密钥会随请求发送但被忽略。只有服务器要求密钥时（例如 ollama.com）才保留它。"),
	"advice.key_short":              words("这个密钥（{hint}）只有 {count} 个字符；API 密钥通常长得多，可能是复制时被截断了。"),
}
