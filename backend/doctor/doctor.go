// Package doctor checks a provider connection one layer at a time — the
// address, DNS, the proxy, TCP, TLS, the key, one completion and one stream —
// so a user sees which layer fails instead of one opaque error.
package doctor

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"parley/backend/problem"
	"parley/backend/providers"
)

// Config is the connection to check: a profile's kind, base URL and model,
// and the key to send.
type Config struct {
	Kind, BaseURL, Model, Key string
}

// Step is the outcome of one check, ready to show: what was checked, how it
// went, how long it took and, for a failure, the explained problem.
type Step struct {
	Name string `json:"name"`
	// Status is [StatusOK], [StatusWarning], [StatusFailed] or [StatusSkipped].
	Status Status `json:"status"`
	// Millis is how long the step took; 0 for a skipped step.
	Millis int64 `json:"millis"`
	// Detail is what the check found, such as the addresses a name resolved
	// to, or why it was skipped, in English. It never holds the key.
	Detail string `json:"detail"`
	// Phrases are Detail by its words in [Words], for the window to say in
	// its language; in a failed Address step, the advice its problem quotes
	// (the problem's {advice}).
	Phrases []problem.Phrase `json:"phrases,omitempty"`
	Problem *problem.Problem `json:"problem,omitempty"`
}

// Status is how a [Step] went.
type Status string

// The statuses a [Step] can have.
const (
	StatusOK     Status = "ok"
	StatusFailed Status = "failed"
	// StatusWarning marks a step that found something odd that does not stop
	// chatting, such as a relay without a model list.
	StatusWarning Status = "warning"
	StatusSkipped Status = "skipped"
)

// Statuses lists every [Status]; main.go binds it with Wails' EnumBind.
var Statuses = []Status{StatusOK, StatusFailed, StatusWarning, StatusSkipped}

// TSName is the status's member name in the generated TypeScript enum.
func (s Status) TSName() string { return strings.ToUpper(string(s)) }

// The names of the steps, in the order [Run] takes them.
const (
	StepAddress        = "Address"
	StepDNS            = "DNS"
	StepProxy          = "Proxy"
	StepTCP            = "TCP"
	StepTLS            = "TLS"
	StepAuthentication = "Authentication"
	StepCompletion     = "Completion"
	StepStreaming      = "Streaming"
)

// Time limits per step, so a check never hangs on a silent server.
const (
	netTimeout     = 10 * time.Second
	tlsTimeout     = 15 * time.Second
	listTimeout    = 30 * time.Second
	requestTimeout = 90 * time.Second
)

// check is one step: it returns what it found, or an error explaining why
// it failed; an error of type skip marks the step skipped instead.
type check struct {
	name string
	run  func(ctx context.Context) (said, error)
}

// skip is returned by a check that does not apply, with the reason.
type skip said

func (s skip) Error() string { return spoken.Say(s...) }

// warn is returned by a check that found something odd that does not stop
// the run, with what it found; the step is reported [StatusWarning].
type warn said

func (w warn) Error() string { return spoken.Say(w...) }

// runner holds what earlier steps learned for the later ones.
type runner struct {
	cfg    Config
	client *http.Client

	adapter providers.Adapter
	// keyProven names the step whose answer showed the key was accepted;
	// empty until one did (a model list that answers anyone proves nothing).
	keyProven string
	endpoint  string   // the chat endpoint, redacted
	target    *url.URL // parsed endpoint
	proxy     *url.URL // the proxy the client uses for endpoint; nil when direct
	proxyErr  error
	// dialHost and dialAddr are what the client really connects to: the
	// proxy when one is used, the endpoint's host otherwise. dialURL names
	// it in problems.
	dialHost, dialAddr, dialURL string
}

// Run checks the connection described by cfg through client (nil means
// [providers.NewHTTPClient]), calling report (when not nil) with each step
// as it finishes, and returns every step in order.
//
// Once a step fails, the remaining steps are reported skipped, with the
// reason. One failure is only a warning: an Authentication step (the model
// list) that fails with HTTP 404 or 405 keeps its problem but is reported
// [StatusWarning], and the Completion and Streaming steps still run, because
// some OpenAI-compatible relays serve chat without a model list. Cancelling ctx stops the run: the
// step under way fails as stopped and the rest are skipped.
func Run(ctx context.Context, cfg Config, client *http.Client, report func(Step)) []Step {
	if client == nil {
		client = providers.NewHTTPClient()
	}
	r := &runner{cfg: cfg, client: client}
	checks := []check{
		{StepAddress, r.address}, {StepDNS, r.dns}, {StepProxy, r.proxyStep}, {StepTCP, r.tcp},
		{StepTLS, r.tlsStep}, {StepAuthentication, r.authenticate}, {StepCompletion, r.complete}, {StepStreaming, r.stream},
	}
	steps := make([]Step, 0, len(checks))
	var stop said
	for _, c := range checks {
		if stop == nil && ctx.Err() != nil {
			stop = saying("doctor.stopped")
		}
		s := r.step(c.name, StatusSkipped, stop)
		if stop == nil {
			s, stop = r.do(ctx, c)
		}
		steps = append(steps, s)
		if report != nil {
			report(s)
		}
	}
	return steps
}

// step is a step of name that found what was said.
func (r *runner) step(name string, status Status, found said) Step {
	s := Step{Name: name, Status: status}
	if len(found) > 0 {
		s.Phrases = r.cleanPhrases(found)
		s.Detail = spoken.Say(s.Phrases...)
	}
	return s
}

// do runs one check and returns its step and, when the run must stop, why.
func (r *runner) do(ctx context.Context, c check) (Step, said) {
	start := time.Now()
	found, err := c.run(ctx)
	status := StatusOK
	var (
		sk  skip
		wn  warn
		adv advised
	)
	switch {
	case err == nil:
	case errors.As(err, &sk):
		status, found = StatusSkipped, said(sk)
	case errors.As(err, &wn):
		status, found = StatusWarning, said(wn)
	default:
		status = StatusFailed
	}
	s := r.step(c.name, status, found)
	s.Millis = time.Since(start).Milliseconds()
	if status != StatusFailed {
		return s, nil
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		s.Problem = problem.ExplainWrap(ctx.Err(), problem.KindCanceled, "canceled.doctor", nil)
		return s, saying("doctor.stopped")
	}
	if errors.As(err, &adv) {
		s.Phrases = r.cleanPhrases(adv.phrases)
	}
	s.Problem = problem.From(err)
	r.cleanProblem(s.Problem)
	if c.name == StepAuthentication && (s.Problem.Status == http.StatusNotFound || s.Problem.Status == http.StatusMethodNotAllowed) {
		w := r.step(c.name, StatusWarning, saying(r.noModelList()))
		s.Status, s.Detail, s.Phrases = w.Status, w.Detail, w.Phrases
		return s, nil
	}
	return s, saying("doctor.not_run", "step", c.name)
}

// clean replaces the key, should it ever appear in s, with a placeholder.
func (r *runner) clean(s string) string {
	if len(r.cfg.Key) < 6 {
		return s
	}
	return strings.ReplaceAll(s, r.cfg.Key, "[key]")
}

func (r *runner) cleanPhrases(ps said) said {
	out := make(said, len(ps))
	for i, p := range ps {
		if len(p.Facts) > 0 {
			facts := make(map[string]string, len(p.Facts))
			for k, v := range p.Facts {
				facts[k] = r.clean(v)
			}
			p.Facts = facts
		}
		out[i] = p
	}
	return out
}

func (r *runner) cleanProblem(p *problem.Problem) {
	p.Title, p.Detail, p.Fix = r.clean(p.Title), r.clean(p.Detail), r.clean(p.Fix)
	p.ProviderMessage, p.Endpoint = r.clean(p.ProviderMessage), r.clean(p.Endpoint)
}
