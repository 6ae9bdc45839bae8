// Package chat runs conversation turns: it stores the user's message, asks
// the profile's provider, streams the answer to the UI in coalesced deltas,
// persists it as it grows, and ends every turn with exactly one terminal
// event. It knows providers only through [llm.Provider].
package chat

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/store"
)

// Event names the UI listens for.
const (
	EventDelta = "chat:delta"
	EventDone  = "chat:done"
	EventError = "chat:error"
	// EventRetry announces a retry of a request that failed before any
	// answer arrived; EventIdle says the stream has been silent a while
	// (see [Options.AskOnStall]).
	EventRetry = "chat:retry"
	EventIdle  = "chat:idle"
)

// Emitter delivers events to the UI. app.go implements it with Wails'
// runtime.EventsEmit; tests record what was emitted.
//
// The contract, as the [Service] keeps it:
//   - Ordering: a turn calls Emit from one goroutine, so the events of one
//     message come in order: [EventDelta] with Seq 1, 2, 3, ..., then
//     exactly one terminal event, [EventDone] or [EventError], whose LastSeq
//     names the last delta. Nothing follows the terminal event, and every
//     turn has one, whether it ends done, stopped, failed or by Shutdown.
//     [EventRetry] and [EventIdle] may come before it, between deltas (a
//     notice the queue has no room for is dropped: they are advisory).
//     Events of different turns may interleave and Emit may be called from
//     several goroutines at once, so it must be safe for concurrent use.
//   - Blocking: Emit is called synchronously and the turn waits for it; no
//     event is dropped, so a slow Emit slows the stream (deltas are
//     coalesced, at most one per frame). Emit must not block indefinitely.
//   - Delivery past Emit is the implementation's: Wails may reorder events
//     on their way to the page, which is why deltas carry Seq.
type Emitter interface {
	Emit(name string, payload any)
}

// Keys reads provider keys; [keychain.Keychain] implements it.
type Keys interface {
	Get(profileID string) (string, error)
}

// ProviderFactory builds the adapter for a profile with its key (which may
// be empty for servers that need none).
type ProviderFactory func(p store.Profile, key string) (llm.Provider, error)

// DefaultFrame is the coalescing window. It is much shorter than a display
// frame (16 ms) so that a fast stream's pieces wait little (1 ms at the
// median, half the window): the UI gets at most 500 delta events a second
// and renders what they brought once per animation frame.
const DefaultFrame = 2 * time.Millisecond

// Options tune a [Service]; zero values take the defaults.
type Options struct {
	// Frame is the coalescing window: at most one delta event per frame,
	// the first piece after a quiet frame sent at once.
	Frame time.Duration
	// PersistEvery bounds how often growing text is written to the database.
	PersistEvery time.Duration
	// ContextWindow is the context size, in tokens, of a model; 0 when
	// unknown ([DefaultContextWindow] is assumed). Nil knows no model.
	ContextWindow func(model string) int
	// Timeouts, where set, override every profile's waits (the CLI's
	// flags); a wait set nowhere is [llm.DefaultTimeouts]'.
	Timeouts llm.Timeouts
	// Retry is the policy for failures before any answer arrived; the zero
	// value retries nothing.
	Retry llm.Retry
	// AskOnStall makes a stalled stream (no byte for its first-byte or
	// idle wait) emit [EventIdle] and wait once more, and again each time
	// [Service.KeepWaiting] is called for it; without it, or unanswered,
	// the stall ends the turn with its timeout. The window asks; the CLI
	// does not.
	AskOnStall bool
	// NeedsKey reports whether a profile must have a key before sending.
	NeedsKey func(store.Profile) bool
	// TakesNoKey reports whether a profile's server takes no key at all, so
	// the keychain is not asked (a local Ollama works without one); nil
	// asks the keychain for every profile.
	TakesNoKey func(store.Profile) bool
	// Endpoint names the URL a profile's requests go to, for problems
	// raised by the turn itself (an idle stream, an empty answer).
	Endpoint func(store.Profile) string
	// FinalWriteTimeout bounds the write of a turn's final state, which
	// runs detached from the turn's (possibly cancelled) context.
	FinalWriteTimeout time.Duration
	// Logger receives what cannot be shown to the user, such as a final
	// write that failed; nil is slog.Default().
	Logger *slog.Logger
	// AskTitle reports whether the user wants the model to title each
	// conversation after its first answer, and the UI language (a BCP 47
	// tag) to ask in; nil never asks, and the automatic title stays.
	AskTitle func(context.Context) (lang string, on bool)
}

func (o *Options) defaults() {
	if o.Frame == 0 {
		o.Frame = DefaultFrame
	}
	if o.PersistEvery == 0 {
		o.PersistEvery = 400 * time.Millisecond
	}
	if o.NeedsKey == nil {
		o.NeedsKey = func(store.Profile) bool { return false }
	}
	if o.FinalWriteTimeout == 0 {
		o.FinalWriteTimeout = 10 * time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Endpoint == nil {
		o.Endpoint = func(p store.Profile) string { return p.BaseURL }
	}
}

// Service runs turns. It is safe for concurrent use.
type Service struct {
	store       *store.Store
	keys        Keys
	newProvider ProviderFactory
	emit        Emitter
	opts        Options

	mu      sync.Mutex
	running map[string]*turn
	wg      sync.WaitGroup

	// recall keeps the branch each conversation's last turn sent, for the
	// next one (recall.go).
	recall recall

	// quit is cancelled, with ErrShutdown, by Quit: the work a turn leaves
	// running in the background (a model-written title) ends with it
	// instead of holding the window's exit.
	quit context.Context
	stop context.CancelCauseFunc
}

// ErrShutdown is the cause a turn is cancelled with when Parley quits: the
// turn records its answer as interrupted, not stopped, since nobody pressed
// Stop.
var ErrShutdown = errors.New("parley is shutting down")

// New returns a service over its dependencies.
func New(st *store.Store, keys Keys, newProvider ProviderFactory, emit Emitter, opts Options) *Service {
	opts.defaults()
	quit, stop := context.WithCancelCause(context.Background())
	return &Service{store: st, keys: keys, newProvider: newProvider, emit: emit, opts: opts,
		running: map[string]*turn{}, quit: quit, stop: stop}
}

// SendResult names the two messages a turn creates.
type SendResult struct {
	User      store.Message `json:"user"`
	Assistant store.Message `json:"assistant"`
}

// Send stores text as the user's next message in a conversation, creates the
// assistant's (empty, streaming) answer and starts the turn. It returns at
// once; the answer arrives as events.
func (s *Service) Send(ctx context.Context, conversationID, text string) (SendResult, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return SendResult{}, problem.Explain(problem.KindInvalidInput, "invalid_input.message_empty", nil)
	}
	conv, err := s.store.Conversation(ctx, conversationID)
	if err != nil {
		return SendResult{}, err
	}
	profile, err := s.store.Profile(ctx, conv.ProfileID)
	if err != nil {
		return SendResult{}, err
	}
	key := s.readKey(profile)
	head, err := s.store.Head(ctx, conversationID)
	if err != nil {
		return SendResult{}, err
	}
	user := store.Message{ID: store.NewID("m_"), ConversationID: conversationID, Role: string(llm.RoleUser), Content: text,
		Status: store.StatusDone, Root: head == "", ParentID: head}
	plan, err := s.request(ctx, profile, conversationID, head, false, user)
	if err != nil {
		return SendResult{}, err
	}
	profile = plan.profile
	title := ""
	if conv.Title == "" {
		title = store.TitleFrom(text)
	}
	// Both rows in one transaction, on disk before the request leaves.
	user, asst, err := s.store.AddExchange(ctx, user,
		store.Message{ConversationID: conversationID, Role: string(llm.RoleAssistant), Status: store.StatusStreaming,
			Model: profile.Model, ParentID: user.ID},
		title)
	if err != nil {
		return SendResult{}, err
	}
	if err := s.store.SetHead(ctx, asst.ConversationID, asst.ID); err != nil {
		return SendResult{}, err
	}
	s.run(ctx, &turn{svc: s, profile: profile, key: key, msg: asst, req: plan.req, branch: plan.branch})
	return SendResult{User: user, Assistant: asst}, nil
}

// Retry answers a conversation's last user message again, in a new assistant
// message: for an answer that failed, broke off or was stopped. The earlier
// answer stays, and is not sent as history.
func (s *Service) Retry(ctx context.Context, conversationID string) (store.Message, error) {
	profile, err := s.profileOf(ctx, conversationID)
	if err != nil {
		return store.Message{}, err
	}
	userID, err := s.lastUser(ctx, conversationID)
	if err != nil {
		return store.Message{}, err
	}
	if userID == "" {
		return store.Message{}, problem.Explain(problem.KindInvalidInput, "invalid_input.nothing_to_retry", nil)
	}
	return s.start(ctx, profile, conversationID, userID)
}

// lastUser is the id of the newest message of the user's on the branch a
// conversation shows; "" when there is none.
func (s *Service) lastUser(ctx context.Context, conversationID string) (string, error) {
	head, err := s.store.Head(ctx, conversationID)
	if err != nil {
		return "", err
	}
	for m, err := range s.store.History(ctx, conversationID, head) {
		if err != nil {
			return "", err
		}
		if m.Role == string(llm.RoleUser) {
			return m.ID, nil
		}
	}
	return "", nil
}

// start creates the streaming assistant message answering the branch that
// ends at endID and runs its turn in the background.
func (s *Service) start(ctx context.Context, profile store.Profile, conversationID, endID string) (store.Message, error) {
	key := s.readKey(profile)
	plan, err := s.request(ctx, profile, conversationID, endID, false)
	if err != nil {
		return store.Message{}, err
	}
	profile = plan.profile
	asst, err := s.store.AddMessage(ctx, store.Message{ConversationID: conversationID, Role: string(llm.RoleAssistant),
		Status: store.StatusStreaming, Model: profile.Model, ParentID: endID})
	if err != nil {
		return asst, err
	}
	if err := s.store.SetHead(ctx, asst.ConversationID, asst.ID); err != nil {
		return asst, err
	}
	s.run(ctx, &turn{svc: s, profile: profile, key: key, msg: asst, req: plan.req, branch: plan.branch})
	return asst, nil
}

// run registers t as live and runs it in the background.
func (s *Service) run(ctx context.Context, t *turn) {
	runCtx, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	t.cancel = cancel
	s.mu.Lock()
	s.running[t.msg.ID] = t
	s.mu.Unlock()
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		defer s.forget(t.msg.ID)
		t.run(runCtx)
	}()
}

// Regenerate answers the message an answer replied to again, in a new
// answer beside it: the earlier one stays as an alternative, and the new one
// is what later turns build on.
func (s *Service) Regenerate(ctx context.Context, answerID string) (store.Message, error) {
	m, err := s.store.Message(ctx, answerID)
	if err != nil {
		return m, err
	}
	if m.Role != string(llm.RoleAssistant) || m.ParentID == "" {
		return store.Message{}, problem.Explain(problem.KindInvalidInput, "invalid_input.not_an_answer", nil)
	}
	return s.answerAfter(ctx, m.ConversationID, m.ParentID)
}

// Edit sends text in place of a message of the user's: a new branch from
// the same point, answered at once. The old branch is kept and reachable.
func (s *Service) Edit(ctx context.Context, messageID, text string) (SendResult, error) {
	text = strings.TrimSpace(text)
	m, err := s.store.Message(ctx, messageID)
	if err != nil {
		return SendResult{}, err
	}
	if m.Role != string(llm.RoleUser) {
		return SendResult{}, problem.Explain(problem.KindInvalidInput, "invalid_input.not_yours", nil)
	}
	if text == "" {
		return SendResult{}, problem.Explain(problem.KindInvalidInput, "invalid_input.message_empty", nil)
	}
	user, err := s.store.AddMessage(ctx, store.Message{ConversationID: m.ConversationID, Role: string(llm.RoleUser), Content: text,
		Status: store.StatusDone, ParentID: m.ParentID, Root: m.ParentID == ""})
	if err != nil {
		return SendResult{}, err
	}
	asst, err := s.answerAfter(ctx, m.ConversationID, user.ID)
	if err != nil {
		return SendResult{}, err
	}
	return SendResult{User: user, Assistant: asst}, nil
}

// profileOf is the profile a conversation belongs to.
func (s *Service) profileOf(ctx context.Context, conversationID string) (store.Profile, error) {
	conv, err := s.store.Conversation(ctx, conversationID)
	if err != nil {
		return store.Profile{}, err
	}
	return s.store.Profile(ctx, conv.ProfileID)
}

// answerAfter starts a new answer to the branch ending at messageID.
func (s *Service) answerAfter(ctx context.Context, conversationID, messageID string) (store.Message, error) {
	profile, err := s.profileOf(ctx, conversationID)
	if err != nil {
		return store.Message{}, err
	}
	return s.start(ctx, profile, conversationID, messageID)
}

// FinishLength is the neutral finish reason of an answer the token limit
// (max tokens) cut short; every adapter names its provider's so.
const FinishLength = "length"

// CutShort reports whether an answer ended before the model had finished:
// stopped, interrupted, broken off, or cut by the token limit.
func CutShort(m store.Message) bool {
	switch m.Status {
	case store.StatusInterrupted, store.StatusStopped, store.StatusError:
		return true
	}
	return m.Status == store.StatusDone && m.Finish == FinishLength
}

// continuePrompt asks the model to go on from a partial answer.
const continuePrompt = "Your previous answer was cut off. Continue exactly where it stopped, without repeating anything already written."

// Continue asks the model to go on from where an interrupted or stopped
// answer ended, or one that broke off with some text. The new text is appended to the same message, which streams
// again from its current text (its delta seq restarts at 1).
func (s *Service) Continue(ctx context.Context, messageID string) (store.Message, error) {
	m, err := s.store.Message(ctx, messageID)
	if err != nil {
		return m, err
	}
	if m.Role != string(llm.RoleAssistant) || m.Content == "" || !CutShort(m) {
		return m, problem.Explain(problem.KindInvalidInput, "invalid_input.cannot_continue", nil)
	}
	conv, err := s.store.Conversation(ctx, m.ConversationID)
	if err != nil {
		return m, err
	}
	profile, err := s.store.Profile(ctx, conv.ProfileID)
	if err != nil {
		return m, err
	}
	key := s.readKey(profile)
	plan, err := s.request(ctx, profile, m.ConversationID, m.ID, false)
	if err != nil {
		return m, err
	}
	profile, req := plan.profile, plan.req
	req.Messages = append(req.Messages, llm.Message{Role: llm.RoleUser, Content: continuePrompt})
	m.Status, m.Problem = store.StatusStreaming, ""
	if err := s.store.FinishMessage(ctx, m); err != nil {
		return m, err
	}
	// No branch: the answer's text is rewritten, which the history
	// version counts, so nothing read here is kept for later.
	t := &turn{svc: s, profile: profile, key: key, msg: m, req: req}
	t.content.WriteString(m.Content)
	t.reasoning.WriteString(m.Reasoning)
	t.shownText.WriteString(m.Content)
	t.shownReas.WriteString(m.Reasoning)
	s.run(ctx, t)
	return m, nil
}

// Stream is an answer streaming in this process, as far as its delta
// events have told it: Content and Reasoning hold the text of every delta up
// to LastSeq, so a view that starts from them and applies the deltas after
// LastSeq shows the whole answer.
type Stream struct {
	MessageID string `json:"messageId"`
	Content   string `json:"content"`
	Reasoning string `json:"reasoning"`
	LastSeq   int    `json:"lastSeq"`
}

// Streams lists the answers streaming in a conversation in this process,
// by message id.
func (s *Service) Streams(conversationID string) map[string]Stream {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]Stream{}
	for id, t := range s.running {
		if t.msg.ConversationID == conversationID {
			out[id] = t.snapshot()
		}
	}
	return out
}

// Cancel stops the turn answering into messageID: the upstream connection is
// closed and the text so far is kept. It reports whether a turn was running.
func (s *Service) Cancel(messageID string) bool {
	s.mu.Lock()
	t, ok := s.running[messageID]
	s.mu.Unlock()
	if ok {
		t.cancel(nil)
	}
	return ok
}

// Shutdown stops every running turn with [ErrShutdown] and waits until each
// has saved its text, marked interrupted, and until a title being asked of
// a model has come (at most [TitleTimeout]).
func (s *Service) Shutdown() {
	s.mu.Lock()
	for _, t := range s.running {
		t.cancel(ErrShutdown)
	}
	s.mu.Unlock()
	s.wg.Wait()
}

// Quit is [Service.Shutdown] for a window that closes: a title still being
// asked for is abandoned too, so quitting never waits on a slow provider.
func (s *Service) Quit() {
	s.stop(ErrShutdown)
	s.Shutdown()
}

// Wait blocks until no turn is running and no title is being asked.
func (s *Service) Wait() { s.wg.Wait() }

func (s *Service) forget(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.running[id]; ok {
		t.cancel(nil)
		delete(s.running, id)
	}
}

// KeepWaiting answers [EventIdle] for a running answer: its stream may stay
// silent for one more wait. It reports whether the answer is running.
func (s *Service) KeepWaiting(messageID string) bool {
	s.mu.Lock()
	t, ok := s.running[messageID]
	s.mu.Unlock()
	if ok {
		t.keep.Store(true)
	}
	return ok
}
