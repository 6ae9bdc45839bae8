package llm

import (
	"context"
	"errors"
	"io"
	"net/http/httptrace"
	"sync"
	"sync/atomic"
	"time"
)

// watch keeps one request to its [Timeouts]: connect until the transport
// has a connection, first byte until the body's first byte, idle between
// reads after that. When a wait runs out (and [Network.OnStall] does not
// grant another), it cancels the request with a [*TimeoutError] as the
// cause, which is what the request and its body then report.
type watch struct {
	net    Network
	ctx    context.Context
	cancel context.CancelCauseFunc

	mu     sync.Mutex
	timer  *time.Timer
	phase  Phase
	wait   time.Duration
	silent time.Duration
	gen    int
	done   bool
	// last is when the body last delivered bytes (UnixNano); reads only
	// store it, and the idle timer measures from it when it fires.
	last atomic.Int64
	// started is set by the body's first bytes.
	started atomic.Bool
}

// newWatch starts the connect wait of a request made under the returned
// context.
func newWatch(parent context.Context, n Network) *watch {
	ctx, cancel := context.WithCancelCause(parent)
	w := &watch{net: n, cancel: cancel}
	w.ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{
		GotConn: func(httptrace.GotConnInfo) { w.arm(PhaseFirstByte, n.FirstByte) },
	})
	w.arm(PhaseConnect, n.Connect)
	return w
}

// arm starts the wait of phase; the wait of the phase before is over.
func (w *watch) arm(phase Phase, d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return
	}
	if w.timer != nil {
		w.timer.Stop()
	}
	w.gen++
	w.phase, w.wait, w.silent = phase, d, 0
	gen := w.gen
	w.timer = time.AfterFunc(d, func() { w.fire(gen) })
}

// fire ends the wait armed as gen, unless bytes arrived meanwhile or
// OnStall grants another wait.
func (w *watch) fire(gen int) {
	w.mu.Lock()
	if w.done || gen != w.gen {
		w.mu.Unlock()
		return
	}
	if w.phase == PhaseIdle {
		if since := time.Since(time.Unix(0, w.last.Load())); since < w.wait {
			w.silent = 0
			w.timer.Reset(w.wait - since)
			w.mu.Unlock()
			return
		}
	}
	w.silent += w.wait
	st := Stall{Phase: w.phase, Silent: w.silent}
	ask := w.net.OnStall
	w.mu.Unlock()
	if st.Phase != PhaseConnect && ask != nil && ask(st) {
		w.mu.Lock()
		if !w.done && gen == w.gen {
			w.timer.Reset(w.wait)
		}
		w.mu.Unlock()
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.done && gen == w.gen {
		w.cancel(&TimeoutError{Phase: st.Phase, After: st.Silent})
	}
}

// got notes that the body delivered bytes: the first starts the idle wait.
func (w *watch) got() {
	w.last.Store(time.Now().UnixNano())
	if !w.started.Swap(true) {
		w.arm(PhaseIdle, w.net.Idle)
	}
}

// stop ends the watch and releases the request's context.
func (w *watch) stop() {
	w.mu.Lock()
	w.done = true
	if w.timer != nil {
		w.timer.Stop()
	}
	w.mu.Unlock()
	w.cancel(context.Canceled)
}

// reason returns the [*TimeoutError] that ended the request in place of
// err, the cancellation it caused; err itself otherwise.
func (w *watch) reason(err error) error {
	var te *TimeoutError
	if err != nil && errors.As(context.Cause(w.ctx), &te) {
		return te
	}
	return err
}

// watchedBody is a response body read under a [watch].
type watchedBody struct {
	rc io.ReadCloser
	w  *watch
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if n > 0 {
		b.w.got()
	}
	if err != nil && !errors.Is(err, io.EOF) {
		err = b.w.reason(err)
	}
	return n, err
}

func (b *watchedBody) Close() error {
	err := b.rc.Close()
	b.w.stop()
	return err
}
