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
	text := strings.ToLower(e.Message + " " + e.Code + " " + e.Type)
	switch s := e.Status; {
	case s == http.StatusUnauthorized:
		return New(KindAuth, "The key was rejected",
			fmt.Sprintf("%s did not accept the key that was sent.", host),
			"Open the key dialog and paste the key again. Check that it was issued for "+host+
				" (relays often have several hosts), that it is active, and that no extra characters were copied.")
	case s == http.StatusForbidden:
		return forbidden(e, host)
	case s == http.StatusNotFound:
		if strings.Contains(text, "model") {
			return New(KindModel, "The model was not found",
				fmt.Sprintf("%s does not offer the model that was asked for, or not to this key.", host),
				"Pick another model in the profile; check its exact spelling.")
		}
		return New(KindNotFound, "The API was not found at this address",
			fmt.Sprintf("%s has nothing at %s.", host, e.Endpoint),
			"Check the base URL. OpenAI-compatible servers usually want it to end in /v1, without /chat/completions.")
	case s == http.StatusTooManyRequests || s == http.StatusPaymentRequired:
		if s == http.StatusPaymentRequired || containsAny(text, "quota", "billing", "insufficient", "balance", "credit", "arrearage") {
			return New(KindQuota, "The account is out of credit",
				"The provider refused because this key's quota or balance is used up.",
				"Add credit or raise the limit in the provider's billing page, or use another key.")
		}
		return New(KindRateLimit, "Too many requests for now",
			"The provider is limiting how fast this key may send requests.",
			"Wait a little and retry; the limit resets by itself.")
	case s == http.StatusRequestEntityTooLarge || containsAny(text, "context length", "context_length", "too long", "maximum context"):
		return New(KindTooLarge, "The conversation is too long for this model",
			"The request is larger than the model accepts.",
			"Start a new conversation, or choose a model with a larger context.")
	case s == http.StatusRequestTimeout || s == http.StatusGatewayTimeout:
		return New(KindTimeout, "The server timed out",
			fmt.Sprintf("%s answered HTTP %d: it gave up before the answer was ready.", host, s),
			"Retry; a shorter message or another model may help.")
	case s == 529 || s == http.StatusServiceUnavailable || looksOverloaded(text):
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
