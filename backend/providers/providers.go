package providers

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"parley/backend/llm"
	"parley/backend/llm/anthropic"
	"parley/backend/llm/dashscope"
	"parley/backend/llm/gemini"
	"parley/backend/llm/ollama"
	"parley/backend/llm/openai"
	"parley/backend/problem"
)

// NewHTTPClient returns the client every provider request goes through: the
// system proxy settings, a proxy's refusal typed ([llm.ProxyConnectResponse]),
// redirects followed only within the origin ([llm.CheckRedirect]), and no
// overall timeout, since an answer may stream for minutes. The connect,
// first-byte and idle waits are the stream driver's, per request
// ([llm.Network]), so the window and the CLI bound them alike.
func NewHTTPClient() *http.Client {
	dialer := &net.Dialer{KeepAlive: 30 * time.Second}
	return &http.Client{CheckRedirect: llm.CheckRedirect, Transport: &http.Transport{
		Proxy:                  http.ProxyFromEnvironment,
		OnProxyConnectResponse: llm.ProxyConnectResponse,
		DialContext:            dialer.DialContext,
		IdleConnTimeout:        90 * time.Second,
		MaxIdleConnsPerHost:    4,
		ForceAttemptHTTP2:      true,
		// A request carries up to a context's worth of history (25 KB at
		// 8k tokens): it leaves in one write, not in 4 KB pieces.
		WriteBufferSize: 64 << 10,
	}}
}

// Adapter is what every protocol package offers: streaming and a model list.
type Adapter interface {
	llm.Provider
	llm.ModelLister
}

// New returns the adapter for kind talking to baseURL with key.
func New(kind, baseURL, key string, client *http.Client) (Adapter, error) {
	baseURL, err := CheckBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	switch kind {
	case KindOpenAI:
		return openai.New(baseURL, key, client), nil
	case KindAnthropic:
		return anthropic.New(baseURL, key, client), nil
	case KindOllama:
		return ollama.New(baseURL, key, client), nil
	case KindGemini:
		return gemini.New(baseURL, key, client), nil
	case KindDashScope:
		return dashscope.New(baseURL, key, client), nil
	}
	return nil, problem.New(problem.KindInvalidInput, "This provider kind is not supported",
		fmt.Sprintf("Parley does not speak the %q protocol; it speaks %s.", kind, strings.Join(Kinds(), ", ")),
		"Edit the profile and choose a supported kind.")
}

// Endpoint returns the exact URL a chat request for kind and model will be
// sent to, so the user can see it before anything is sent.
func Endpoint(kind, baseURL, model string) string {
	baseURL = strings.TrimSpace(baseURL)
	switch kind {
	case KindOpenAI:
		return openai.Endpoint(baseURL)
	case KindAnthropic:
		return anthropic.Endpoint(baseURL)
	case KindOllama:
		return ollama.Endpoint(baseURL)
	case KindGemini:
		return gemini.ModelEndpoint(baseURL, cmpOr(model, "MODEL"))
	case KindDashScope:
		return dashscope.Endpoint(baseURL)
	}
	return baseURL
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// CheckBaseURL returns baseURL trimmed when it is an absolute http(s) URL,
// and otherwise a problem that says what is wrong with it.
func CheckBaseURL(baseURL string) (string, error) {
	baseURL = strings.TrimSpace(baseURL)
	bad := func(why string, facts map[string]string) error {
		return problem.Explain(problem.KindInvalidInput, problem.WordsID("invalid_input.base_url_"+why), facts)
	}
	input := map[string]string{"input": strconv.Quote(baseURL)}
	if baseURL == "" {
		return "", bad("empty", nil)
	}
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", bad("unreadable", map[string]string{"input": strconv.Quote(baseURL), "cause": err.Error()})
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", bad("scheme", input)
	}
	if u.Host == "" {
		return "", bad("host", input)
	}
	if u.User != nil {
		return "", bad("user", nil)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", bad("query", nil)
	}
	return baseURL, nil
}
