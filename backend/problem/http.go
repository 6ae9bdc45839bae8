package problem

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"

	"parley/backend/llm"
)

func fromHTTP(e *llm.HTTPError) *Problem {
	p := httpProblem(e)
	p.cause = e
	p.Status = e.Status
	p.ProviderMessage = e.Message
	p.ProviderCode = firstNonEmpty(e.Code, e.Type)
	setEndpoint(p, e.Endpoint)
	if p.ProviderMessage == "" && p.Kind != KindHTML {
		p.ProviderMessage = bodyExcerpt(e.Body)
	}
	return p
}

func httpProblem(e *llm.HTTPError) *Problem {
	host := hostOf(e.Endpoint)
	if isHTML(e) {
		return New(KindHTML, "A web page answered instead of the API",
			fmt.Sprintf("%s answered HTTP %d with an HTML page%s, not the JSON the API speaks.", host, e.Status, pageTitle(e.Body)),
			"Check the base URL: it must be the API address (often ending in /v1), not the website. A proxy or login page may be in the way.")
	}
	if p := byProviderWords(e, host); p != nil {
		return p
	}
	return byStatus(e, host)
}

// byProviderWords recognises what providers say the same way whatever
// status they pick for it: Gemini reports a bad key as 400, DashScope an
// overdue account as 400, rate limits whose codes contain "Quota", ...
func byProviderWords(e *llm.HTTPError, host string) *Problem {
	code := strings.ToLower(e.Code + " " + e.Type)
	text := strings.ToLower(e.Message) + " " + code
	switch {
	case containsAny(code, "api_key_invalid", "invalidapikey", "invalid_api_key", "authentication_error"),
		containsAny(text, "api key not valid", "api key expired", "reported as leaked", "consumer_suspended", "has been suspended"):
		return keyRejected(host)
	case strings.Contains(text, "unregistered callers"):
		return New(KindNoKey, "The key did not arrive",
			fmt.Sprintf("%s received the request without a key.", host),
			"Open the key dialog and save the key. If a proxy or relay sits in between, it may be dropping the key header.")
	case containsAny(text, "user location is not supported", "country, region, or territory not supported", "unsupported_country"):
		return New(KindForbidden, "This service is not offered in your region",
			fmt.Sprintf("%s refused because of where the request comes from.", host),
			"Use the service from a supported region, or a relay that is available where you are.")
	case strings.HasPrefix(strings.TrimSpace(code), "throttling") || containsAny(code, "perminute", "per_minute", "persecond"):
		return rateLimited()
	case containsAny(text, "arrearage", "insufficient_quota", "credit balance is too low", "spend limit", "enforced_spend_limit",
		"usage limit", "perday", "freetieronly", "billing_error", "insufficient balance", "insufficient_balance"):
		return outOfCredit()
	case strings.Contains(code, "resource_exhausted"): // Gemini: a daily quota says PerDay above
		return rateLimited()
	case containsAny(text, "datainspectionfailed", "inappropriate content", "content_filter", "content management policy"):
		return New(KindFiltered, "The provider's content filter refused this",
			"The provider's moderation blocked the message or the answer.",
			"Rephrase the message. This is the provider's policy, not a fault in Parley or your key.")
	case containsAny(text, "context length", "context_length", "too long", "maximum context", "exceeds the maximum number of tokens"):
		return New(KindTooLarge, "The conversation is too long for this model",
			"The request is larger than the model accepts.",
			"Start a new conversation, or choose a model with a larger context.")
	case (e.Status == http.StatusNotFound || e.Status == http.StatusBadRequest) &&
		containsAny(text, "model_not_found", "modelnotfound", "model not exist", "not_found_error", "is not found", "does not exist", "not found, try pulling"):
		if strings.Contains(text, "model") {
			return modelMissing(e, host)
		}
	}
	return nil
}

func byStatus(e *llm.HTTPError, host string) *Problem {
	text := strings.ToLower(e.Message + " " + e.Code + " " + e.Type)
	switch s := e.Status; {
	case s == http.StatusUnauthorized:
		return keyRejected(host)
	case s == http.StatusForbidden:
		return forbidden(e, host)
	case s == http.StatusNotFound:
		if strings.Contains(text, "model") {
			return modelMissing(e, host)
		}
		return New(KindNotFound, "The API was not found at this address",
			fmt.Sprintf("%s has nothing at %s.", host, e.Endpoint), notFoundFix(e.Endpoint))
	case s == http.StatusTooManyRequests || s == http.StatusPaymentRequired:
		if s == http.StatusPaymentRequired || containsAny(text, "quota", "billing", "insufficient", "balance", "credit") {
			return outOfCredit()
		}
		return rateLimited()
	case s == http.StatusRequestEntityTooLarge:
		return New(KindTooLarge, "The conversation is too long for this model",
			"The request is larger than the model accepts.",
			"Start a new conversation, or choose a model with a larger context.")
	case s == http.StatusRequestTimeout || s == http.StatusGatewayTimeout:
		return New(KindTimeout, "The server timed out",
			fmt.Sprintf("%s answered HTTP %d: it gave up before the answer was ready.", host, s),
			"Retry; a shorter message or another model may help.")
	case s == 529 || s == http.StatusServiceUnavailable || looksOverloaded(text) || strings.Contains(text, "server busy"):
		return New(KindOverloaded, "The provider is overloaded",
			fmt.Sprintf("%s is too busy to answer right now.", host),
			"Wait a minute and retry, or choose another model.")
	case s >= 500:
		return New(KindServer, "The provider had an internal error",
			fmt.Sprintf("%s failed with HTTP %d; this is on the provider's side.", host, s),
			"Retry in a moment. If it persists, check the provider's status page.")
	}
	return New(KindBadRequest, "The provider refused the request",
		fmt.Sprintf("%s answered HTTP %d.", host, e.Status),
		"Read the provider's message below; check the model name and the profile's settings.")
}

func keyRejected(host string) *Problem {
	return New(KindAuth, "The key was rejected",
		fmt.Sprintf("%s did not accept the key that was sent.", host),
		"Open the key dialog and paste the key again. Check that it was issued for "+host+
			" (relays often have several hosts, and keys work on their own region's host only), that it is active"+
			" (a new key can take a few minutes), and that no extra characters were copied.")
}

func rateLimited() *Problem {
	return New(KindRateLimit, "Too many requests for now",
		"The provider is limiting how fast this key may send requests.",
		"Wait a little and retry; the limit resets by itself.")
}

func outOfCredit() *Problem {
	return New(KindQuota, "The account is out of credit",
		"The provider refused because this key's quota, balance or spending limit is used up.",
		"Add credit or raise the limit in the provider's billing page, or use another key. Retrying will not help until then.")
}

// pullRe finds the model name in Ollama's "model "x" not found" errors.
var pullRe = regexp.MustCompile(`model ["']([^"']+)["'] not found`)

func modelMissing(e *llm.HTTPError, host string) *Problem {
	p := New(KindModel, "The model was not found",
		fmt.Sprintf("%s does not offer the model that was asked for, or not to this key.", host),
		"Pick another model in the profile; check its exact spelling.")
	if m := pullRe.FindStringSubmatch(e.Message); m != nil && strings.HasSuffix(e.Endpoint, "/api/chat") {
		p.Title = fmt.Sprintf("Ollama has no model %q", m[1])
		p.Fix = fmt.Sprintf("Run `ollama pull %s`, or pick an installed model.", m[1])
	}
	return p
}

// notFoundFix says where the base URL should end for the protocol the
// endpoint belongs to.
func notFoundFix(endpoint string) string {
	switch {
	case strings.HasSuffix(endpoint, "/v1/messages"):
		return "Check the base URL. For Anthropic it is the host alone (https://api.anthropic.com); Parley adds /v1/messages."
	case strings.HasSuffix(endpoint, "/api/chat"):
		return "Check the base URL. For Ollama it is the server alone (http://127.0.0.1:11434), without /api or /v1."
	case strings.Contains(endpoint, "/v1beta/"):
		return "Check the base URL. For Gemini it is https://generativelanguage.googleapis.com."
	}
	return "Check the base URL. OpenAI-compatible servers usually want it to end in /v1; Parley adds /chat/completions (the Chat API, not the older /completions)."
}

// allowedModelsRe finds lists such as "may only use these models: a, b, c".
var allowedModelsRe = regexp.MustCompile(`(?i)(?:only use|allowed|available)[^:：]*models?\s*[:：]\s*([\w .,:/+-]+)`)

func forbidden(e *llm.HTTPError, host string) *Problem {
	p := New(KindForbidden, "This key may not do that",
		fmt.Sprintf("%s understood the key but refused this request: the model, region or plan is not allowed for it.", host),
		"Check which models and regions your plan allows, or use a key that has access.")
	if m := allowedModelsRe.FindStringSubmatch(e.Message); m != nil {
		for _, name := range strings.Split(m[1], ",") {
			if name = strings.TrimSpace(name); name != "" {
				p.AllowedModels = append(p.AllowedModels, name)
			}
		}
		p.Kind, p.Title = KindModel, "This key may not use this model"
		p.Fix = "Switch to one of the models this key allows: " + strings.Join(p.AllowedModels, ", ") + "."
	}
	return p
}

func isHTML(e *llm.HTTPError) bool {
	if e.ContentType == "text/html" || e.ContentType == "application/xhtml+xml" {
		return true
	}
	b := strings.ToLower(strings.TrimSpace(e.Body))
	return e.Message == "" && (strings.HasPrefix(b, "<!doctype html") || strings.HasPrefix(b, "<html"))
}

var titleRe = regexp.MustCompile(`(?is)<title>\s*(.*?)\s*</title>`)

func pageTitle(body string) string {
	if m := titleRe.FindStringSubmatch(body); m != nil && len(m[1]) < 120 {
		return fmt.Sprintf(" titled %q", m[1])
	}
	return ""
}

// bodyExcerpt keeps a non-JSON error body readable without flooding the card.
func bodyExcerpt(body string) string {
	body = strings.TrimSpace(body)
	if len(body) > 300 {
		body = body[:300] + "…"
	}
	return body
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
