package openai

import (
	"testing"

	"parley/backend/llm/llmtest"
)

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
	// A repeated key: json.Unmarshal reads the second array into the
	// elements of the first, the last value of a field winning.
	`{"choices":[{"delta":{"content":"a"},"finish_reason":"stop"}],"choices":[{"delta":{"reasoning":"b"}}]}`,
	`{"choices":[{"delta":{"content":"a"}},{"delta":{"content":"c"}}],"choices":[{}]}`,
	`{"choices":[{"delta":{"content":"a"}}],"choices":null,"choices":[{"message":{"content":"b"}}]}`,
	`{"choices":[{"finish_reason":"stop","finish_reason":null}]}`,
	`{"choices":[{"delta":{"content":"a","content":null}}]}`,
	`{"usage":{"prompt_tokens":3,"prompt_tokens":null}}`,
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
	llmtest.ReadsAsReference(t, chunkCorpus, llmtest.ChunkReader(unmarshalChunk), llmtest.ChunkReader(parseChunk))
}

func FuzzParseChunk(f *testing.F) {
	llmtest.FuzzAgainstReference(f, chunkCorpus, llmtest.ChunkReader(unmarshalChunk), llmtest.ChunkReader(parseChunk))
}
