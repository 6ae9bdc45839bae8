package llm_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// jsonEvent is a minimal format: {"t": text, "end": true} per event,
// {"error": message} for an error.
func jsonEvent(ev llm.Event) (llm.Chunk, llm.State, error) {
	var w struct {
		T     string `json:"t"`
		End   bool   `json:"end"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal(ev.Data, &w); err != nil {
		return llm.Chunk{}, llm.Going, err
	}
	if w.Error != "" {
		return llm.Chunk{}, llm.Going, llm.NewProviderError(llm.Words{Message: w.Error})
	}
	if w.End {
		return llm.Chunk{Text: w.T, Finish: "stop"}, llm.Finished, nil
	}
	return llm.Chunk{Text: w.T}, llm.Going, nil
}

func run(t *testing.T, framing llm.Framing, contentType, body string) (string, error) {
	t.Helper()
	rp := llmtest.NewReplay(http.StatusOK, contentType, []byte(body))
	if len(body) > 1<<20 {
		rp = llmtest.NewReplayWhole(http.StatusOK, contentType, []byte(body))
	}
	t.Cleanup(rp.Close)
	var text strings.Builder
	var err error
	call := llm.Call{Target: llm.Target{URL: rp.URL + "/chat", Key: "sk-secret-0123456789"}, Body: map[string]any{}, Framing: framing, Event: jsonEvent}
	for c, e := range llm.Stream(t.Context(), rp.Client(), call) {
		if e != nil {
			err = e
			continue
		}
		text.WriteString(c.Text)
	}
	return text.String(), err
}

// TestTrailingBytes covers what real servers do at the end of a body, in
// both framings: a last event with no blank line (or newline) after it, an
// error object written after the events outside the framing, a cut.
func TestTrailingBytes(t *testing.T) {
	tests := []struct {
		name, body string
		framing    llm.Framing
		text       string
		provider   string // the ProviderError's message
		incomplete bool
	}{
		{"sse last event without blank line", "data: {\"t\":\"a\"}\n\ndata: {\"t\":\"b\",\"end\":true}", llm.FramingSSE, "ab", "", false},
		{"sse last event with one newline", "data: {\"t\":\"a\"}\n\ndata: {\"t\":\"b\",\"end\":true}\n", llm.FramingSSE, "ab", "", false},
		{"sse error object after the events", "data: {\"t\":\"a\"}\n\n{\"error\":\"quota gone\"}\n", llm.FramingSSE, "a", "quota gone", false},
		{"sse error object after a finish", "data: {\"t\":\"a\",\"end\":true}\n\n{\"error\":\"late failure\"}", llm.FramingSSE, "a", "late failure", false},
		{"sse cut inside the last event", "data: {\"t\":\"a\"}\n\ndata: {\"t\":\"b", llm.FramingSSE, "a", "", true},
		{"sse ends without a terminal event", "data: {\"t\":\"a\"}\n\n", llm.FramingSSE, "a", "", true},
		{"ndjson last line without newline", "{\"t\":\"a\"}\n{\"t\":\"b\",\"end\":true}", llm.FramingNDJSON, "ab", "", false},
		{"ndjson error line after the lines", "{\"t\":\"a\"}\n{\"error\":\"quota gone\"}\n", llm.FramingNDJSON, "a", "quota gone", false},
		{"ndjson cut inside the last line", "{\"t\":\"a\"}\n{\"t\":\"b", llm.FramingNDJSON, "a", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ct := "text/event-stream"
			if tt.framing == llm.FramingNDJSON {
				ct = "application/x-ndjson"
			}
			text, err := run(t, tt.framing, ct, tt.body)
			if text != tt.text {
				t.Errorf("text = %q, want %q", text, tt.text)
			}
			var pe *llm.ProviderError
			switch {
			case tt.provider != "":
				if !errors.As(err, &pe) || pe.Message != tt.provider {
					t.Errorf("err = %v, want the provider's %q", err, tt.provider)
				}
			case tt.incomplete:
				if !errors.Is(err, llm.ErrStreamIncomplete) {
					t.Errorf("err = %v, want an incomplete stream", err)
				}
			case err != nil:
				t.Errorf("unexpected error: %v", err)
			}
		})
	}
}

// TestEventOfMaxSize streams one event whose data is exactly MaxEventSize:
// the `data: ` framing must not count against the limit.
func TestEventOfMaxSize(t *testing.T) {
	prefix, suffix := `{"t":"`, `","end":true}`
	text := strings.Repeat("x", llm.MaxEventSize-len(prefix)-len(suffix))
	got, err := run(t, llm.FramingSSE, "text/event-stream", "data: "+prefix+text+suffix+"\n\n")
	if err != nil || got != text {
		t.Fatalf("err = %v, got %d bytes, want %d", err, len(got), len(text))
	}
}

// TestKeyScrubbedFromErrors: a server that quotes the key, whole or in
// part, finds it masked in every error text.
func TestKeyScrubbedFromErrors(t *testing.T) {
	key := "sk-secret-0123456789"
	_, err := run(t, llm.FramingSSE, "text/event-stream", `data: {"error":"bad key sk-secret-0123456789 (also secret-01234)"}`+"\n\n")
	if err == nil || strings.Contains(err.Error(), key) || strings.Contains(err.Error(), "secret-01234") {
		t.Fatalf("err = %v, want the key masked", err)
	}
	if got := llm.Scrub("x "+key+" y", key); got != "x sk-s…6789 y" || llm.Scrub(got, key) != got {
		t.Errorf("Scrub = %q, want it masked once and stable", got)
	}
}
