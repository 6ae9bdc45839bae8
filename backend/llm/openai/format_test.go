package openai

import (
	"encoding/json"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// wireChunk is the chunk's shape as json.Unmarshal reads it: a streamed
// chunk (delta) or a whole completion (message), plus an error object some
// servers put in a 200 answer. parseChunk must read every document as
// unmarshalling into it does.
type wireChunk struct {
	Choices []struct {
		Delta        wireDelta `json:"delta"`
		Message      wireDelta `json:"message"`
		FinishReason *string   `json:"finish_reason"`
	} `json:"choices"`
	Usage *struct {
		PromptTokens     int `json:"prompt_tokens"`
		CompletionTokens int `json:"completion_tokens"`
	} `json:"usage"`
	Error json.RawMessage `json:"error"`
}

// reflected is the reference reading, by encoding/json.
func reflected(data []byte) (llm.Chunk, error) {
	var w wireChunk
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, err
	}
	if llm.HasError(w.Error) {
		return llm.Chunk{}, llm.NewProviderError(words(0, data))
	}
	var c llm.Chunk
	for _, ch := range w.Choices {
		d := ch.Delta
		if d == (wireDelta{}) {
			d = ch.Message
		}
		c.Text += d.Content
		c.Reasoning += d.ReasoningContent + d.Reasoning
		if ch.FinishReason != nil && *ch.FinishReason != "" {
			c.Finish = *ch.FinishReason
		}
	}
	if w.Usage != nil {
		c.Usage = &llm.Usage{InputTokens: w.Usage.PromptTokens, OutputTokens: w.Usage.CompletionTokens}
	}
	return c, nil
}

var chunkCorpus = []string{
	`{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hello"},"logprobs":null,"finish_reason":null}]}`,
	`{"choices":[{"delta":{"content":"世界 👋 \u4e16\ud83d\udc4b \"q\" \\ \/ \b\f\n\r\t"}}]}`,
	`{"choices":[{"delta":{"reasoning_content":"think","reasoning":" more"}}]}`,
	`{"choices":[{"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":5,"total_tokens":17,"details":{"a":[1,2.5e3,-0,true,false,null]}}}`,
	`{"choices":[],"usage":{}}`,
	`{"choices":null,"usage":null,"error":null}`,
	`{"choices":[{"message":{"content":"whole"},"finish_reason":"length"},{"delta":{"content":" two"}}]}`,
	`{"CHOICES":[{"Delta":{"Content":"case"}}]}`,
	`{"choices":[{"delta":{"content":"a"}}],"choices":[{"delta":{"content":"b"}}]}`,
	`{"ch\u006fices":[{"delta":{"content":"escaped key"}}]}`,
	`{"choices":[{"delta":{"content":"lone \ud800 surrogate \udc00 x"}}]}`,
	"{\"choices\":[{\"delta\":{\"content\":\"bad \xff utf8 \xe4\xb8\"}}]}",
	`{"error":{"message":"The server had an error","type":"server_error"}}`,
	`{"error":"plain"}`,
	`null`,
	`{"usage":{"prompt_tokens":1},"usage":{"completion_tokens":2}}`,
	`{"usage":{"prompt_tokens":1},"usage":null}`,
	`{"choices":[{"delta":{"content":"a"},"delta":{"reasoning":"b"}}]}`,
	`  {"choices":[{"delta":{"content":"spaced"}}]}  `,
	// Not JSON, or not this shape: both must fail.
	`{"choices":[{"delta":{"content":"cut`,
	`{"choices":[{"delta":{"content":5}}]}`,
	`{"choices":{"delta":{}}}`,
	`{"usage":{"prompt_tokens":1.5}}`,
	`{"usage":{"prompt_tokens":"7"}}`,
	`[1,2]`,
	`"text"`,
	`{"a":1,}`,
	`{,"a":1}`,
	`{"a":[1,]}`,
	`{"a":01}`,
	`{"a":tru}`,
	`{"a":"\x"}`,
	"{\"a\":\"ctl\x01\"}",
	`{"a":1} x`,
	`{"choices":[{"delta":{"content":"ok"}}]}{}`,
	``,
}

func TestParseChunkReadsAsJSONUnmarshal(t *testing.T) {
	llmtest.ReadsAsReference(t, chunkCorpus, llmtest.ChunkReader(reflected), llmtest.ChunkReader(parseChunk))
}

func FuzzParseChunk(f *testing.F) {
	llmtest.FuzzAgainstReference(f, chunkCorpus, llmtest.ChunkReader(reflected), llmtest.ChunkReader(parseChunk))
}
