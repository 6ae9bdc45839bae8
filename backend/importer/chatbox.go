package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"parley/backend/store"
)

// Chatbox's data backup is its whole key-value store as one JSON object
// (settings "Export data"): "chat-sessions-list" lists the sessions, each
// stored under "session:<id>" with its messages' "contentParts"; files from
// before that split keep every session in one "chat-sessions" array, with
// messages' text in "content". Keys are in settings.providers.<id>.apiKey
// (older files: settings.openaiKey, claudeApiKey, …).
type chatboxSession struct {
	ID       string           `json:"id"`
	Name     string           `json:"name"`
	Type     string           `json:"type"`
	Starred  bool             `json:"starred"`
	Messages []chatboxMessage `json:"messages"`
	// MessageForksHash holds the other answers of regenerated messages.
	MessageForksHash map[string]json.RawMessage `json:"messageForksHash"`
	Threads          []struct {
		ID        string           `json:"id"`
		Name      string           `json:"name"`
		Messages  []chatboxMessage `json:"messages"`
		CreatedAt int64            `json:"createdAt"`
	} `json:"threads"`
}

type chatboxMessage struct {
	ID           string        `json:"id"`
	Role         string        `json:"role"`
	Content      *string       `json:"content"`
	ContentParts []chatboxPart `json:"contentParts"`
	Reasoning    string        `json:"reasoningContent"`
	Model        string        `json:"model"`
	Timestamp    int64         `json:"timestamp"`
	Error        string        `json:"error"`
	Usage        struct {
		InputTokens  int `json:"inputTokens"`
		OutputTokens int `json:"outputTokens"`
	} `json:"usage"`
}

type chatboxPart struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

func parseChatbox(data []byte, r *Result) error {
	var root map[string]json.RawMessage
	if err := json.Unmarshal(data, &root); err != nil {
		return fmt.Errorf("the file is not a JSON object: %w", err)
	}
	sessions, err := chatboxSessions(root)
	if err != nil {
		return err
	}
	used := models{}
	for _, s := range sessions {
		if s.Type == "picture" {
			r.skips.add("image-generation sessions (they hold pictures, not a chat)", s.Name)
			continue
		}
		r.Conversations = append(r.Conversations, chatboxConversations(s, r.skips, used)...)
	}
	r.Model = used.top()
	r.Keys = chatboxKeys(root["settings"])
	for _, k := range r.Keys {
		if k.Service == "openai" {
			r.BaseURL = openAIBase(k.BaseURL)
		}
	}
	return nil
}

// chatboxSessions reads the sessions in the order of chat-sessions-list,
// then any session: entries it does not name, then the older chat-sessions
// array's sessions not seen yet.
func chatboxSessions(root map[string]json.RawMessage) ([]chatboxSession, error) {
	var list []struct {
		ID string `json:"id"`
	}
	_, hasList := root["chat-sessions-list"]
	_, hasOld := root["chat-sessions"]
	if !hasList && !hasOld {
		return nil, errors.New(`the file has neither "chat-sessions-list" nor "chat-sessions"; was Chat History ticked when it was exported?`)
	}
	_ = json.Unmarshal(root["chat-sessions-list"], &list)
	keys := make([]string, 0)
	seen := map[string]bool{}
	for _, m := range list {
		keys = append(keys, "session:"+m.ID)
		seen["session:"+m.ID] = true
	}
	var rest []string
	for k := range root {
		if strings.HasPrefix(k, "session:") && !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	var out []chatboxSession
	ids := map[string]bool{}
	for _, k := range append(keys, rest...) {
		raw, ok := root[k]
		if !ok {
			continue
		}
		var s chatboxSession
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		out, ids[s.ID] = append(out, s), true
	}
	var old []chatboxSession
	if hasOld {
		if err := json.Unmarshal(root["chat-sessions"], &old); err != nil {
			return nil, fmt.Errorf("chat-sessions: %w", err)
		}
	}
	for _, s := range old {
		if !ids[s.ID] {
			out = append(out, s)
		}
	}
	return out, nil
}

// chatboxConversations makes the session's current messages one
// conversation and each of its earlier threads another.
func chatboxConversations(s chatboxSession, sk skips, used models) []store.ImportedConversation {
	var out []store.ImportedConversation
	for _, t := range s.Threads {
		title := strings.TrimSpace(s.Name + " — " + t.Name)
		if c, ok := chatboxConversation("chatbox:"+s.ID+":"+t.ID, title, t.Messages, t.CreatedAt, sk, used); ok {
			out = append(out, c)
		}
	}
	for range s.MessageForksHash {
		sk.add("other answers of regenerated messages (only the answer shown is imported)", s.Name)
	}
	if c, ok := chatboxConversation("chatbox:"+s.ID, s.Name, s.Messages, 0, sk, used); ok {
		c.Pinned = s.Starred
		out = append(out, c)
	}
	return out
}

func chatboxConversation(source, title string, msgs []chatboxMessage, created int64, sk skips, used models) (store.ImportedConversation, bool) {
	if title == "Untitled" || title == "新对话" {
		title = ""
	}
	c := store.ImportedConversation{Source: source, Title: title, CreatedAt: created}
	for _, m := range msgs {
		role, ok := chatRole(m.Role)
		if !ok {
			sk.add("system prompts and tool messages (Parley keeps the system prompt on the profile)", title)
			continue
		}
		text, reasoning := chatboxText(m, sk)
		if strings.TrimSpace(text) == "" && m.Error == "" {
			sk.add("empty messages", title)
			continue
		}
		msg := store.Message{Role: role, Content: text, Reasoning: reasoning, Status: store.StatusDone,
			CreatedAt: m.Timestamp, InputTokens: m.Usage.InputTokens, OutputTokens: m.Usage.OutputTokens}
		if m.Error != "" {
			msg.Status = store.StatusError
			if msg.Content == "" {
				msg.Content = m.Error
			}
		}
		if role == "assistant" && m.Model != "" {
			msg.Model = m.Model
			used[m.Model]++
		}
		c.Messages = append(c.Messages, msg)
	}
	if len(c.Messages) == 0 {
		sk.add("conversations with no messages", title)
		return c, false
	}
	monotonic(c.Messages)
	return finish(c), true
}

// chatboxText is a message's text and reasoning, from contentParts or, in
// older files, content. Images, files and tool calls are left out.
func chatboxText(m chatboxMessage, sk skips) (text, reasoning string) {
	var texts, thoughts []string
	for _, p := range m.ContentParts {
		switch p.Type {
		case "text":
			texts = append(texts, p.Text)
		case "reasoning":
			thoughts = append(thoughts, p.Text)
		case "image":
			sk.add("images (Chatbox stores them outside the backup; a placeholder marks each)", "")
			texts = append(texts, "*[image not imported: Chatbox keeps it outside its backup]*")
		case "tool-call":
			sk.add("tool calls (web search and the like)", "")
		}
	}
	text = strings.Join(texts, "\n\n")
	if strings.TrimSpace(text) == "" && m.Content != nil {
		text = *m.Content
	}
	reasoning = strings.Join(thoughts, "\n\n")
	if reasoning == "" {
		reasoning = m.Reasoning
	}
	return text, reasoning
}

// chatboxKeys finds the keys in settings: providers.<id>.apiKey with its
// apiHost, and the older flat fields.
func chatboxKeys(raw json.RawMessage) []Key {
	var settings struct {
		Providers map[string]struct {
			APIKey  string `json:"apiKey"`
			APIHost string `json:"apiHost"`
		} `json:"providers"`
		OpenAIKey     string `json:"openaiKey"`
		APIHost       string `json:"apiHost"`
		ClaudeAPIKey  string `json:"claudeApiKey"`
		ClaudeAPIHost string `json:"claudeApiHost"`
	}
	if json.Unmarshal(raw, &settings) != nil {
		return nil
	}
	var keys []Key
	ids := make([]string, 0, len(settings.Providers))
	for id := range settings.Providers {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		p := settings.Providers[id]
		if strings.TrimSpace(p.APIKey) != "" {
			keys = append(keys, Key{Service: id, BaseURL: serviceURL(id, p.APIHost), Secret: strings.TrimSpace(p.APIKey)})
		}
	}
	if len(keys) == 0 {
		if settings.OpenAIKey != "" {
			keys = append(keys, Key{Service: "openai", BaseURL: serviceURL("openai", settings.APIHost), Secret: settings.OpenAIKey})
		}
		if settings.ClaudeAPIKey != "" {
			keys = append(keys, Key{Service: "claude", BaseURL: serviceURL("claude", settings.ClaudeAPIHost), Secret: settings.ClaudeAPIKey})
		}
	}
	return keys
}
