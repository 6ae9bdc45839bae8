package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"parley/backend/core"
	"parley/backend/store"
)

// history handles "history list", "show", "search", "rename", "pin",
// "unpin" and "rm".
func history(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError("history needs list, show or search")
	}
	fs := flag.NewFlagSet("history "+args[0], flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	profile := fs.String("profile", "", "only this profile's conversations")
	limit := fs.Int("limit", 50, "at most this many results")
	rest, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	c, err := core.Open(ctx, config(ctx))
	if err != nil {
		return err
	}
	defer c.Close()
	switch args[0] {
	case "list", "ls":
		return historyList(ctx, c, *profile, *asJSON, stdout)
	case "show":
		if len(rest) != 1 {
			return usageError("history show takes one conversation id (see parley-cli history list)")
		}
		return historyShow(ctx, c, rest[0], *asJSON, stdout)
	case "search":
		q := strings.Join(rest, " ")
		if strings.TrimSpace(q) == "" {
			return usageError("history search needs what to look for")
		}
		return historySearch(ctx, c, q, *limit, *asJSON, stdout)
	case "rename":
		if len(rest) < 2 {
			return usageError("history rename takes a conversation id and the new title")
		}
		if err := c.RenameConversation(ctx, rest[0], strings.Join(rest[1:], " ")); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "renamed %s\n", rest[0])
		return nil
	case "pin", "unpin":
		if len(rest) != 1 {
			return usageError("history " + args[0] + " takes one conversation id")
		}
		if err := c.PinConversation(ctx, rest[0], args[0] == "pin"); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%sned %s\n", args[0], rest[0])
		return nil
	case "rm":
		if len(rest) != 1 {
			return usageError("history rm takes one conversation id")
		}
		if _, err := c.Conversation(ctx, rest[0]); err != nil {
			return err
		}
		if err := c.DeleteConversation(ctx, rest[0]); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "removed %s\n", rest[0])
		return nil
	}
	return usageError(fmt.Sprintf("unknown history command %q (list, show, search, rename, pin, unpin, rm)", args[0]))
}

func historyList(ctx context.Context, c *core.Core, profileID string, asJSON bool, stdout io.Writer) error {
	if profileID != "" {
		if _, err := c.Profile(ctx, profileID); err != nil {
			return err
		}
	}
	list, err := c.ConversationSummaries(ctx, profileID)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(stdout, list)
	}
	for _, cv := range list {
		pin := " "
		if cv.Pinned {
			pin = "*"
		}
		fmt.Fprintf(stdout, "%s %s\t%s\t%d messages\t%s\n", pin, cv.ID, when(cv.UpdatedAt), cv.Messages, titleOr(cv.Title))
	}
	return nil
}

// shownConversation is "history show --json": the conversation with its
// messages.
type shownConversation struct {
	store.Conversation
	Messages []core.MessageView `json:"messages"`
}

func historyShow(ctx context.Context, c *core.Core, id string, asJSON bool, stdout io.Writer) error {
	conv, err := c.Conversation(ctx, id)
	if err != nil {
		return err
	}
	msgs, err := c.Messages(ctx, id)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(stdout, shownConversation{conv, msgs})
	}
	fmt.Fprintf(stdout, "# %s\n", titleOr(conv.Title))
	for _, m := range msgs {
		fmt.Fprintf(stdout, "\n[%s] %s", m.Role, when(m.CreatedAt))
		if m.Status != store.StatusDone {
			fmt.Fprintf(stdout, " (%s)", m.Status)
		}
		fmt.Fprintf(stdout, "  %s\n%s\n", m.ID, m.Content)
	}
	return nil
}

func historySearch(ctx context.Context, c *core.Core, q string, limit int, asJSON bool, stdout io.Writer) error {
	hits, err := c.Search(ctx, q, limit)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(stdout, hits)
	}
	for _, h := range hits {
		snippet := strings.NewReplacer(store.MarkStart, "[", store.MarkEnd, "]").Replace(h.Snippet)
		fmt.Fprintf(stdout, "%s %s\t%s\n    %s\n", h.ConversationID, h.MessageID, titleOr(h.Title), snippet)
	}
	if len(hits) == 0 {
		fmt.Fprintln(stdout, "no messages found")
	}
	return nil
}

func when(ms int64) string { return time.UnixMilli(ms).Format("2006-01-02 15:04") }

func titleOr(t string) string {
	if strings.TrimSpace(t) == "" {
		return "(untitled)"
	}
	return t
}
