package chat

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode"

	"parley/backend/llm"
	"parley/backend/store"
)

// EventDataChanged tells the window that the data changed behind its back:
// another window wrote to the database, or a conversation got the title
// its model gave it. The window reads what it shows again.
const EventDataChanged = "data:changed"

// TitleTimeout bounds the whole request for a model-written title, so a
// provider that hangs cannot keep it pending for long; closing the
// window abandons it at once (see [Service.Quit]).
const TitleTimeout = 20 * time.Second

// maxTitleRunes caps a model-written title; a model that ignores the
// prompt's limit is cut, not obeyed.
const maxTitleRunes = 40

// excerptRunes is how much of the first question and answer the title
// request carries: enough to name them, little to pay for.
const excerptRunes = 1500

// titlePrompts ask for a title in the window's language.
var titlePrompts = map[string]string{
	"en": "Give the conversation below a short title of at most 6 words, in the language of the conversation. " +
		"Reply with the title alone: no quotes, no punctuation, no explanation.",
	"zh": "请为下面的对话起一个简短的标题，不超过 12 个汉字，使用对话所用的语言。只回复标题本身，不加引号、标点或任何解释。",
}

// titlePrompt is the instruction for UI language lang (a BCP 47 tag).
func titlePrompt(lang string) string {
	if strings.HasPrefix(strings.ToLower(lang), "zh") {
		return titlePrompts["zh"]
	}
	return titlePrompts["en"]
}

// titleAfter asks the model for a title once the first answer of a
// conversation, m, is done, when the user turned that on. It runs in the
// background so the answer waits for nothing; [Service.Wait] and
// [Service.Shutdown] wait for it.
func (t *turn) titleAfter(m store.Message) {
	ask := t.svc.opts.AskTitle
	if ask == nil || m.Status != store.StatusDone || m.ParentID == "" {
		return
	}
	t.svc.wg.Add(1)
	go func() {
		defer t.svc.wg.Done()
		ctx, cancel := context.WithTimeout(t.svc.quit, TitleTimeout)
		defer cancel()
		lang, on := ask(ctx)
		if !on {
			return
		}
		err := t.retitle(ctx, m, lang)
		if errors.Is(context.Cause(ctx), ErrShutdown) {
			t.svc.opts.Logger.Info("title abandoned: Parley is quitting", "conversation", m.ConversationID)
			return
		}
		if err != nil {
			// The automatic title stays; nothing the user must act on.
			t.svc.opts.Logger.Info("no title from the model", "conversation", m.ConversationID, "err", err)
		}
	}()
}

// errNoTitle is a reply with no words in it.
var errNoTitle = errors.New("the model's reply holds no title")

// retitle renames the conversation of the first answer m with the model's
// title, if its title is still the automatic one of the question m answers.
func (t *turn) retitle(ctx context.Context, m store.Message, lang string) error {
	question, err := t.svc.store.Message(ctx, m.ParentID)
	if err != nil || question.ParentID != "" {
		return err // not the first answer (an edit or a later turn): nothing to do
	}
	auto := store.TitleFrom(question.Content)
	if conv, err := t.svc.store.Conversation(ctx, m.ConversationID); err != nil || conv.Title != auto {
		return err // the user named it
	}
	reply, err := t.askTitle(ctx, question.Content, m.Content, lang)
	if err != nil {
		return err
	}
	title := CleanTitle(reply)
	if title == "" {
		return errNoTitle
	}
	changed, err := t.svc.store.RetitleConversation(ctx, m.ConversationID, auto, title)
	if changed {
		t.svc.emit.Emit(EventDataChanged, store.Changes{})
	}
	return err
}

// askTitle sends the title request through the profile's provider, with
// the key, proxy and waits of the turn (no retries, no stall questions),
// and returns the first line of the reply. The request and its reply are
// not stored: they are not part of the conversation, and their tokens are
// not in its totals.
func (t *turn) askTitle(ctx context.Context, question, answer, lang string) (string, error) {
	prov, err := t.provider()
	if err != nil {
		return "", err
	}
	n := llm.Network{Timeouts: t.svc.opts.Timeouts.Or(ProfileTimeouts(t.profile)).Or(llm.DefaultTimeouts)}
	ctx, cancel := context.WithCancel(llm.WithNetwork(ctx, n))
	defer cancel()
	req := llm.Request{Model: t.profile.Model, System: titlePrompt(lang), Messages: []llm.Message{{Role: llm.RoleUser,
		Content: "User: " + cut(question, excerptRunes) + "\n\nAssistant: " + cut(answer, excerptRunes)}}}
	var reply strings.Builder
	for c, err := range prov.Stream(ctx, req) {
		if err != nil {
			return "", err
		}
		reply.WriteString(c.Text)
		if s := strings.TrimSpace(reply.String()); strings.Contains(s, "\n") || len(s) > 4*maxTitleRunes {
			break // the first line is all a title takes
		}
	}
	return reply.String(), nil
}

// cut is s shortened to at most n runes.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// CleanTitle makes a model's reply a title: its first line with words,
// without markdown, a "Title:" label, quotes or end punctuation, at most
// 40 runes. "" means the reply holds no title.
func CleanTitle(reply string) string {
	s := store.TitleFrom(reply)
	s = strings.TrimSuffix(s, "…")
	for _, label := range []string{"title:", "title：", "标题：", "标题:"} {
		if len(s) >= len(label) && strings.EqualFold(s[:len(label)], label) {
			s = s[len(label):]
		}
	}
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) })
	if r := []rune(s); len(r) > maxTitleRunes {
		s = strings.TrimSpace(string(r[:maxTitleRunes]))
	}
	return s
}
