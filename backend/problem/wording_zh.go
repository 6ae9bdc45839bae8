package problem

import "strings"

// Chinese holds every explanation of [English] in Simplified Chinese, with
// the same keys and the same placeholders. The provider's own message is
// never translated: it is shown verbatim beside these words.
var Chinese = map[WordsID]Words{
	"canceled": {"已停止", "你停止了这条回答；已收到的内容会保留。", ""},
	"internal": {"Parley 内部出错了", "{cause}",
		"请重试；如果问题反复出现，请附上出错前的操作步骤报告给我们。"},
	"provider_error": {"服务商中途报错",
		"回答已经开始，随后服务商报告了错误。已收到的内容会保留。",
		"重试这条消息。如果服务商一直出错，请换个模型或稍后再试。"},
	"overloaded.stream": {"服务商负载过高",
		"回答已经开始，随后服务商报告了错误。已收到的内容会保留。",
		"等一分钟再重试；已收到的内容会保留。"},
	"stream_broken": {"回答中途断开了",
		"服务商还没说完，连接就关闭了（{cause}）。已收到的内容会保留。",
		"重试这条消息。如果长回答总是断开，可能是代理或 VPN 切断了长连接。"},
	"stream_broken.too_large": {"数据流中的一个事件太大",
		"{host} 发送了一个超过 {limit} 的事件，Parley 在那里停止了读取。已收到的文字都保留着。",
		"请重新发送。如果再次发生，说明服务器发送的不是回答：请检查配置的类型和 Base URL。"},
	"stream_broken.unreadable": {"服务商发来了 Parley 读不懂的内容",
		"来自 {host} 的数据流中有一个事件不符合它的协议（{cause}）。已收到的文字都保留着。",
		"请检查配置的类型是否与服务器一致（兼容 OpenAI 的中转服务应选 OpenAI）；如果一致，请重试，反复出现请报告问题。"},
	"timeout.connect": {"没能及时连接到 {host}",
		"在 {after} 内没能与 {host} 建立连接（连接超时）。",
		"请确认这台电脑已联网，并且 Base URL 中的主机和端口正确；也可能是防火墙丢弃了连接。连接超时是配置的一项设置（parley-cli：--connect-timeout）。"},
	"timeout.first_byte": {"服务器没有及时开始回答",
		"{host} 接收了请求，但在 {after} 内没有发送任何回答（首字节超时）。",
		"请重试。推理模型在说出第一个字之前可能会思考更久：请调大配置的首字节超时（parley-cli：--first-byte-timeout）。"},
	"redirect.origin": {"服务器把 Parley 转到了另一个地址",
		"{endpoint} 返回 HTTP {status}，重定向到 {target}，这是另一个主机、协议或端口。Parley 没有跟随，所以密钥和对话都没有发到那里。",
		"Base URL 很可能已经变了：请查看服务商当前的 API 地址并编辑配置。（从 http:// 重定向到 https:// 说明 Base URL 应以 https:// 开头。）"},
	"proxy.login": {"{proxy} 处的代理要求登录",
		"代理返回 HTTP 407（需要代理身份验证）：没有用户名和密码，它不会把任何请求转发给 {host}。",
		"请为 Parley 提供代理的登录信息（在设置的“网络”中，或在 HTTPS_PROXY 中写成 http://user:password@host:port），或询问代理的管理者。服务商的密钥永远不会发给代理。"},
	"stream_broken.idle": {"回答停住了：{after} 没有任何数据",
		"{host} 已经 {after} 没有发送任何内容（空闲超时），Parley 不再等待。已收到的文字都保留着。",
		"请重新发送。如果这个模型思考时停顿得更久，请调大配置的空闲超时（parley-cli：--idle-timeout）；代理或 VPN 也可能卡住了数据流。"},
	"proxy": {"无法使用代理",
		"Parley 连上了代理，但代理无法连接到 {host}：{cause}",
		"检查 HTTPS_PROXY / HTTP_PROXY 设置；如果不需要代理，请取消设置。"},
	"dns": {"找不到服务器的域名", "无法解析 {host} 的地址。",
		"检查基础 URL 的拼写，并确认这台电脑已联网。"},
	"refused": {"{host} 上没有服务在监听",
		"到 {host} 的连接被拒绝：该端口上没有运行任何服务。",
		"启动服务，或检查基础 URL 中的主机和端口。"},
	"refused.ollama": {"Ollama 没有在 {host} 运行",
		"到 {host} 的连接被拒绝：该端口上没有运行任何服务。",
		"用 `ollama serve` 启动它（或打开 Ollama 应用），然后重试。"},
	"tls.plain_http": {"该服务器不支持 HTTPS",
		"Parley 尝试使用 HTTPS，但 {host} 以明文 HTTP 应答。",
		"把基础 URL 改为以 http:// 开头——仅限你信任的本地网络中的服务器。"},
	"tls.certificate": {"服务器证书不受信任",
		"无法验证 {host} 的 TLS 证书：{cause}",
		"检查基础 URL 中的主机名。如果公司代理会检查流量，需要先在系统中安装它的证书。"},
	"timeout": {"服务器没有及时应答",
		"{host} 接受了请求，但没有及时返回任何内容。",
		"请重试。如果一直超时，可能是服务商负载过高，或防火墙丢弃了连接。"},
	"timeout.status": {"服务器超时",
		"{host} 返回 HTTP {status}：它在回答准备好之前就放弃了。",
		"请重试；缩短消息或换个模型可能会有帮助。"},
	"invalid_input.scheme": {"基础 URL 不是网址",
		"{input} 不是以 http:// 或 https:// 开头。",
		"编辑配置，填写类似 https://api.openai.com/v1 的基础 URL。"},
	"network": {"无法连接到服务器", "到 {host} 的连接失败：{cause}",
		"确认这台电脑已联网，并且基础 URL 正确。"},
	"html": {"返回的是网页，而不是 API",
		"{host} 返回了 HTTP {status} 和一个 HTML 网页，而不是 API 使用的 JSON。",
		"检查基础 URL：它必须是 API 地址（通常以 /v1 结尾），而不是官网地址。也可能被代理或登录页拦截了。"},
	"html.titled": {"返回的是网页，而不是 API",
		"{host} 返回了 HTTP {status} 和一个标题为“{page}”的 HTML 网页，而不是 API 使用的 JSON。",
		"检查基础 URL：它必须是 API 地址（通常以 /v1 结尾），而不是官网地址。也可能被代理或登录页拦截了。"},
	"auth": {"密钥被拒绝", "{host} 不接受发送的密钥。",
		"打开密钥对话框，重新粘贴密钥。请确认它是为 {host} 签发的" +
			"（中转服务常有多个域名，密钥只在所属区域的域名上有效）、已经启用" +
			"（新密钥可能要几分钟才生效），并且没有多复制字符。"},
	"provider_error.before": {"服务商报告了错误",
		"{host} 接受了请求，随后报告了错误，没有给出回答。",
		"请阅读下面服务商的原始消息，然后重试；如果一直失败，换一个模型或稍后再试。"},
	"auth.no_key": {"没有发送密钥，而这个服务器需要密钥",
		"{host} 要求提供密钥，但这次请求没有带密钥：这个配置还没有保存密钥。",
		"为这个配置保存该服务器的密钥：在窗口中打开密钥对话框（Ctrl+K），或在命令行用 `parley-cli key set --profile ID` 或 `--key-env NAME`。"},
	"server.model_load": {"模型加载失败",
		"{host} 上的服务器无法加载这个模型：运行它的电脑可能没有足够的空闲内存（或显存），也可能模型文件已损坏。",
		"换一个更小的模型，或关闭占用大量内存的程序后重试。如果一直失败，重新拉取模型（`ollama pull` 加模型名）以替换损坏的文件。"},
	"no_key.not_arrived": {"密钥没有送达", "{host} 收到的请求里没有密钥。",
		"打开密钥对话框并保存密钥。如果中间有代理或中转服务，它可能丢掉了密钥请求头。"},
	"forbidden.region": {"该服务在你所在的地区不可用",
		"{host} 因请求来源地区而拒绝了请求。",
		"在支持的地区使用该服务，或改用在你所在地区可用的中转服务。"},
	"forbidden": {"这个密钥无权执行此操作",
		"{host} 认可了密钥，但拒绝了这个请求：该密钥不允许使用此模型、地区或套餐。",
		"查看你的套餐允许哪些模型和地区，或改用有权限的密钥。"},
	"model.allowed": {"这个密钥不能使用该模型",
		"{host} 认可了密钥，但拒绝了这个请求：该密钥不允许使用此模型、地区或套餐。",
		"换用这个密钥允许的模型之一：{models}。"},
	"rate_limit": {"请求太频繁了", "服务商正在限制这个密钥的请求速度。",
		"稍等片刻再重试；限制会自动解除。"},
	"quota": {"账户余额不足",
		"这个密钥的配额、余额或消费上限已用完，服务商拒绝了请求。",
		"在服务商的账单页面充值或提高上限，或改用其他密钥。在此之前重试也无济于事。"},
	"filtered": {"被服务商的内容过滤拦截了",
		"服务商的内容审核拦截了这条消息或回答。",
		"换个说法再试。这是服务商的政策，不是 Parley 或你的密钥出了问题。"},
	"too_large": {"对话太长，超出了该模型的上限", "请求超出了模型能接受的长度。",
		"新建一个对话，或选择上下文更长的模型。"},
	"model": {"找不到该模型",
		"{host} 不提供所请求的模型，或不向这个密钥提供。",
		"在配置中换个模型，并核对它的准确拼写。"},
	"model.ollama": {"Ollama 没有模型“{model}”",
		"{host} 不提供所请求的模型，或不向这个密钥提供。",
		"运行 `ollama pull {model}`，或选择已安装的模型。"},
	"not_found": {"在这个地址找不到 API", "{host} 上没有 {endpoint}。",
		"检查基础 URL。OpenAI 兼容的服务通常要求以 /v1 结尾；Parley 会加上 /chat/completions（对话接口，而不是旧的 /completions）。"},
	"not_found.anthropic": {"在这个地址找不到 API", "{host} 上没有 {endpoint}。",
		"检查基础 URL。Anthropic 只需主机地址（https://api.anthropic.com）；Parley 会加上 /v1/messages。"},
	"not_found.ollama": {"在这个地址找不到 API", "{host} 上没有 {endpoint}。",
		"检查基础 URL。Ollama 只需服务器地址（http://127.0.0.1:11434），不要带 /api 或 /v1。"},
	"not_found.gemini": {"在这个地址找不到 API", "{host} 上没有 {endpoint}。",
		"检查基础 URL。Gemini 的地址是 https://generativelanguage.googleapis.com。"},
	"not_found.dashscope": {"在这个地址找不到 API", "{host} 上没有 {endpoint}。",
		"检查基础 URL。DashScope 只需主机地址（https://dashscope.aliyuncs.com；在中国大陆以外签发的密钥用 dashscope-intl）。"},
	"overloaded": {"服务商负载过高", "{host} 现在太忙，无法应答。",
		"等一分钟再重试，或换个模型。"},
	"server": {"服务商内部出错",
		"{host} 返回 HTTP {status}，问题出在服务商那边。",
		"稍后重试。如果问题持续，请查看服务商的状态页面。"},
	"bad_request": {"服务商拒绝了请求", "{host} 返回 HTTP {status}。",
		"阅读下面服务商的原始消息，并检查模型名称和配置的设置。"},
	"empty": {"服务商返回了空回答", "回答结束了，但没有任何文字。",
		"请重试，或换个模型。如果是服务商过滤了回答，请换个说法。"},
	"empty.finish": {"服务商返回了空回答", "回答结束了，但没有任何文字（结束原因：{finish}）。",
		"请重试，或换个模型。如果是服务商过滤了回答，请换个说法。"},
	"no_key": {"这个配置还没有保存密钥", "这个服务商需要 API 密钥，但钥匙串里还没有。",
		"打开密钥对话框（Ctrl+K），粘贴密钥并保存。"},
	"no_key.models": {"还没有设置密钥", "服务商只向持有密钥的用户提供模型列表，而这个配置还没有密钥。",
		"先保存配置，添加密钥（Ctrl+K），再重新获取模型列表。"},
	"keychain.save":   {"系统钥匙串不可用", "Parley 无法保存密钥：{cause}。" + keychainDetailZh, keychainFixZh},
	"keychain.read":   {"系统钥匙串不可用", "Parley 无法读取密钥：{cause}。" + keychainDetailZh, keychainFixZh},
	"keychain.remove": {"系统钥匙串不可用", "Parley 无法删除密钥：{cause}。" + keychainDetailZh, keychainFixZh},
	"invalid_input.key_empty": {"密钥是空的", "去掉空格和引号后什么也没剩下。",
		"按服务商控制台显示的样子，粘贴完整的密钥。"},
	"invalid_input.key_space": {"密钥里有空格或换行",
		"第 {position} 个字符是空白，可能是把两段内容粘贴到了一起。",
		"重新单独复制密钥再粘贴。"},
	"invalid_input.name":                {"配置需要一个名称", "名称为空。", "给配置起个名字，比如它连接的服务。"},
	"invalid_input.model":               {"配置需要一个模型", "没有填写模型名称。", "从列表中选择模型，或输入它的准确名称。"},
	"invalid_input.base_url_empty":      {"基础 URL 无效", "基础 URL 为空。", baseURLFixZh},
	"invalid_input.base_url_unreadable": {"基础 URL 无效", "无法把 {input} 解析为 URL：{cause}。", baseURLFixZh},
	"invalid_input.base_url_scheme": {"基础 URL 无效",
		"{input} 必须以 https:// 开头（本机上的服务器可以用 http://）。", baseURLFixZh},
	"invalid_input.base_url_host": {"基础 URL 无效", "{input} 没有主机名。", baseURLFixZh},
	"invalid_input.base_url_user": {"基础 URL 无效",
		"基础 URL 不能包含用户名或密码；密钥请在密钥对话框中填写。", baseURLFixZh},
	"invalid_input.base_url_query": {"基础 URL 无效",
		"基础 URL 不能包含查询参数（?…）或片段（#…）：它会按原样保存，其中的密钥会泄露。密钥请在密钥对话框中填写。",
		baseURLFixZh},
	"invalid_input.message_empty":    {"消息是空的", "没有可以发送的内容。", "先输入一条消息。"},
	"invalid_input.nothing_to_retry": {"没有可以重试的内容", "这个对话里还没有你的消息。", "输入一条消息并发送。"},
	"invalid_input.not_an_answer":    {"只有回答才能重新生成", "这条消息不是对你的消息的回答。", "请选择模型的一条回答。"},
	"invalid_input.not_yours":        {"只能编辑你自己的消息", "这条消息是模型写的。", "编辑你的某条消息，或重新生成这条回答。"},
	"invalid_input.cannot_continue": {"这条回答无法继续",
		"只有被截断（停止、意外关闭、中途断开或达到长度上限）且已有文字的回答才能继续。", "请用“重新生成”再回答一次。"},
	"canceled.doctor": {"已停止", "这一步完成之前，检查就被停止了。", ""},
	"empty.doctor": {"服务商返回了空回答", "请求被接受了，但回答里没有任何文字。",
		"换个模型试试，或确认这个模型支持对话。"},
	"proxy.invalid": {"代理设置无效", "无法读取为 {host} 配置的代理。",
		"检查 HTTPS_PROXY、HTTP_PROXY 和 NO_PROXY 设置；如果不需要代理，请取消设置。"},
	"internal.auto_backup": {"自动备份失败", "今天的备份无法写入 {folder}：{cause}",
		"确认磁盘有空间、文件夹可写；你的对话本身不受影响。"},
	"invalid_input.not_backup": {"这不是 Parley 的备份",
		"无法把这个文件读取为 parley-cli backup 或“备份”命令生成的备份。",
		"请选择 Parley 备份生成的 .json 文件。要导入其他应用的数据，请改用导入功能。"},
	"invalid_input.newer_backup": {"这个备份来自更新版本的 Parley", "备份的版本是 {version}；这个 Parley 只能读取版本 1。",
		"请先更新 Parley，再重新恢复。"},
}

const (
	keychainDetailZh = "密钥只会保存在系统钥匙串中，绝不会存到普通文件里。"
	keychainFixZh    = "解锁或启动你的钥匙串：Linux 上安装并解锁 Secret Service（gnome-keyring 或 KWallet）；macOS 上解锁“登录”钥匙串。"
	baseURLFixZh     = "填写 API 的地址，例如 https://api.openai.com/v1。"
)

// Catalogue returns the explanations in the language of a BCP 47 or POSIX
// locale tag ("zh-CN", "zh_CN.UTF-8"): Chinese for any Chinese tag, else
// English.
func Catalogue(tag string) map[WordsID]Words {
	if strings.HasPrefix(strings.ToLower(tag), "zh") {
		return Chinese
	}
	return English
}

// Explanation is one entry of a catalogue, in one language.
type Explanation struct {
	Language string  `json:"language"`
	ID       WordsID `json:"id"`
	Title    string  `json:"title"`
	Detail   string  `json:"detail"`
	Fix      string  `json:"fix"`
}

// Explanations lists every explanation in every language Parley speaks,
// by the UI's language tag ("en", "zh-CN"), so the window can word a
// [Problem] by its WordsID and Facts in whichever language it shows.
func Explanations() []Explanation {
	var out []Explanation
	for lang, words := range map[string]map[WordsID]Words{"en": English, "zh-CN": Chinese} {
		for id, w := range words {
			out = append(out, Explanation{Language: lang, ID: id, Title: w.Title, Detail: w.Detail, Fix: w.Fix})
		}
	}
	return out
}
