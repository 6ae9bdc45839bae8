// Package export writes what Parley holds out of it: one conversation as
// Markdown or JSON, and a backup of everything (profiles, conversations,
// messages, settings; never keys) that [Restore] reads back.
package export

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"parley/backend/store"
)

// Conversation is a conversation with its messages, as exported.
type Conversation struct {
	Format       string             `json:"format"`
	Version      int                `json:"version"`
	Conversation store.Conversation `json:"conversation"`
	Messages     []store.Message    `json:"messages"`
}

// ConversationFormat names the JSON export of one conversation.
const ConversationFormat = "parley-conversation"

// JSON writes a conversation and its messages as indented JSON.
func JSON(w io.Writer, c store.Conversation, msgs []store.Message) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(Conversation{Format: ConversationFormat, Version: 1, Conversation: c, Messages: msgs})
}

// Markdown writes a conversation as a Markdown document: its title, then
// each message under a heading naming who spoke, reasoning as a quote, and a
// note for answers that did not finish.
func Markdown(w io.Writer, c store.Conversation, msgs []store.Message) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", titleOr(c.Title))
	fmt.Fprintf(&b, "_Exported from Parley on %s._\n", time.Now().UTC().Format("2006-01-02"))
	for _, m := range msgs {
		fmt.Fprintf(&b, "\n## %s", speaker(m))
		if m.CreatedAt > 0 {
			fmt.Fprintf(&b, " · %s", time.UnixMilli(m.CreatedAt).UTC().Format("2006-01-02 15:04 UTC"))
		}
		b.WriteString("\n\n")
		if r := strings.TrimSpace(m.Reasoning); r != "" {
			b.WriteString("> **Reasoning**\n>\n> " + strings.ReplaceAll(r, "\n", "\n> ") + "\n\n")
		}
		b.WriteString(strings.TrimRight(m.Content, "\n") + "\n")
		if note := statusNote(m.Status); note != "" {
			b.WriteString("\n_" + note + "_\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func titleOr(t string) string {
	if strings.TrimSpace(t) == "" {
		return "Untitled conversation"
	}
	return t
}

func speaker(m store.Message) string {
	switch m.Role {
	case "user":
		return "You"
	case "assistant":
		if m.Model != "" {
			return "Assistant (" + m.Model + ")"
		}
		return "Assistant"
	}
	return strings.ToUpper(m.Role[:min(1, len(m.Role))]) + m.Role[min(1, len(m.Role)):]
}

func statusNote(status store.Status) string {
	switch status {
	case store.StatusStopped:
		return "Stopped before the end."
	case store.StatusInterrupted:
		return "Interrupted: Parley ended while this answer arrived."
	case store.StatusError:
		return "This answer failed."
	case store.StatusStreaming:
		return "Still arriving when exported."
	}
	return ""
}
