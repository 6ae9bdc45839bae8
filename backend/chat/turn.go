package chat

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"parley/backend/keychain"
	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/store"
)

// Delta is the payload of [EventDelta]: text to append to a message. Seq
// counts from 1 per message so the UI can tell a gap or a repeat.
type Delta struct {
	MessageID      string `json:"messageId"`
	ConversationID string `json:"conversationId"`
	Seq            int    `json:"seq"`
	Text           string `json:"text"`
	Reasoning      string `json:"reasoning"`
}

// Done is the payload of [EventDone]; Status is "done", "stopped" (the user
// pressed Stop) or "interrupted" (Parley quit mid-answer).
type Done struct {
	MessageID      string       `json:"messageId"`
	ConversationID string       `json:"conversationId"`
	Status         store.Status `json:"status"`
	Finish         string       `json:"finish"`
	Usage          *llm.Usage   `json:"usage"`
	// ReasoningMillis is how long the model reasoned, 0 when it did not.
	ReasoningMillis int64 `json:"reasoningMs"`
	// LastSeq is the seq of the last delta sent for the message, so a UI
	// that receives events out of order knows which ones it still awaits.
	LastSeq int `json:"lastSeq"`
}

// Failed is the payload of [EventError].
type Failed struct {
	MessageID      string           `json:"messageId"`
	ConversationID string           `json:"conversationId"`
	Problem        *problem.Problem `json:"problem"`
	// LastSeq is as in [Done].
	LastSeq int `json:"lastSeq"`
}

type result struct {
	chunk llm.Chunk
	err   error
}

// turn is one answer being streamed into msg.
type turn struct {
	svc     *Service
	profile store.Profile
	// keyHint is the masked key sent, for problems that question the key.
	keyHint string
	// keychainErr is why the keychain could not be read for a profile that
	// may go without a key, kept in case the server then asks for one.
	keychainErr error
	// key is the read of the profile's key, started with the turn's store
	// work so that the keychain's round trips overlap it; nil reads it when
	// the provider is opened.
	key *keyRead
	msg store.Message
	req llm.Request
	// branch is what the request read of the conversation, kept with the
	// answer for the next turn once the answer is saved; nil keeps nothing.
	branch *branch
	// cancel ends the turn; its cause tells Stop from a shutdown.
	cancel context.CancelCauseFunc

	// mu guards what the deltas have shown so far, which another goroutine
	// reads to let a view pick the stream up ([Service.Streams]).
	mu                   sync.Mutex
	shownText, shownReas strings.Builder

	content, reasoning strings.Builder
	// pendText and pendReas hold what arrived since the last delta event.
	pendText, pendReas []byte
	seq                int
	dirty              bool
	usage              *llm.Usage
	finish             string
	// flushed is when the last delta event went out.
	flushed time.Time
	// thinkStart and thinkEnd bound the reasoning: its first piece and the
	// first piece of answer after it.
	thinkStart, thinkEnd time.Time

	// notes carries retry and stall notices from the stream to the pump,
	// which emits them (network.go); keep is set by KeepWaiting.
	notes chan note
	keep  atomic.Bool
}

func (t *turn) run(ctx context.Context) {
	prov, err := t.provider()
	if err != nil {
		t.fail(ctx, err)
		return
	}
	streamCtx, stop := context.WithCancel(ctx)
	defer stop()
	t.notes = make(chan note, 8)
	streamCtx = llm.WithNetwork(streamCtx, t.network())
	// Buffered, so that the stream parses on while the pump works and the
	// pump finds a burst's pieces waiting together (see pump).
	results := make(chan result, 64)
	go func() {
		defer close(results)
		for c, err := range prov.Stream(streamCtx, t.req) {
			select {
			case results <- result{c, err}:
			case <-streamCtx.Done():
				return
			}
		}
	}()
	t.finishWith(ctx, t.pump(ctx, results))
}

// pump moves chunks into the message until the stream ends, emitting at most
// one delta per frame and persisting at a bounded interval. A piece that
// comes when no delta went out in the last frame is sent at once, so a slow
// stream waits for nothing; what comes sooner waits for the frame's end and
// goes out with everything else that came meanwhile. A fast stream's next
// piece ends the frame itself, since a timer can fire a millisecond late on
// a busy machine; the timer is for a stream that falls quiet.
func (t *turn) pump(ctx context.Context, results <-chan result) error {
	o := t.svc.opts
	frame, persist := time.NewTimer(o.Frame), time.NewTicker(o.PersistEvery)
	frame.Stop()
	armed := false
	defer frame.Stop()
	defer persist.Stop()
	for {
		select {
		case r, ok := <-results:
			if err, end := t.take(r, ok, results); end {
				return cmp.Or(err, ctx.Err())
			}
			if !t.pending() {
				break
			}
			switch wait := o.Frame - time.Since(t.flushed); {
			case wait <= 0:
				if armed {
					frame.Stop() // no stale tick after Stop (Go 1.23 timers)
					armed = false
				}
				t.flush()
			case !armed:
				frame.Reset(wait)
				armed = true
			}
		case <-frame.C:
			armed = false
			t.flush()
		case <-persist.C:
			t.persist(ctx)
		case n := <-t.notes:
			t.svc.emit.Emit(n.name, n.payload)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// take adds r and every result already waiting after it, so that the
// pieces of one burst (events read from the network together) go out in
// one delta rather than the first alone and the rest a frame later. end
// reports the stream's end: closed, or failed with err.
func (t *turn) take(r result, ok bool, results <-chan result) (err error, end bool) {
	for {
		if !ok {
			return nil, true
		}
		if r.err != nil {
			return r.err, true
		}
		t.add(r.chunk)
		select {
		case r, ok = <-results:
		default:
			return nil, false
		}
	}
}

func (t *turn) provider() (llm.Provider, error) {
	if f := t.svc.opts.TakesNoKey; f != nil && f(t.profile) {
		return t.svc.newProvider(t.profile, "") // the keychain is not asked
	}
	if t.key == nil {
		t.key = t.svc.readKey(t.profile)
	}
	key, err := t.key.wait()
	var p *problem.Problem
	switch {
	case err == nil, t.svc.opts.NeedsKey(t.profile):
	case errors.As(err, &p) && p.Kind == problem.KindNoKey:
		key, err = "", nil // a local server may need no key; a 401 will say so
	case errors.As(err, &p) && p.Kind == problem.KindKeychain:
		// The server may want no key; should it want one, the 401 is
		// explained by the keychain being out of reach.
		t.svc.opts.Logger.Warn("keychain unavailable; sending without a key", "profile", t.profile.ID, "err", err)
		t.keychainErr, key, err = err, "", nil
	}
	if err != nil {
		return nil, err
	}
	if key != "" {
		t.keyHint = keychain.Hint(key)
	}
	return t.svc.newProvider(t.profile, key)
}

// keyRead is a read of a profile's key from the keychain, in the
// background: on Linux it is several D-Bus round trips to the Secret
// Service, as long as the rest of a turn's start together.
type keyRead struct {
	done chan struct{}
	key  string
	err  error
}

// readKey starts reading the key of p, unless its server takes none (then
// the keychain is not asked).
func (s *Service) readKey(p store.Profile) *keyRead {
	r := &keyRead{done: make(chan struct{})}
	if f := s.opts.TakesNoKey; f != nil && f(p) {
		close(r.done)
		return r
	}
	go func() {
		defer close(r.done)
		r.key, r.err = s.keys.Get(p.ID)
	}()
	return r
}

// wait returns the key read, waiting for the keychain if need be.
func (r *keyRead) wait() (string, error) {
	<-r.done
	return r.key, r.err
}

func (t *turn) add(c llm.Chunk) {
	now := time.Now()
	if c.Reasoning != "" && t.thinkStart.IsZero() {
		t.thinkStart = now
	}
	if c.Text != "" && !t.thinkStart.IsZero() && t.thinkEnd.IsZero() {
		t.thinkEnd = now
	}
	t.content.WriteString(c.Text)
	t.reasoning.WriteString(c.Reasoning)
	t.pendText = append(t.pendText, c.Text...)
	t.pendReas = append(t.pendReas, c.Reasoning...)
	t.dirty = t.dirty || c.Text != "" || c.Reasoning != ""
	if c.Usage != nil {
		t.usage = c.Usage
	}
	if c.Finish != "" {
		t.finish = c.Finish
	}
}

func (t *turn) pending() bool { return len(t.pendText) > 0 || len(t.pendReas) > 0 }

// flush emits one delta of all the pending text: however fast the stream,
// the UI gets everything that came in the frame.
func (t *turn) flush() {
	if !t.pending() {
		return
	}
	t.flushed = time.Now()
	text, reas := string(t.pendText), string(t.pendReas)
	t.pendText, t.pendReas = t.pendText[:0], t.pendReas[:0]
	t.mu.Lock()
	t.seq++
	t.shownText.WriteString(text)
	t.shownReas.WriteString(reas)
	t.mu.Unlock()
	t.svc.emit.Emit(EventDelta, Delta{MessageID: t.msg.ID, ConversationID: t.msg.ConversationID, Seq: t.seq, Text: text, Reasoning: reas})
}

// snapshot is the text every delta so far has carried, with the last seq.
func (t *turn) snapshot() Stream {
	t.mu.Lock()
	defer t.mu.Unlock()
	return Stream{MessageID: t.msg.ID, Content: t.shownText.String(), Reasoning: t.shownReas.String(), LastSeq: t.seq}
}

func (t *turn) persist(ctx context.Context) {
	if !t.dirty {
		return
	}
	err := t.svc.store.SaveProgress(context.WithoutCancel(ctx), t.msg.ID, t.content.String(), t.reasoning.String())
	if err != nil {
		t.svc.opts.Logger.Warn("save a growing answer", "message", t.msg.ID, "err", err)
		return
	}
	t.dirty = false
}

// finishWith stores the final state and emits the one terminal event.
func (t *turn) finishWith(ctx context.Context, err error) {
	t.flush()
	switch {
	case errors.Is(context.Cause(ctx), ErrShutdown):
		t.end(ctx, store.StatusInterrupted, "interrupted")
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		t.end(ctx, store.StatusStopped, "stopped")
	case err != nil:
		t.fail(ctx, err)
	case t.content.Len() == 0 && t.reasoning.Len() == 0:
		t.fail(ctx, t.emptyProblem())
	default:
		t.end(ctx, store.StatusDone, t.finish)
	}
}

func (t *turn) end(ctx context.Context, status store.Status, finish string) {
	m := t.final(status)
	t.save(ctx, m)
	t.titleAfter(m)
	t.svc.forget(m.ID) // a turn that has ended can no longer be cancelled
	t.svc.emit.Emit(EventDone, Done{MessageID: m.ID, ConversationID: m.ConversationID, Status: status, Finish: finish,
		Usage: t.usage, ReasoningMillis: m.ReasoningMillis, LastSeq: t.seq})
}

func (t *turn) fail(ctx context.Context, err error) {
	p := problem.From(err)
	t.svc.opts.Logger.Info("answer failed", "message", t.msg.ID, "kind", p.Kind, "err", err)
	if p.Kind == problem.KindAuth && t.keyHint == "" && t.keychainErr != nil {
		p = problem.From(t.keychainErr) // the key could not be read, so none was sent
	}
	if p.Kind == problem.KindAuth || p.Kind == problem.KindForbidden {
		p.KeyHint = t.keyHint
	}
	m := t.final(store.StatusError)
	if b, jerr := json.Marshal(p); jerr == nil {
		m.Problem = string(b)
	}
	t.save(ctx, m)
	t.svc.forget(m.ID)
	t.svc.emit.Emit(EventError, Failed{MessageID: m.ID, ConversationID: m.ConversationID, Problem: p, LastSeq: t.seq})
}

// save writes a turn's final state. It runs detached from ctx, which Stop
// has cancelled, but bounded, so a locked database cannot hold the turn (and
// its one terminal event) forever. A failure is logged: the UI still gets
// the terminal event, and the message is marked interrupted on next start.
func (t *turn) save(ctx context.Context, m store.Message) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), t.svc.opts.FinalWriteTimeout)
	defer cancel()
	if err := t.svc.store.FinishMessage(ctx, m); err != nil {
		t.svc.opts.Logger.Error("save the end of a turn", "message", m.ID, "status", m.Status, "err", err)
		return
	}
	t.svc.remember(ctx, t.branch, m)
}

func (t *turn) final(status store.Status) store.Message {
	m := t.msg
	m.Content, m.Reasoning, m.Status, m.Finish = t.content.String(), t.reasoning.String(), status, t.finish
	if t.usage != nil {
		m.InputTokens, m.OutputTokens = t.usage.InputTokens, t.usage.OutputTokens
	}
	if !t.thinkStart.IsZero() {
		end := t.thinkEnd
		if end.IsZero() {
			end = time.Now()
		}
		m.ReasoningMillis = end.Sub(t.thinkStart).Milliseconds()
	}
	return m
}

func (t *turn) emptyProblem() *problem.Problem {
	p := problem.Explain(problem.KindEmpty, "empty", nil)
	if t.finish != "" {
		p = problem.Explain(problem.KindEmpty, "empty.finish", map[string]string{"finish": t.finish})
		p.ProviderCode = t.finish
	}
	p.Endpoint = t.endpoint()
	return p
}

func (t *turn) endpoint() string { return llm.Redact(t.svc.opts.Endpoint(t.profile)) }
