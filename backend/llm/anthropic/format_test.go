package anthropic

import (
	"testing"

	"parley/backend/llm"
)

var deltaCorpus = []string{
	// Repeated keys: the last value wins, null keeps it, a second delta
	// adds to the first (as json.Unmarshal reads them).
	`{"type":"content_block_delta","delta":{"type":"text_delta","text":"a"},"delta":{"text":"b"}}`,
	`{"type":"content_block_delta","delta":{"type":"thinking_delta","thinking":"a"},"delta":{"type":"text_delta"}}`,
	`{"type":"content_block_delta","type":null,"delta":{"type":"text_delta","text":"a","text":null}}`,
	`{"type":"ping","type":"content_block_delta","delta":{"type":"text_delta","text":"a"}}`,
	`{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello, 世界 👋 \u00e9\n"}}`,
	`{"type":"content_block_delta","index":1,"delta":{"type":"thinking_delta","thinking":"hmm"}}`,
	`{"type":"content_block_delta","index":1,"delta":{"type":"signature_delta","signature":"EqQB"}}`,
	`{"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\"q\":"}}`,
	`{"type":"content_block_delta","delta":{"type":"text_delta","text":"a","thinking":"b","stop_reason":null}}`,
	`{"TYPE":"content_block_delta","Delta":{"Type":"text_delta","Text":"case"}}`,
	"{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"bad \xff\"}}",
	`{"type":"content_block_delta","delta":{"type":"text_delta","text":5}}`,
	`{"type":"content_block_delta","delta":null}`,
	`{"type":"content_block_delta","delta":{"type":"text_delta","text":"x"},"usage":{"output_tokens":3}}`,
	`{"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}} trailing`,
	`{"type":"content_block_delta","delta":{"type":"text_delta","text":"cut`,
	`{"type":"ping"}`,
	`{"type": "ping"}`,
	`{"type":"ping","delta":{"type":"text_delta","text":"not shown"}}`,
	`{"type":"ping","usage":{"output_tokens":"x"}}`,
	`{"type":"content_block_stop","index":0}`,
	`{"type":"content_block_stop","index":0`,
}

// The fast path reads a content_block_delta as the general one does, and
// leaves every other event to it.
func TestFastDeltaReadsAsTheGeneralPath(t *testing.T) {
	for _, doc := range deltaCorpus {
		ev := llm.Event{Type: "content_block_delta", Data: []byte(doc)}
		fast, ok := fastDelta(ev.Data)
		want, _, err := (&decoder{}).general(ev)
		if ok && (err != nil || fast.Text != want.Text || fast.Reasoning != want.Reasoning || fast.Finish != want.Finish || fast.Usage != nil) {
			t.Errorf("%q: fast path read %+v, general path %+v (err %v)", doc, fast, want, err)
		}
	}
	if _, ok := fastDelta([]byte(deltaCorpus[0])); !ok {
		t.Error("the fast path does not take a plain text delta")
	}
}

func FuzzFastDelta(f *testing.F) {
	for _, doc := range deltaCorpus {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fast, ok := fastDelta(data)
		want, _, err := (&decoder{}).general(llm.Event{Type: "content_block_delta", Data: data})
		if ok && (err != nil || fast.Text != want.Text || fast.Reasoning != want.Reasoning || want.Usage != nil || want.Finish != "") {
			t.Errorf("%q: fast path read %+v, general path %+v (err %v)", data, fast, want, err)
		}
	})
}
