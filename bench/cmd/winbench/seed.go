package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"parley/backend/core"
	"parley/backend/store"
)

// seed makes a data folder with one provider and, when n > 0, a
// conversation of n messages of about 500 bytes that Parley opens on start.
func seed(dir string, n int) error {
	ctx := context.Background()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	s, err := store.Open(ctx, filepath.Join(dir, "parley.db"))
	if err != nil {
		return err
	}
	defer s.Close()
	p, err := s.SaveProfile(ctx, store.Profile{Name: "Local", Kind: "ollama", BaseURL: "http://127.0.0.1:9", Model: "llama3"})
	if err != nil {
		return err
	}
	place := core.Place{ProfileID: p.ID}
	if n > 0 {
		msgs := make([]store.Message, n)
		for i := range msgs {
			msgs[i] = store.Message{Role: []string{"user", "assistant"}[i%2], Status: store.StatusDone, Content: message(i)}
		}
		if _, err := s.Import(ctx, p.ID, []store.ImportedConversation{{Title: "A long conversation", Messages: msgs}}); err != nil {
			return err
		}
		convs, err := s.Conversations(ctx, p.ID)
		if err != nil || len(convs) == 0 {
			return fmt.Errorf("the seeded conversation is not listed: %v", err)
		}
		place.ConversationID = convs[0].ID
	}
	return core.SettingLastPlace.Set(ctx, s, place)
}

// message is the i-th message: questions, and answers with a list, some
// inline code, now and then a short code block.
func message(i int) string {
	if i%2 == 0 {
		return fmt.Sprintf("Question %d: how should I structure the retry loop for a flaky HTTP endpoint so that it backs off, "+
			"gives up after a while and tells the user what happened? I would like to keep it short and testable.", i)
	}
	text := fmt.Sprintf("Answer %d. Keep the loop small:\n\n- try the request, and return on success;\n"+
		"- on a **retryable** failure (`429`, `503`, a reset connection) wait, doubling the delay each time;\n"+
		"- stop after a *deadline* and report the last error with the endpoint.\n\n", i)
	if i%10 == 1 {
		text += "```go\nfor attempt := 0; ; attempt++ {\n\tres, err := do(ctx)\n\tif err == nil || !retryable(err) {\n\t\treturn res, err\n\t}\n\ttime.Sleep(backoff(attempt))\n}\n```\n"
	} else {
		text += "Test it with a fake server that fails twice, then answers: the loop should make three requests and return the answer."
	}
	return text
}
