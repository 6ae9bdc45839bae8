package problem

import "strings"

// Words are the title, detail and fix of one explanation. Each is a
// template: {host}, {status}, {endpoint}, {model}, {models}, {page},
// {cause} and {input} stand for the facts of the case, so a translation
// replaces the templates and keeps the facts.
type Words struct {
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Fix    string `json:"fix"`
}

// WordsID names one explanation. It is the kind, or the kind and a variant
// after a dot where one kind is explained more than one way.
type WordsID string

// English holds every explanation Parley gives, keyed by [WordsID]. A
// catalogue for another language has the same keys.
var English = map[WordsID]Words{
	"canceled": {"Stopped", "You stopped this answer; what arrived is kept.", ""},
	"internal": {"Something went wrong inside Parley", "{cause}",
		"Try again; if it keeps happening, report it with the steps that led here."},
	"provider_error": {"The provider stopped with an error",
		"The answer started, then the provider reported an error. The text that arrived is kept.",
		"Retry the message. If the provider keeps failing, try another model or later."},
	"provider_error.before": {"The provider reported an error",
		"{host} accepted the request, then reported an error instead of an answer.",
		"Read the provider's message below. Retry; if it keeps failing, try another model or later."},
	"overloaded.stream": {"The provider is overloaded",
		"The answer started, then the provider reported an error. The text that arrived is kept.",
		"Wait a minute and retry; the text that arrived is kept."},
	"stream_broken": {"The answer broke off mid-way",
		"The connection closed before the provider finished ({cause}). The text that arrived is kept.",
		"Retry the message. If long answers keep breaking, a proxy or VPN may be cutting long connections."},
	"stream_broken.idle": {"The answer stalled: no data for {after}",
		"{host} sent nothing for {after} (the idle timeout), so Parley stopped waiting. The text that arrived is kept.",
		"Retry the message. If this model pauses longer while it thinks, raise the profile's idle timeout (parley-cli: --idle-timeout); a proxy or VPN may also be holding the stream back."},
	"stream_broken.too_large": {"An event of the stream was too large",
		"{host} sent one event larger than {limit}, so Parley stopped reading there. The text that arrived is kept.",
		"Retry the message. If it happens again, the server is sending something other than an answer: check the profile's kind and base URL."},
	"stream_broken.unreadable": {"The provider sent something Parley could not read",
		"An event of the stream from {host} was not what its protocol sends ({cause}). The text that arrived is kept.",
		"Check that the profile's kind matches the server (an OpenAI-compatible relay is OpenAI); if it does, retry, and report it if it repeats."},
	"timeout.connect": {"Could not connect to {host} in time",
		"No connection to {host} was made within {after} (the connect timeout).",
		"Check that this computer is online and that the host and port in the base URL are right; a firewall may be dropping the connection. The connect timeout is a setting of the profile (parley-cli: --connect-timeout)."},
	"timeout.first_byte": {"The server did not start answering in time",
		"{host} took the request but sent no answer within {after} (the first-byte timeout).",
		"Retry. A reasoning model may think longer before its first word: raise the profile's first-byte timeout (parley-cli: --first-byte-timeout)."},
	"redirect.origin": {"The server sent Parley to another address",
		"{endpoint} answered HTTP {status} with a redirect to {target}, another host, scheme or port. Parley did not follow it, so neither the key nor the conversation went there.",
		"The base URL has probably changed: check the provider's current API address and edit the profile. (A redirect from http:// to https:// means the base URL should start with https://.)"},
	"proxy.login": {"The proxy at {proxy} asks for a login",
		"The proxy answered HTTP 407 (Proxy Authentication Required): it passes nothing on to {host} without a user name and password.",
		"Give Parley the proxy's login (Settings → Network, or in HTTPS_PROXY as http://user:password@host:port), or ask whoever runs the proxy. The provider's key is never sent to a proxy."},
	"proxy": {"The proxy could not be used",
		"Parley reached the proxy but it failed to connect to {host}: {cause}",
		"Check the HTTPS_PROXY / HTTP_PROXY setting, or unset it if no proxy is needed."},
	"dns": {"The server's name could not be found", "No address was found for {host}.",
		"Check the spelling of the base URL and that this computer is online."},
	"refused": {"Nothing is listening at {host}",
		"The connection to {host} was refused: no server runs on that port.",
		"Start the server, or check the host and port in the base URL."},
	"refused.ollama": {"Ollama isn't running at {host}",
		"The connection to {host} was refused: no server runs on that port.",
		"Start it with `ollama serve` (or open the Ollama app), then retry."},
	"tls.plain_http": {"This server does not speak HTTPS",
		"Parley tried HTTPS, but {host} answered in plain HTTP.",
		"Change the base URL to start with http:// — only for a server you trust on your own network."},
	"tls.certificate": {"The server's certificate is not trusted",
		"The TLS certificate of {host} could not be verified: {cause}",
		"Check the host name in the base URL. A company proxy that inspects traffic needs its certificate installed in the system."},
	"timeout": {"The server did not answer in time",
		"{host} accepted the request but sent nothing back in time.",
		"Retry. If it keeps timing out, the provider may be overloaded or a firewall may be dropping the connection."},
	"timeout.status": {"The server timed out",
		"{host} answered HTTP {status}: it gave up before the answer was ready.",
		"Retry; a shorter message or another model may help."},
	"invalid_input.scheme": {"The base URL is not a web address",
		"{input} does not start with http:// or https://.",
		"Edit the profile and enter a base URL such as https://api.openai.com/v1."},
	"network": {"The server could not be reached", "The connection to {host} failed: {cause}",
		"Check that this computer is online and that the base URL is right."},
	"html": {"A web page answered instead of the API",
		"{host} answered HTTP {status} with an HTML page, not the JSON the API speaks.",
		"Check the base URL: it must be the API address (often ending in /v1), not the website. A proxy or login page may be in the way."},
	"html.titled": {"A web page answered instead of the API",
		"{host} answered HTTP {status} with an HTML page titled \"{page}\", not the JSON the API speaks.",
		"Check the base URL: it must be the API address (often ending in /v1), not the website. A proxy or login page may be in the way."},
	"auth": {"The key was rejected", "{host} did not accept the key that was sent.",
		"Open the key dialog and paste the key again. Check that it was issued for {host}" +
			" (relays often have several hosts, and keys work on their own region's host only), that it is active" +
			" (a new key can take a few minutes), and that no extra characters were copied."},
	"auth.no_key": {"No key was sent, and this server wants one",
		"{host} asked for a key, and this request carried none: no key is saved for this profile.",
		"Save the server's key for this profile: in the window with the key dialog (Ctrl+K), on the command line with `parley-cli key set --profile ID` or `--key-env NAME`."},
	"no_key.not_arrived": {"The key did not arrive", "{host} received the request without a key.",
		"Open the key dialog and save the key. If a proxy or relay sits in between, it may be dropping the key header."},
	"forbidden.region": {"This service is not offered in your region",
		"{host} refused because of where the request comes from.",
		"Use the service from a supported region, or a relay that is available where you are."},
	"forbidden": {"This key may not do that",
		"{host} understood the key but refused this request: the model, region or plan is not allowed for it.",
		"Check which models and regions your plan allows, or use a key that has access."},
	"model.allowed": {"This key may not use this model",
		"{host} understood the key but refused this request: the model, region or plan is not allowed for it.",
		"Switch to one of the models this key allows: {models}."},
	"rate_limit": {"Too many requests for now", "The provider is limiting how fast this key may send requests.",
		"Wait a little and retry; the limit resets by itself."},
	"quota": {"The account is out of credit",
		"The provider refused because this key's quota, balance or spending limit is used up.",
		"Add credit or raise the limit in the provider's billing page, or use another key. Retrying will not help until then."},
	"filtered": {"The provider's content filter refused this",
		"The provider's moderation blocked the message or the answer.",
		"Rephrase the message. This is the provider's policy, not a fault in Parley or your key."},
	"too_large": {"The conversation is too long for this model", "The request is larger than the model accepts.",
		"Start a new conversation, or choose a model with a larger context."},
	"model": {"The model was not found",
		"{host} does not offer the model that was asked for, or not to this key.",
		"Pick another model in the profile; check its exact spelling."},
	"model.ollama": {"Ollama has no model \"{model}\"",
		"{host} does not offer the model that was asked for, or not to this key.",
		"Run `ollama pull {model}`, or pick an installed model."},
	"not_found": {"The API was not found at this address", "{host} has nothing at {endpoint}.",
		"Check the base URL. OpenAI-compatible servers usually want it to end in /v1; Parley adds /chat/completions (the Chat API, not the older /completions)."},
	"not_found.anthropic": {"The API was not found at this address", "{host} has nothing at {endpoint}.",
		"Check the base URL. For Anthropic it is the host alone (https://api.anthropic.com); Parley adds /v1/messages."},
	"not_found.ollama": {"The API was not found at this address", "{host} has nothing at {endpoint}.",
		"Check the base URL. For Ollama it is the server alone (http://127.0.0.1:11434), without /api or /v1."},
	"not_found.gemini": {"The API was not found at this address", "{host} has nothing at {endpoint}.",
		"Check the base URL. For Gemini it is https://generativelanguage.googleapis.com."},
	"not_found.dashscope": {"The API was not found at this address", "{host} has nothing at {endpoint}.",
		"Check the base URL. For DashScope it is the host alone (https://dashscope.aliyuncs.com, or dashscope-intl for keys issued outside mainland China)."},
	"overloaded": {"The provider is overloaded", "{host} is too busy to answer right now.",
		"Wait a minute and retry, or choose another model."},
	"server": {"The provider had an internal error",
		"{host} failed with HTTP {status}; this is on the provider's side.",
		"Retry in a moment. If it persists, check the provider's status page."},
	"server.model_load": {"The model failed to load",
		"The server at {host} could not load the model: the computer it runs on may not have enough free memory (or graphics memory) for it, or the model's file may be damaged.",
		"Pick a smaller model, or close programs that use a lot of memory and retry. If it keeps failing, pull the model again (`ollama pull` with its name) to replace a damaged file."},
	"bad_request": {"The provider refused the request", "{host} answered HTTP {status}.",
		"Read the provider's message below; check the model name and the profile's settings."},
	"empty": {"The provider sent an empty answer", "The stream finished without any text.",
		"Retry, or try another model. If the provider filtered the answer, rephrase the message."},
	"empty.finish": {"The provider sent an empty answer", "The stream finished without any text (finish reason: {finish}).",
		"Retry, or try another model. If the provider filtered the answer, rephrase the message."},
	"no_key": {"No key is saved for this profile", "This provider needs an API key and none is in the keychain yet.",
		"Open the key dialog (Ctrl+K), paste your key and save."},
	"no_key.models": {"no key is set yet", "The provider lists its models only to a key, and this profile has none yet.",
		"Save the profile, add its key (Ctrl+K), then fetch the models again."},
	"keychain.save":   {"The system keychain is not available", keychainDetail("save the key"), keychainFix},
	"keychain.read":   {"The system keychain is not available", keychainDetail("read the key"), keychainFix},
	"keychain.remove": {"The system keychain is not available", keychainDetail("remove the key"), keychainFix},
	"invalid_input.key_empty": {"The key is empty", "Nothing was left after removing spaces and quotes.",
		"Paste the whole key, as the provider's console shows it."},
	"invalid_input.key_space": {"The key contains a space or line break",
		"There is whitespace at position {position}, so two things were probably pasted together.",
		"Copy the key again on its own and paste it."},
	"invalid_input.name":                {"The profile needs a name", "The name field is empty.", "Give the profile a name, such as the service it talks to."},
	"invalid_input.model":               {"The profile needs a model", "No model name was given.", "Pick a model from the list or type its exact name."},
	"invalid_input.base_url_empty":      {"The base URL is not valid", "The base URL is empty.", baseURLFix},
	"invalid_input.base_url_unreadable": {"The base URL is not valid", "{input} could not be read as a URL: {cause}.", baseURLFix},
	"invalid_input.base_url_scheme": {"The base URL is not valid",
		"{input} must start with https:// (or http:// for a server on this computer).", baseURLFix},
	"invalid_input.base_url_host": {"The base URL is not valid", "{input} has no host name.", baseURLFix},
	"invalid_input.base_url_user": {"The base URL is not valid",
		"The base URL must not carry a user name or password; keys belong in the key dialog.", baseURLFix},
	"invalid_input.base_url_query": {"The base URL is not valid",
		"The base URL must not carry a query (?…) or fragment (#…): it would be saved as typed, and a key in it would leak. Keys belong in the key dialog.",
		baseURLFix},
	"invalid_input.message_empty":    {"The message is empty", "There is nothing to send.", "Type a message first."},
	"invalid_input.nothing_to_retry": {"There is nothing to retry", "This conversation has no message of yours yet.", "Type a message and send it."},
	"invalid_input.not_an_answer":    {"Only an answer can be regenerated", "This message is not an answer to one of yours.", "Pick an answer of the model's."},
	"invalid_input.not_yours": {"Only your own message can be edited", "This message is the model's.",
		"Edit one of your messages, or regenerate this answer."},
	"invalid_input.cannot_continue": {"This answer cannot be continued",
		"Only an answer cut short (stopped, interrupted, broken off or at the token limit) with some text can be continued.", "Use Regenerate to answer again."},
	"canceled.doctor": {"Stopped", "The check was stopped before this step finished.", ""},
	"empty.doctor": {"The provider sent an empty answer", "The request was accepted, but the answer held no text.",
		"Try another model, or check that this model supports chat."},
	"proxy.invalid": {"The proxy setting is not valid", "The proxy configured for {host} could not be read.",
		"Check the HTTPS_PROXY, HTTP_PROXY and NO_PROXY settings, or unset them if no proxy is needed."},
	"internal.auto_backup": {"The automatic backup failed", "Today's backup could not be written to {folder}: {cause}",
		"Check that the disk has space and the folder is writable; your conversations themselves are safe."},
	"invalid_input.not_backup": {"This is not a Parley backup",
		"The file could not be read as a backup made by parley-cli backup or the Backup command.",
		"Pick the .json file a Parley backup wrote. To bring in another app's data, use import instead."},
	"invalid_input.newer_backup": {"This backup is from a newer Parley", "The backup is version {version}; this Parley reads version 1.",
		"Update Parley, then restore again."},
}

const (
	keychainFix = "Unlock or start your keyring: on Linux install and unlock a Secret Service (gnome-keyring or KWallet); on macOS unlock the login keychain."
	baseURLFix  = "Enter the API's address, such as https://api.openai.com/v1."
)

func keychainDetail(op string) string {
	return "Parley could not " + op + ": {cause}. Keys are only ever kept in the system keychain, never in a plain file."
}

// facts are the values a template's placeholders stand for.
type facts = map[string]string

// Explain returns a problem of kind worded by the explanation id of the
// catalogues, with facts filled into its placeholders, so that the window
// can word it in the user's language. Code outside this package that knows
// the reason for a failure uses it instead of [New].
func Explain(kind Kind, id WordsID, facts map[string]string) *Problem {
	return explain(kind, id, facts)
}

// ExplainWrap is [Explain] with a technical cause attached.
func ExplainWrap(cause error, kind Kind, id WordsID, facts map[string]string) *Problem {
	p := explain(kind, id, facts)
	p.cause = cause
	return p
}

// explain returns a problem of kind worded by the explanation id, with the
// facts filled in. An id missing from the catalogue falls back to its kind.
func explain(kind Kind, id WordsID, f facts) *Problem {
	w, ok := English[id]
	if !ok {
		w = English[WordsID(kind)]
	}
	pairs := make([]string, 0, 2*len(f))
	for k, v := range f {
		pairs = append(pairs, "{"+k+"}", v)
	}
	r := strings.NewReplacer(pairs...)
	p := New(kind, r.Replace(w.Title), r.Replace(w.Detail), r.Replace(w.Fix))
	p.WordsID = id
	if len(f) > 0 {
		p.Facts = f
	}
	return p
}
