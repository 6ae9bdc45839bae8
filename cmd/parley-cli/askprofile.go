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
	ended chan any // the Done or Failed payload, once

	mu  sync.Mutex
	out answerPrinter
}

func (p *turnPrinter) Emit(name string, payload any) {
	switch ev := payload.(type) {
	case chat.Delta:
		p.mu.Lock()
		p.out.print(ev.Reasoning, ev.Text)
		p.mu.Unlock()
	case chat.Retrying:
		p.mu.Lock()
		printRetry(p.out.stderr, ev.Attempt, ev.Max, time.Duration(ev.InMillis)*time.Millisecond, ev.Problem.Title)
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
	out := &turnPrinter{out: answerPrinter{stdout: stdout, stderr: stderr}, ended: make(chan any, 1)}
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
	out.out.end()
	out.mu.Unlock()
	switch ev := end.(type) {
	case chat.Failed:
		return ev.Problem
	case chat.Done:
		noteFinish(stderr, ev.Finish, sent.Assistant.ID)
	}
	return nil
}

// answerPrinter writes an answer as it arrives: text to stdout, reasoning
// to stderr, with a line break on stderr where the reasoning gives way to
// the answer, so the two never run together in a terminal.
type answerPrinter struct {
	stdout, stderr  io.Writer
	wrote, reasoned bool
}

func (a *answerPrinter) print(reasoning, text string) {
	if reasoning != "" {
		fmt.Fprint(a.stderr, reasoning)
		a.reasoned = true
	}
	if text != "" {
		if a.reasoned && !a.wrote {
			fmt.Fprintln(a.stderr)
		}
		fmt.Fprint(a.stdout, text)
		a.wrote = true
	}
}

// end closes the answer's line, and the reasoning's when no answer came.
func (a *answerPrinter) end() {
	if a.wrote {
		fmt.Fprintln(a.stdout)
	} else if a.reasoned {
		fmt.Fprintln(a.stderr)
	}
}

// noteFinish says on stderr when the token limit cut the answer short;
// messageID, when known, is the stored answer that can be continued.
func noteFinish(stderr io.Writer, finish, messageID string) {
	if finish != chat.FinishLength {
		return
	}
	fmt.Fprintln(stderr, "note: the answer reached the token limit (max tokens) and stopped there; it is not finished.")
	if messageID != "" {
		fmt.Fprintln(stderr, "  Continue it in the window, or ask again with a higher max output tokens in the conversation's parameters.")
	}
}

var _ chat.Emitter = (*turnPrinter)(nil)
