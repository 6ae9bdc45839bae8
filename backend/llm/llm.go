// Package llm holds the neutral types every provider adapter speaks: a
// conversation goes in as a [Request], text comes back as a sequence of
// [Chunk] values. Nothing here knows about storage, the UI or one wire protocol.
package llm

import (
	"context"
	"iter"
	"strings"
)

// Role says who wrote a [Message].
type Role string

// The roles a conversation can hold.
const (
	RoleSystem    Role = "system"
	RoleUser      Role = "user"
	RoleAssistant Role = "assistant"
)

// Roles lists every [Role]; main.go binds it with Wails' EnumBind, so the
// window's roles are the generated enum llm.Role.
var Roles = []Role{RoleSystem, RoleUser, RoleAssistant}

// TSName is the role's member name in the generated TypeScript enum.
func (r Role) TSName() string { return strings.ToUpper(string(r)) }

// Message is one turn of a conversation as sent to a provider.
type Message struct {
	Role    Role
	Content string
}

// Request is what a provider is asked: a model, an optional system prompt and
// the conversation so far, oldest first.
type Request struct {
	Model    string
	System   string
	Messages []Message
	// MaxTokens caps the reply; zero leaves the provider's default.
	MaxTokens int
	// Temperature is sent only when set.
	Temperature *float64

	// Per-conversation parameters; each adapter sends each only when set
	// (see withParams in its format.go).

	// TopP is nucleus sampling.
	TopP *float64
	// ReasoningEffort is "low", "medium" or "high" (OpenAI reasoning_effort);
	// DashScope turns thinking on for any of them and off for "off".
	ReasoningEffort string
	// ThinkingBudget caps the reasoning tokens (Anthropic
	// thinking.budget_tokens, Gemini thinkingConfig.thinkingBudget, where 0
	// turns thinking off; DashScope thinking_budget).
	ThinkingBudget *int
}

// Usage counts the tokens a turn consumed, as reported by the provider.
type Usage struct {
	InputTokens  int `json:"inputTokens"`
	OutputTokens int `json:"outputTokens"`
}

// Chunk is one piece of a streamed reply. Any field may be empty; a chunk
// carrying only Usage or Finish is normal at the end of a stream.
type Chunk struct {
	Text      string
	Reasoning string
	Usage     *Usage
	// Finish is the provider's reason for ending ("stop", "length", ...),
	// set once on the last chunk that carries it.
	Finish string
}

// Provider streams a reply to a request. The sequence yields chunks until the
// reply is complete, or yields exactly one non-nil error and stops: a chunk is
// never yielded together with an error. Cancelling ctx closes the upstream
// connection.
type Provider interface {
	Stream(ctx context.Context, req Request) iter.Seq2[Chunk, error]
}

// ModelLister is implemented by providers that can list the models a key
// may use.
type ModelLister interface {
	Models(ctx context.Context) ([]string, error)
}

// ContextSizer is implemented by providers whose model list says how many
// tokens each model's context holds (OpenRouter's context_length): the
// sizes the last [ModelLister.Models] call read, by model id.
type ContextSizer interface {
	ContextSizes() map[string]int
}
