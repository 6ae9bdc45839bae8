package importer

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"parley/backend/store"
)

// NextChat's "export all data" file is its persisted stores keyed by name
// (app/utils/sync.ts getLocalAppState): the chats are under
// "chat-next-web-store", the keys and endpoints under "access-control".
type nextChatFile struct {
	Chat   json.RawMessage `json:"chat-next-web-store"`
	Access json.RawMessage `json:"access-control"`
}

// persisted is how a store looks when it was copied from the browser's
// localStorage instead of exported: wrapped in {"state": …, "version": …}.
type persisted struct {
	State json.RawMessage `json:"state"`
}

// unwrap returns a store's state, exported or as persisted.
func unwrap(raw json.RawMessage) json.RawMessage {
	var p persisted
	if json.Unmarshal(raw, &p) == nil && len(p.State) > 0 && p.State[0] == '{' {
		return p.State
	}
	return raw
}

type nextChatStore struct {
	Sessions []nextChatSession `json:"sessions"`
}

type nextChatSession struct {
	// ID is a string; early versions used a number.
	ID       json.RawMessage   `json:"id"`
	Topic    string            `json:"topic"`
	Messages []nextChatMessage `json:"messages"`
	// LastUpdate is Unix milliseconds; old versions wrote a locale date.
	LastUpdate json.RawMessage `json:"lastUpdate"`
	Mask       struct {
		// Context is the mask's preset prompts, sent before the chat.
		Context     []nextChatMessage `json:"context"`
		ModelConfig struct {
			Model string `json:"model"`
		} `json:"modelConfig"`
	} `json:"mask"`
}

type nextChatMessage struct {
	Role    string          `json:"role"`
	Content json.RawMessage `json:"content"`
	Date    string          `json:"date"`
	Model   string          `json:"model"`
	IsError bool            `json:"isError"`
}

// nextChatPart is one part of multimodal content (text or an image URL).
type nextChatPart struct {
	Type     string `json:"type"`
	Text     string `json:"text"`
	ImageURL struct {
		URL string `json:"url"`
	} `json:"image_url"`
}

// nextChatNewTopic is the title NextChat gives a chat it has not named yet,
// in its default locales; Parley titles those from their first message.
var nextChatNewTopic = []string{"New Conversation", "新的聊天", "新的對話", "新しいチャット", "새 대화", ""}

func parseNextChat(data []byte, r *Result) error {
	var f nextChatFile
	if err := json.Unmarshal(data, &f); err != nil {
		return fmt.Errorf("the file is not JSON: %w", err)
	}
	if len(f.Chat) == 0 {
		return errors.New(`the file has no "chat-next-web-store" section`)
	}
	var chats nextChatStore
	if err := json.Unmarshal(unwrap(f.Chat), &chats); err != nil {
		return fmt.Errorf("chat-next-web-store: %w", err)
	}
	var access map[string]json.RawMessage
	_ = json.Unmarshal(unwrap(f.Access), &access) // no keys is fine
	used := models{}
	for _, s := range chats.Sessions {
		c, ok := nextChatConversation(s, r.skips, used)
		if ok {
			r.Conversations = append(r.Conversations, c)
		}
	}
	r.Model = used.top()
	r.Keys = nextChatKeys(access, r.skips)
	if u := rawString(access["openaiUrl"]); strings.HasPrefix(u, "http") {
		r.BaseURL = openAIBase(u)
	}
	return nil
}

func nextChatConversation(s nextChatSession, sk skips, used models) (store.ImportedConversation, bool) {
	title := s.Topic
	for _, t := range nextChatNewTopic {
		if strings.TrimSpace(title) == t {
			title = ""
		}
	}
	updated := nextChatTime(s.LastUpdate)
	c := store.ImportedConversation{Source: "nextchat:" + strings.Trim(string(s.ID), `"`), Title: title, UpdatedAt: updated}
	if len(s.Mask.Context) > 0 {
		sk.add("a mask's preset prompts (Parley keeps one system prompt on the profile)", s.Topic)
	}
	for _, m := range s.Messages {
		role, ok := chatRole(m.Role)
		if !ok {
			sk.add("system and other non-chat messages (Parley keeps the system prompt on the profile)", s.Topic)
			continue
		}
		text := nextChatText(m.Content, sk)
		if strings.TrimSpace(text) == "" {
			sk.add("empty messages", s.Topic)
			continue
		}
		at := parseLocaleDate(m.Date)
		if at == 0 {
			at = updated
		}
		msg := store.Message{Role: role, Content: text, Status: store.StatusDone, CreatedAt: at}
		if m.IsError {
			msg.Status = store.StatusError
		}
		if role == "assistant" {
			msg.Model = m.Model
			if msg.Model == "" {
				msg.Model = s.Mask.ModelConfig.Model
			}
			if msg.Model != "" {
				used[msg.Model]++
			}
		}
		c.Messages = append(c.Messages, msg)
	}
	if len(c.Messages) == 0 {
		sk.add("conversations with no messages", s.Topic)
		return c, false
	}
	monotonic(c.Messages)
	return finish(c), true
}

// nextChatTime reads a time NextChat stored as Unix milliseconds or, in
// old versions, as a locale date string.
func nextChatTime(raw json.RawMessage) int64 {
	var ms float64
	if json.Unmarshal(raw, &ms) == nil {
		return int64(ms)
	}
	return parseLocaleDate(rawString(raw))
}

// nextChatText joins a message's content, a string or a list of parts; an
// image becomes a placeholder, since NextChat keeps uploads in its own
// browser cache, which the file does not hold.
func nextChatText(raw json.RawMessage, sk skips) string {
	if s := rawString(raw); s != "" {
		return s
	}
	var parts []nextChatPart
	if json.Unmarshal(raw, &parts) != nil {
		return ""
	}
	var b []string
	for _, p := range parts {
		switch p.Type {
		case "text":
			b = append(b, p.Text)
		case "image_url":
			if strings.HasPrefix(p.ImageURL.URL, "data:") {
				sk.add("images (a placeholder marks each)", "")
				b = append(b, "*[image not imported]*")
				continue
			}
			sk.add("images that were only in NextChat's cache, not in the export (a placeholder marks each)", p.ImageURL.URL)
			b = append(b, "*[image not imported: it was only in NextChat's cache]*")
		}
	}
	return strings.Join(b, "\n\n")
}

// nextChatKeys finds every key access-control holds: fields named
// <service>ApiKey (or SecretKey) beside a <service>Url.
func nextChatKeys(access map[string]json.RawMessage, sk skips) []Key {
	var keys []Key
	names := make([]string, 0, len(access))
	for name := range access {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		secret := strings.TrimSpace(rawString(access[name]))
		if secret == "" {
			continue
		}
		service, ok := strings.CutSuffix(name, "ApiKey")
		if !ok {
			if name == "accessCode" {
				sk.add("NextChat's access code (a password for a NextChat server, not a provider key)", "")
			}
			continue
		}
		keys = append(keys, Key{Service: service, BaseURL: serviceURL(service, rawString(access[service+"Url"])), Secret: secret})
	}
	return keys
}

// openAIBase makes an OpenAI-compatible address without a path end in /v1,
// as NextChat appends v1/chat/completions itself.
func openAIBase(u string) string {
	u = strings.TrimRight(u, "/")
	if strings.Count(u, "/") <= 2 {
		return u + "/v1"
	}
	return u
}

// monotonic keeps the file's order of messages and makes their times agree
// with it: a locale date read one way or another must not reorder a chat.
func monotonic(msgs []store.Message) {
	for i := 1; i < len(msgs); i++ {
		if msgs[i].CreatedAt < msgs[i-1].CreatedAt {
			msgs[i].CreatedAt = msgs[i-1].CreatedAt
		}
	}
}
