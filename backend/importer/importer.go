// Package importer reads other chat clients' exports — NextChat's "export
// all data" backup, Chatbox's data backup, ChatGPT's conversations.json —
// into conversations Parley can store. It only reads text: nothing a file
// contains is run or fetched, and images that live elsewhere become
// placeholders. Keys found in a file are handed back separately and never
// stored with the conversations.
package importer

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"parley/backend/problem"
	"parley/backend/store"
)

// Format is another app's export that [Parse] reads, named as on the
// command line.
type Format string

// The formats this package reads.
const (
	NextChat Format = "nextchat"
	Chatbox  Format = "chatbox"
	ChatGPT  Format = "chatgpt"
)

// Formats lists every [Format] [Parse] reads; main.go binds it with Wails'
// EnumBind.
var Formats = []Format{NextChat, Chatbox, ChatGPT}

// TSName is the format's member name in the generated TypeScript enum.
func (f Format) TSName() string { return strings.ToUpper(string(f)) }

// FormatNames is [Formats] as a person types them: "nextchat, chatbox, chatgpt".
func FormatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// Result is what a file holds, ready to store.
type Result struct {
	Format        Format                       `json:"format"`
	Conversations []store.ImportedConversation `json:"-"`
	// Skipped says what was left out and why, one entry per reason.
	Skipped []Skip `json:"skipped"`
	// Keys found in the file. They are never stored with the conversations;
	// the caller offers to move each into the keychain.
	Keys []Key `json:"-"`
	// Model is the model the file's conversations used most, and BaseURL
	// where they were sent when the file says so: a profile for them.
	Model   string `json:"model"`
	BaseURL string `json:"baseUrl"`

	skips skips
}

// Skip is one reason something was left out, how often, and an example.
type Skip struct {
	Why     string `json:"why"`
	Count   int    `json:"count"`
	Example string `json:"example,omitempty"`
}

// Key is a provider key found in an imported file.
type Key struct {
	// Service is the provider the file stored it for ("openai", "claude").
	Service string `json:"service"`
	// BaseURL is where the key is sent, from the file or the service's
	// well-known address; empty when neither is known.
	BaseURL string `json:"baseUrl"`
	// Secret is the key itself. It is never serialised.
	Secret string `json:"-"`
}

// String names the key without showing it.
func (k Key) String() string { return k.Service + " key for " + k.BaseURL }

// Parse reads data in format.
func Parse(format Format, data []byte) (Result, error) {
	var (
		r   = Result{skips: skips{}}
		err error
	)
	switch format {
	case NextChat:
		err = parseNextChat(data, &r)
	case Chatbox:
		err = parseChatbox(data, &r)
	case ChatGPT:
		if data, err = fromArchive(data, "conversations.json"); err == nil {
			err = parseChatGPT(data, &r)
		}
	default:
		return r, problem.New(problem.KindInvalidInput, "Parley cannot import this format",
			fmt.Sprintf("%q is not a format Parley reads.", format), "Use one of: "+FormatNames()+".")
	}
	if err != nil {
		return r, unreadable(format, err)
	}
	r.Format = format
	r.Skipped = r.skips.list()
	return r, nil
}

func unreadable(format Format, err error) error {
	names := map[Format]string{NextChat: "a NextChat backup", Chatbox: "a Chatbox backup", ChatGPT: "a ChatGPT conversations.json"}
	how := map[Format]string{
		NextChat: "In NextChat open Settings → Data → Export (\"export all data\") and import the JSON file it saves.",
		Chatbox:  "In Chatbox open Settings → Advanced → Export data, keep Chat History ticked, and import the JSON file it saves.",
		ChatGPT:  "In ChatGPT use Settings → Data controls → Export data, and import the archive it mails you (or the conversations.json inside it).",
	}
	return problem.Wrap(err, problem.KindInvalidInput, "This file is not "+names[format],
		err.Error(), how[format])
}

// skips collects skip reasons while parsing.
type skips map[string]*Skip

func (s skips) add(why, example string) {
	if sk, ok := s[why]; ok {
		sk.Count++
		return
	}
	s[why] = &Skip{Why: why, Count: 1, Example: clip(example, 60)}
}

func (s skips) list() []Skip {
	out := []Skip{}
	for _, sk := range s {
		out = append(out, *sk)
	}
	sort.Slice(out, func(i, j int) bool {
		return out[i].Count > out[j].Count || out[i].Count == out[j].Count && out[i].Why < out[j].Why
	})
	return out
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// models counts the models of imported messages, to name the most used.
type models map[string]int

func (m models) top() string {
	best, n := "", 0
	for name, c := range m {
		if c > n || c == n && name < best {
			best, n = name, c
		}
	}
	return best
}

// finish titles a conversation with no title from its first message.
func finish(c store.ImportedConversation) store.ImportedConversation {
	if strings.TrimSpace(c.Title) == "" && len(c.Messages) > 0 {
		c.Title = store.TitleFrom(c.Messages[0].Content)
	}
	if c.UpdatedAt == 0 && len(c.Messages) > 0 {
		c.UpdatedAt = c.Messages[len(c.Messages)-1].CreatedAt
	}
	if c.CreatedAt == 0 && len(c.Messages) > 0 {
		c.CreatedAt = c.Messages[0].CreatedAt
	}
	return c
}

// role maps a foreign role to Parley's: user and assistant are kept.
func chatRole(r string) (string, bool) {
	switch r {
	case "user", "human":
		return "user", true
	case "assistant", "bot", "model":
		return "assistant", true
	}
	return "", false
}

// rawString decodes a JSON string, or returns "" for anything else.
func rawString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}
