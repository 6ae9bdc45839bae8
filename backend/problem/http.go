package problem

import (
	"net/http"
	"regexp"
	"strconv"
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
	f := facts{
		"host": hostOf(e.Endpoint), "status": strconv.Itoa(e.Status), "endpoint": e.Endpoint,
		"model": e.Model, "models": strings.Join(e.AllowedModels, ", "), "page": pageTitle(e.Body),
	}
	if isHTML(e) {
		if f["page"] != "" {
			return explain(KindHTML, "html.titled", f)
		}
		return explain(KindHTML, "html", f)
	}
	if p := noKeySent(e, f); p != nil {
		return p
	}
	if p := byReason(e, f); p != nil {
		return p
	}
	return byStatus(e, f)
}

// noKeySent explains a server asking for a key when the request carried
// none: nothing was rejected, this server wants one.
func noKeySent(e *llm.HTTPError, f facts) *Problem {
	keyless := e.Reason == llm.ReasonKeyRejected || e.Reason == llm.ReasonKeyMissing ||
		e.Reason == llm.ReasonNone && e.Status == http.StatusUnauthorized
	if !e.NoKey || !keyless {
		return nil
	}
	return explain(KindAuth, "auth.no_key", f)
}

// byReason explains what the adapter read out of the provider's words,
// whatever status the provider picked for it: Gemini reports a bad key as
// 400, DashScope an overdue account as 400, and so on.
func byReason(e *llm.HTTPError, f facts) *Problem {
	switch e.Reason {
	case llm.ReasonModelNotFound:
		if e.Protocol == llm.ProtocolOllama && e.Model != "" {
			return explain(KindModel, "model.ollama", f)
		}
	case llm.ReasonNotAllowed:
		if len(e.AllowedModels) > 0 {
			p := explain(KindModel, "model.allowed", f)
			p.AllowedModels = e.AllowedModels
			return p
		}
	}
	if w, ok := reasonWords[e.Reason]; ok {
		return explain(w.kind, w.id, f)
	}
	return nil
}

// explanation is a kind and the words that explain it.
type explanation struct {
	kind Kind
	id   WordsID
}

// reasonWords explain each reason an adapter reads in a provider's words.
var reasonWords = map[llm.Reason]explanation{
	llm.ReasonKeyRejected:     {KindAuth, "auth"},
	llm.ReasonKeyMissing:      {KindNoKey, "no_key.not_arrived"},
	llm.ReasonRegion:          {KindForbidden, "forbidden.region"},
	llm.ReasonRateLimit:       {KindRateLimit, "rate_limit"},
	llm.ReasonQuota:           {KindQuota, "quota"},
	llm.ReasonContentFiltered: {KindFiltered, "filtered"},
	llm.ReasonContextTooLong:  {KindTooLarge, "too_large"},
	llm.ReasonModelNotFound:   {KindModel, "model"},
	llm.ReasonNotAllowed:      {KindForbidden, "forbidden"},
	llm.ReasonOverloaded:      {KindOverloaded, "overloaded"},
	llm.ReasonModelLoad:       {KindServer, "server.model_load"},
}

// statusReasons are what the statuses that say enough by themselves mean,
// for an error whose provider's words gave no reason.
var statusReasons = map[int]llm.Reason{
	http.StatusUnauthorized:          llm.ReasonKeyRejected,
	http.StatusForbidden:             llm.ReasonNotAllowed,
	http.StatusPaymentRequired:       llm.ReasonQuota,
	http.StatusTooManyRequests:       llm.ReasonRateLimit,
	http.StatusRequestEntityTooLarge: llm.ReasonContextTooLong,
	529:                              llm.ReasonOverloaded,
	http.StatusServiceUnavailable:    llm.ReasonOverloaded,
}

// byStatus explains an error by its status alone, when the adapter found
// no reason in the provider's words.
func byStatus(e *llm.HTTPError, f facts) *Problem {
	w, ok := reasonWords[statusReasons[e.Status]]
	switch s := e.Status; {
	case ok:
		return explain(w.kind, w.id, f)
	case s == http.StatusRequestTimeout || s == http.StatusGatewayTimeout:
		return explain(KindTimeout, "timeout.status", f)
	case s == http.StatusNotFound:
		return explain(KindNotFound, notFoundWords(e.Protocol), f)
	case s >= 500:
		return explain(KindServer, "server", f)
	}
	return explain(KindBadRequest, "bad_request", f)
}

// notFoundWords picks the advice on where the base URL should end for the
// protocol that was spoken.
func notFoundWords(p llm.Protocol) WordsID {
	switch p {
	case llm.ProtocolAnthropic, llm.ProtocolOllama, llm.ProtocolGemini, llm.ProtocolDashScope:
		return WordsID("not_found." + string(p))
	}
	return "not_found"
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
		return m[1]
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
