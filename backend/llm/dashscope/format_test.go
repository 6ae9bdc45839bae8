package dashscope

import (
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// reflected is parseEvent read through json.Unmarshal.
func reflected(data []byte) (llm.Chunk, *llm.Usage, error) {
	a, err := unmarshalAnswer(data)
	switch {
	case err != nil:
		return llm.Chunk{}, nil, err
	case !a.output && (a.code || a.message):
		return llm.Chunk{}, nil, llm.NewProviderError(words(0, data))
	case a.hasUsage:
		return a.chunk, &a.usage, nil
	}
	return a.chunk, nil, nil
}

var answerCorpus = []string{
	`{"output":{"choices":[{"message":{"content":"你好","reasoning_content":"","role":"assistant"},"finish_reason":"null"}]},"usage":{"total_tokens":12,"output_tokens":2,"input_tokens":10},"request_id":"r"}`,
	`{"output":{"choices":[{"message":{"content":"","reasoning_content":"想"},"finish_reason":"stop"}]},"usage":{"input_tokens":1,"output_tokens":2}}`,
	`{"output":{"choices":[{"message":{"content":"a"}},{"message":{"content":"b"},"finish_reason":"length"}]}}`,
	`{"output":{"choices":[{"finish_reason":null}]}}`,
	`{"output":{"choices":[{"message":{"content":"a"}}]},"output":null}`,
	`{"output":{"choices":[{"message":{"content":"a"}}]},"output":{}}`,
	`{"output":null,"code":"Arrearage","message":"Access denied"}`,
	`{"code":"","message":""}`,
	`{"code":5}`,
	`{"usage":{"input_tokens":1},"usage":{"output_tokens":2}}`,
	// Repeated keys: json.Unmarshal reads a second array into the elements
	// of the first, and the last value of a field wins (null keeps it).
	`{"output":{"choices":[{"message":{"content":"a"},"finish_reason":"stop"}]},"output":{"choices":[{"message":{"reasoning_content":"b"}}]}}`,
	`{"output":{"choices":[{"message":{"content":"a"}},{}],"choices":[{}]}}`,
	`{"output":{"choices":[{"finish_reason":"stop","finish_reason":null}]}}`,
	`{"output":{"choices":[{"message":{"content":"a","content":null}}]}}`,
	`{"output":null,"code":"Arrearage","code":null}`,
	`{"usage":{"input_tokens":3,"input_tokens":null}}`,
	`{"output":{"choices":[{"message":{"content":"a"},"message":{"reasoning_content":"b"}}]}}`,
	`{"output":{"text":"legacy","finish_reason":"stop"}}`,
	`{"output":[]}`,
	`{"output":{"choices":[{"message":{"content":"cut`,
	`null`,
}

func TestParseEventReadsAsJSONUnmarshal(t *testing.T) {
	llmtest.ReadsAsReference(t, answerCorpus, withUsage(reflected), withUsage(parseEvent))
}

func FuzzParseEvent(f *testing.F) {
	llmtest.FuzzAgainstReference(f, answerCorpus, withUsage(reflected), withUsage(parseEvent))
}

// withUsage reads an event as one chunk holding the usage it reported.
func withUsage(read func([]byte) (llm.Chunk, *llm.Usage, error)) llmtest.Reader {
	return llmtest.ChunkReader(func(data []byte) (llm.Chunk, error) {
		c, u, err := read(data)
		c.Usage = u
		return c, err
	})
}
