package importer

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"

	"parley/backend/store"
)

// ChatGPT's export archive holds conversations.json: an array of
// conversations, each a tree of nodes ("mapping") in which edits and
// regenerated answers are branches; "current_node" is the last message of
// the branch the user saw, and walking its parents back to the root gives
// that thread.
type chatGPTConversation struct {
	ID             string                 `json:"id"`
	ConversationID string                 `json:"conversation_id"`
	Title          string                 `json:"title"`
	CreateTime     float64                `json:"create_time"`
	UpdateTime     float64                `json:"update_time"`
	CurrentNode    string                 `json:"current_node"`
	Mapping        map[string]chatGPTNode `json:"mapping"`
}

type chatGPTNode struct {
	ID       string          `json:"id"`
	Parent   string          `json:"parent"`
	Children []string        `json:"children"`
	Message  *chatGPTMessage `json:"message"`
}

type chatGPTMessage struct {
	Author struct {
		Role string `json:"role"`
	} `json:"author"`
	CreateTime float64 `json:"create_time"`
	Content    struct {
		ContentType string            `json:"content_type"`
		Parts       []json.RawMessage `json:"parts"`
		Text        string            `json:"text"`
	} `json:"content"`
	Metadata struct {
		ModelSlug string `json:"model_slug"`
		Hidden    bool   `json:"is_visually_hidden_from_conversation"`
	} `json:"metadata"`
}

func parseChatGPT(data []byte, r *Result) error {
	var convs []chatGPTConversation
	if err := json.Unmarshal(data, &convs); err != nil {
		return fmt.Errorf("conversations.json should be an array of conversations: %w", err)
	}
	used := models{}
	for _, cv := range convs {
		c, ok := chatGPTThread(cv, r.skips, used)
		if ok {
			r.Conversations = append(r.Conversations, c)
		}
	}
	r.Model = used.top()
	r.BaseURL = serviceURLs["openai"]
	return nil
}

func chatGPTThread(cv chatGPTConversation, sk skips, used models) (store.ImportedConversation, bool) {
	id := cv.ConversationID
	if id == "" {
		id = cv.ID
	}
	c := store.ImportedConversation{Source: "chatgpt:" + id, Title: cv.Title, CreatedAt: seconds(cv.CreateTime), UpdatedAt: seconds(cv.UpdateTime)}
	path := chatGPTPath(cv)
	onPath := map[string]bool{}
	for _, n := range path {
		onPath[n.ID] = true
		if m, ok := chatGPTMessageOf(n, sk, used); ok {
			if m.CreatedAt == 0 {
				m.CreatedAt = c.CreatedAt
			}
			c.Messages = append(c.Messages, m)
		}
	}
	for id, n := range cv.Mapping {
		if !onPath[id] && n.Message != nil && (n.Message.Author.Role == "user" || n.Message.Author.Role == "assistant") {
			sk.add("messages on branches the conversation no longer showed (edits, regenerated answers)", cv.Title)
		}
	}
	if len(c.Messages) == 0 {
		sk.add("conversations with no messages", cv.Title)
		return c, false
	}
	monotonic(c.Messages)
	return finish(c), true
}

// chatGPTPath walks from current_node back to the root and returns the
// nodes root first. A file without current_node follows the last child.
func chatGPTPath(cv chatGPTConversation) []chatGPTNode {
	cur := cv.CurrentNode
	if _, ok := cv.Mapping[cur]; !ok {
		cur = chatGPTLastLeaf(cv)
	}
	var path []chatGPTNode
	for seen := map[string]bool{}; cur != "" && !seen[cur]; {
		n, ok := cv.Mapping[cur]
		if !ok {
			break
		}
		seen[cur] = true
		path = append(path, n)
		cur = n.Parent
	}
	for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
		path[i], path[j] = path[j], path[i]
	}
	return path
}

func chatGPTLastLeaf(cv chatGPTConversation) string {
	var root string
	for id, n := range cv.Mapping {
		if n.Parent == "" {
			root = id
		}
	}
	for cur := root; ; {
		n := cv.Mapping[cur]
		if len(n.Children) == 0 {
			return cur
		}
		cur = n.Children[len(n.Children)-1]
	}
}

func chatGPTMessageOf(n chatGPTNode, sk skips, used models) (store.Message, bool) {
	m := n.Message
	if m == nil {
		return store.Message{}, false
	}
	role, ok := chatRole(m.Author.Role)
	if !ok || m.Metadata.Hidden {
		if m.Author.Role == "tool" {
			sk.add("tool output (browsing, code runs, image generation)", "")
		}
		return store.Message{}, false
	}
	var texts []string
	switch m.Content.ContentType {
	case "text", "multimodal_text":
		for _, p := range m.Content.Parts {
			if s := rawString(p); s != "" {
				texts = append(texts, s)
			} else if len(p) > 0 && p[0] == '{' {
				sk.add("images and files (the export holds them as separate files; a placeholder marks each)", "")
				texts = append(texts, "*[image or file not imported]*")
			}
		}
	case "code":
		texts = append(texts, "```\n"+m.Content.Text+"\n```")
	default:
		sk.add("messages of kind "+m.Content.ContentType, "")
		return store.Message{}, false
	}
	text := strings.Join(texts, "\n\n")
	if strings.TrimSpace(text) == "" {
		return store.Message{}, false
	}
	out := store.Message{Role: role, Content: text, Status: store.StatusDone, CreatedAt: seconds(m.CreateTime)}
	if role == "assistant" && m.Metadata.ModelSlug != "" {
		out.Model = m.Metadata.ModelSlug
		used[out.Model]++
	}
	return out, true
}

func seconds(s float64) int64 { return int64(math.Round(s * 1000)) }
