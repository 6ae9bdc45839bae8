package dashscope

import (
	"encoding/json"
	"fmt"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// wireAnswer is one streamed event or a whole answer. An error answer has
// no output and carries code and message at the top level instead.
type wireAnswer struct {
	Output *struct {
		Choices []struct {
			Message struct {
				Content          string `json:"content"`
				ReasoningContent string `json:"reasoning_content"`
			} `json:"message"`
			// FinishReason is the string "null" while the reply grows.
			FinishReason string `json:"finish_reason"`
		} `json:"choices"`
	} `json:"output"`
	Usage *struct {
		InputTokens  int `json:"input_tokens"`
		OutputTokens int `json:"output_tokens"`
	} `json:"usage"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// parseEvent turns one event's data into a neutral chunk without usage, and
// returns the usage the event reported, if any. An event holding an error
// instead of output becomes a [*llm.ProviderError].
func reflected(data []byte) (llm.Chunk, *llm.Usage, error) {
	var w wireAnswer
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, nil, fmt.Errorf("decode event %.200q: %w", data, err)
	}
	if w.Output == nil && (w.Code != "" || w.Message != "") {
		return llm.Chunk{}, nil, llm.NewProviderError(words(0, data))
	}
	var c llm.Chunk
	if w.Output != nil {
		for _, ch := range w.Output.Choices {
			c.Text += ch.Message.Content
			c.Reasoning += ch.Message.ReasoningContent
			if finished(ch.FinishReason) {
				c.Finish = ch.FinishReason
			}
		}
	}
	var u *llm.Usage
	if w.Usage != nil {
		u = &llm.Usage{InputTokens: w.Usage.InputTokens, OutputTokens: w.Usage.OutputTokens}
	}
	return c, u, nil
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
