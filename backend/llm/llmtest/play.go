package llmtest

import "net/http"

// streamWriter words one stream in one protocol's events. [Scenario.play]
// drives it, so pacing, cutting and failing are written once for all.
type streamWriter interface {
	reasoning(text string)
	text(text string)
	// toolCall sends a tool-call piece, which clients must tolerate.
	toolCall()
	// fail reports the scenario's StreamError as the protocol does.
	fail(message string)
	// finish ends a complete reply of n text pieces, with usage.
	finish(n int)
}

// play streams sc's reasoning, then its text pieces, through sw: waiting
// Pace before each piece, dropping the connection at CutAfter, ending with
// StreamError or a complete finish. It stops when the client goes away.
func (sc Scenario) play(r *http.Request, pieces []string, sw streamWriter) {
	for _, p := range sc.Reasoning {
		if !wait(r, sc.Pace) {
			return
		}
		sw.reasoning(p)
	}
	for i, p := range pieces {
		if sc.CutAfter > 0 && i == sc.CutAfter {
			cut()
		}
		if sc.Stall && sc.StallAfter > 0 && i == sc.StallAfter {
			<-r.Context().Done()
			return
		}
		if !wait(r, sc.Pace) {
			return
		}
		sw.text(p)
		if sc.ToolCall && i == 0 {
			sw.toolCall()
		}
	}
	if sc.StreamError != "" {
		sw.fail(sc.StreamError)
		return
	}
	sw.finish(len(pieces))
}

// begin waits the scenario's FirstByteDelay, then answers its refusal when
// it has one (errorBody words it in the protocol's own error body) or starts
// a 200 answer of contentType. It reports whether to stream.
func (sc Scenario) begin(w http.ResponseWriter, r *http.Request, contentType string, errorBody func() string) bool {
	if !wait(r, sc.FirstByteDelay) || sc.refuse(w, errorBody) {
		return false
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(http.StatusOK)
	return sc.started(w, r)
}

// started is called once a 200 answer's headers are written: a scenario
// that stalls right after them sends them and then nothing. It reports
// whether to stream.
func (sc Scenario) started(w http.ResponseWriter, r *http.Request) bool {
	if sc.Stall && sc.StallAfter == 0 {
		flush(w)
		<-r.Context().Done()
		return false
	}
	return true
}

// flush sends what w holds so far.
func flush(w http.ResponseWriter) {
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
}
