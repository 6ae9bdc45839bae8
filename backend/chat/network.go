package chat

import (
	"time"

	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/store"
)

// Retrying is the payload of [EventRetry]: the request failed before any
// answer arrived, with Problem, and is sent again (the Attempt-th time of
// at most Max) in InMillis.
type Retrying struct {
	MessageID      string           `json:"messageId"`
	ConversationID string           `json:"conversationId"`
	Attempt        int              `json:"attempt"`
	Max            int              `json:"max"`
	InMillis       int64            `json:"inMs"`
	Problem        *problem.Problem `json:"problem"`
}

// Idle is the payload of [EventIdle]: nothing has arrived for SilentMillis,
// and the stream waits one more wait; [Service.KeepWaiting] grants another
// after that, [Service.Cancel] stops. Phase is "first_byte" before the
// answer began, "idle" after.
type Idle struct {
	MessageID      string    `json:"messageId"`
	ConversationID string    `json:"conversationId"`
	SilentMillis   int64     `json:"silentMs"`
	Phase          llm.Phase `json:"phase"`
}

// note is an event for the pump to emit, so a turn's events leave from
// one goroutine.
type note struct {
	name    string
	payload any
}

// ProfileTimeouts is a profile's own waits, zero where it sets none.
func ProfileTimeouts(p store.Profile) llm.Timeouts {
	return llm.Timeouts{Connect: ms(p.ConnectTimeoutMs), FirstByte: ms(p.FirstByteTimeoutMs), Idle: ms(p.IdleTimeoutMs)}
}

func ms(n int64) time.Duration { return time.Duration(n) * time.Millisecond }

// network is how this turn's requests treat the network: the service's
// override, else the profile's waits, else the defaults; the service's
// retry policy; retries and stalls told to the UI.
func (t *turn) network() llm.Network {
	o := t.svc.opts
	n := llm.Network{Timeouts: o.Timeouts.Or(ProfileTimeouts(t.profile)).Or(llm.DefaultTimeouts), Retry: o.Retry}
	n.OnRetry = func(r llm.RetryNotice) {
		t.tell(EventRetry, Retrying{MessageID: t.msg.ID, ConversationID: t.msg.ConversationID, Attempt: r.Attempt,
			Max: r.Max, InMillis: r.In.Milliseconds(), Problem: problem.From(r.Err)})
	}
	if o.AskOnStall {
		n.OnStall = func(s llm.Stall) bool { return t.stalled(s, n.Timeouts) }
	}
	return n
}

// stalled decides whether a silent stream waits once more: the first time
// its wait runs out, yes (and the UI is told); later, only when the user
// asked to keep waiting since.
func (t *turn) stalled(s llm.Stall, limits llm.Timeouts) bool {
	first := limits.Idle
	if s.Phase == llm.PhaseFirstByte {
		first = limits.FirstByte
	}
	if s.Silent > first && !t.keep.Swap(false) {
		return false
	}
	t.tell(EventIdle, Idle{MessageID: t.msg.ID, ConversationID: t.msg.ConversationID,
		SilentMillis: s.Silent.Milliseconds(), Phase: s.Phase})
	return true
}

// tell hands an event to the pump; one that finds the queue full is
// dropped, as the stream must never wait for the UI.
func (t *turn) tell(name string, payload any) {
	select {
	case t.notes <- note{name, payload}:
	default:
	}
}
