package llm_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// FuzzFraming fuzzes the driver's framing (SSE and NDJSON) under a decoder
// that takes any event: whatever the bytes, the stream keeps the
// [llm.Provider] contract, no event handed to the decoder is larger than
// [llm.MaxEventSize], and a failure is a typed error. make fuzz runs it.
func FuzzFraming(f *testing.F) {
	for _, seed := range []string{
		"data: {\"t\":\"a\"}\n\ndata: {\"t\":\"b\",\"end\":true}\n\n",
		"event: ping\ndata: {}\n\r\ndata: [DONE]\n\n",
		"data: {\"t\":\"x\"}\n\n{\"error\":{\"message\":\"quota\"}}\n",
		": comment\nid: 1\nretry: 10\ndata: a\ndata: b\n\n",
		"{\"t\":\"a\"}\n{\"t\":\"b\",\"end\":true}",
		"{\"t\":\"a\"}\r\n{\"error\":\"model not found\"}\n",
	} {
		f.Add(false, []byte(seed))
		f.Add(true, []byte(seed))
	}
	f.Fuzz(func(t *testing.T, ndjson bool, body []byte) {
		framing, ct := llm.FramingSSE, "text/event-stream"
		if ndjson {
			framing, ct = llm.FramingNDJSON, "application/x-ndjson"
		}
		client := &http.Client{Transport: llmtest.Body{Status: http.StatusOK, ContentType: ct, Bytes: body}}
		event := func(ev llm.Event) (llm.Chunk, llm.State, error) {
			if len(ev.Data) > llm.MaxEventSize {
				t.Errorf("an event of %d bytes reached the decoder", len(ev.Data))
			}
			if string(ev.Data) == "[DONE]" {
				return llm.Chunk{}, llm.Ended, nil
			}
			return jsonEvent(ev)
		}
		call := llm.Call{Target: llm.Target{URL: "http://fuzz.invalid/chat", Key: llmtest.FuzzKey}, Body: map[string]any{}, Framing: framing, Event: event}
		got := llmtest.Collect(t, llm.Stream(context.Background(), client, call))
		var (
			se *llm.StreamError
			pe *llm.ProviderError
		)
		if got.Err != nil && !errors.As(got.Err, &se) && !errors.As(got.Err, &pe) {
			t.Errorf("error %v (%T), want a StreamError or a ProviderError", got.Err, got.Err)
		}
	})
}
