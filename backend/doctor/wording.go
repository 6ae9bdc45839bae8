package doctor

import (
	"maps"

	"parley/backend/problem"
	"parley/backend/providers"
)

// Words are what the doctor says of each step, in every language the
// window speaks, said by [problem.Phrase]s (a step's Phrases): each entry's
// Title is one phrase, its placeholders the facts found. The Chinese is in
// wording_zh.go.
var Words = problem.Catalogues{English: english, Chinese: chinese}

// spoken holds the English of every phrase a step may say: the doctor's
// own, and the profile dialog's advice on the base URL that the Address
// step repeats.
var spoken = problem.Catalogues{English: union(english, providers.Words.English)}

func union(a, b map[problem.WordsID]problem.Words) map[problem.WordsID]problem.Words {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

// said is what a step found, phrase by phrase.
type said []problem.Phrase

// say is one phrase with its facts, given as name, value, name, value.
func say(id problem.WordsID, facts ...string) problem.Phrase {
	p := problem.Phrase{WordsID: id}
	if len(facts) > 0 {
		p.Facts = make(map[string]string, len(facts)/2)
		for i := 0; i+1 < len(facts); i += 2 {
			p.Facts[facts[i]] = facts[i+1]
		}
	}
	return p
}

// saying is one phrase as all a step found.
func saying(id problem.WordsID, facts ...string) said { return said{say(id, facts...)} }

func words(title string) problem.Words { return problem.Words{Title: title} }

var english = map[problem.WordsID]problem.Words{
	"doctor.stopped":           words("the check was stopped"),
	"doctor.not_run":           words("not run: {step} failed"),
	"doctor.endpoint":          words("{endpoint}"),
	"doctor.endpoint_advice":   words("{endpoint} —"),
	"doctor.suggested":         words("(suggested: {url})"),
	"doctor.base_url_fix":      {Title: "The base URL needs a fix", Detail: "{advice}", Fix: "Edit the profile's base URL."},
	"doctor.base_url_fix.url":  {Title: "The base URL needs a fix", Detail: "{advice}", Fix: "Change the base URL to {url}."},
	"doctor.dns_proxy":         words("proxy {host}:"),
	"doctor.dns_ip":            words("{ip} (an IP address, no lookup needed)"),
	"doctor.dns_addrs":         words("{addrs}"),
	"doctor.dns_addrs_more":    words("{addrs} and {count} more"),
	"doctor.proxy_none":        words("none"),
	"doctor.proxy_via":         words("via {url}"),
	"doctor.tcp":               words("connected to {addr}"),
	"doctor.tcp_proxy":         words("connected to the proxy at {addr}"),
	"doctor.tls_proxy":         words("with the proxy:"),
	"doctor.tls_tunnel":        words("checked inside the proxy's tunnel by the requests below"),
	"doctor.tls_plain":         words("plain HTTP"),
	"doctor.tls_version":       words("{version}"),
	"doctor.tls_cert":          words("{version}, certificate for {host} valid until {date}"),
	"doctor.tls_cert_issuer":   words("{version}, certificate for {host} from {issuer} valid until {date}"),
	"doctor.models_one":        words("1 model"),
	"doctor.models":            words("{count} models"),
	"doctor.model_missing":     words("; {model} is not among them"),
	"doctor.pull":              words("— `ollama pull {model}`"),
	"doctor.ollama_empty":      words("Ollama is running but has no models — `ollama pull {model}`"),
	"doctor.none_listed":       words("the server lists no models, so {model} is not there"),
	"doctor.no_key_sent":       words("(no key was sent)"),
	"doctor.list_public":       words(", but the list answers without a key too, so it proves nothing about the key: the Completion step checks it"),
	"doctor.key_accepted":      words("; the key was accepted"),
	"doctor.no_list_ollama":    words("Nothing answers at /api/tags, where every Ollama lists its models: this may not be an Ollama server, or the base URL has a path too many (it is the server alone, such as http://127.0.0.1:11434). The completion steps still run."),
	"doctor.no_list_anthropic": words("This server has no /v1/models (some gateways in front of Claude don't), so the completion steps still run."),
	"doctor.no_list_gemini":    words("This server has no /v1beta/models (a relay that serves only generateContent?), so the completion steps still run."),
	"doctor.no_list_dashscope": words("This server has no model list at /compatible-mode/v1/models, so the completion steps still run."),
	"doctor.no_list":           words("This server has no /models under the base URL; some relays don't, so the completion steps still run."),
	"doctor.no_model":          words("no model was given"),
	"doctor.reply":             words("reply {reply}"),
	"doctor.broke_off":         words("(then the answer broke off; see Streaming)"),
	"doctor.key_proved":        words("; this proved the key"),
	"doctor.thinking":          words("no text within {count} tokens: the model spent them thinking"),
	"doctor.stream_empty":      words("the stream finished without any text"),
	"doctor.first_text":        words("first text after {ms} ms,"),
	"doctor.chunks_one":        words("1 chunk"),
	"doctor.chunks":            words("{count} chunks"),
}
