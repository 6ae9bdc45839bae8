package main

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"parley/backend/chat"
	"parley/backend/core"
)

// turnPrinter is the CLI's chat.Emitter: it writes a turn's text to stdout
// and its reasoning to stderr as they arrive, and reports the turn's end.
type turnPrinter struct {
	stdout, stderr io.Writer
	ended          chan any // the Done or Failed payload, once

	mu    sync.Mutex
	wrote bool
}

func (p *turnPrinter) Emit(name string, payload any) {
	switch ev := payload.(type) {
	case chat.Delta:
		p.mu.Lock()
		if ev.Reasoning != "" {
			fmt.Fprint(p.stderr, ev.Reasoning)
		}
		if ev.Text != "" {
			fmt.Fprint(p.stdout, ev.Text)
			p.wrote = true
		}
		p.mu.Unlock()
	case chat.Retrying:
		p.mu.Lock()
		printRetry(p.stderr, ev.Attempt, ev.Max, time.Duration(ev.InMillis)*time.Millisecond, ev.Problem.Title)
		p.mu.Unlock()
	case chat.Done, chat.Failed:
		select {
		case p.ended <- ev:
		default:
		}
	}
}

// askProfile runs one turn of a saved profile through the chat service the
// window uses, so the prompt and the answer are stored in history and the
// answer is saved while it streams. Interrupting (Ctrl+C) stops the answer
// and keeps what arrived.
func askProfile(ctx context.Context, f askFlags, stdout, stderr io.Writer) error {
	out := &turnPrinter{stdout: stdout, stderr: stderr, ended: make(chan any, 1)}
	cfg := config(ctx)
	cfg.Emitter, cfg.Timeouts = out, f.timeouts
	c, err := core.Open(context.WithoutCancel(ctx), cfg)
	if err != nil {
		return err
	}
	defer c.Close()
	convID := f.conversation
	if convID == "" {
		conv, err := c.NewConversation(ctx, f.profile)
		if err != nil {
			return err
		}
		convID = conv.ID
	} else if conv, err := c.Conversation(ctx, convID); err != nil {
		return err
	} else if conv.ProfileID != f.profile {
		return usageError(fmt.Sprintf("conversation %s belongs to profile %s, not %s", convID, conv.ProfileID, f.profile))
	}
	fmt.Fprintf(stderr, "conversation %s\n", convID)
	sent, err := c.Send(context.WithoutCancel(ctx), convID, f.prompt)
	if err != nil {
		return err
	}
	var end any
	select {
	case end = <-out.ended:
	case <-ctx.Done():
		c.Cancel(sent.Assistant.ID)
		<-out.ended
		return ctx.Err()
	}
	out.mu.Lock()
	if out.wrote {
		fmt.Fprintln(stdout)
	}
	out.mu.Unlock()
	if failed, ok := end.(chat.Failed); ok {
		return failed.Problem
	}
	return nil
}

var _ chat.Emitter = (*turnPrinter)(nil)
