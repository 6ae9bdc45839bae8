package gemini

import (
	"encoding/json"
	"fmt"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// wireResponse is one GenerateContentResponse: a streamed event or a whole
// answer, or an error object in its place.
type wireResponse struct {
	Candidates []struct {
		Content struct {
			Parts []wirePart `json:"parts"`
		} `json:"content"`
		FinishReason string `json:"finishReason"`
	} `json:"candidates"`
	PromptFeedback *struct {
		BlockReason string `json:"blockReason"`
	} `json:"promptFeedback"`
	UsageMetadata *struct {
		PromptTokenCount     int `json:"promptTokenCount"`
		CandidatesTokenCount int `json:"candidatesTokenCount"`
		ThoughtsTokenCount   int `json:"thoughtsTokenCount"`
	} `json:"usageMetadata"`
	Error json.RawMessage `json:"error"`
}

// parseResponse turns one GenerateContentResponse into a neutral chunk, or
// into a [*llm.ProviderError] when Gemini reported an error in its place.
// Thought parts are reasoning.
func reflected(data []byte) (llm.Chunk, error) {
	var w wireResponse
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, fmt.Errorf("decode event %.200q: %w", data, err)
	}
	if llm.HasError(w.Error) {
		return llm.Chunk{}, llm.NewProviderError(words(0, data))
	}
	var c llm.Chunk
	if len(w.Candidates) > 0 {
		cand := w.Candidates[0]
		for _, p := range cand.Content.Parts {
			if p.Thought {
				c.Reasoning += p.Text
			} else {
				c.Text += p.Text
			}
		}
		if cand.FinishReason != "" && cand.FinishReason != "FINISH_REASON_UNSPECIFIED" {
			c.Finish = cand.FinishReason
		}
	} else if w.PromptFeedback != nil && w.PromptFeedback.BlockReason != "" {
		c.Finish = promptBlocked + w.PromptFeedback.BlockReason
	}
	if u := w.UsageMetadata; u != nil {
		c.Usage = &llm.Usage{InputTokens: u.PromptTokenCount, OutputTokens: u.CandidatesTokenCount + u.ThoughtsTokenCount}
	}
	return c, nil
}

var responseCorpus = []string{
	`{"candidates":[{"content":{"parts":[{"text":"Hello, 世界"}],"role":"model"},"index":0}],"usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.5-flash","responseId":"abc"}`,
	`{"candidates":[{"content":{"parts":[{"text":"think","thought":true},{"text":"answer"}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":1,"candidatesTokenCount":2,"thoughtsTokenCount":3}}`,
	`{"candidates":[{"content":{"parts":[{"text":"a"}]}},{"content":{"parts":[{"text":"second"}]}}]}`,
	`{"candidates":[{"content":{"parts":[{"text":"a"}]}},{"content":{"parts":[{"text":5}]}}]}`,
	`{"candidates":[],"promptFeedback":{"blockReason":"SAFETY"}}`,
	`{"promptFeedback":{"blockReason":"SAFETY"},"promptFeedback":null}`,
	`{"promptFeedback":{"blockReason":"SAFETY"},"promptFeedback":{}}`,
	`{"candidates":[{"finishReason":"FINISH_REASON_UNSPECIFIED"}]}`,
	`{"candidates":[{"content":{"parts":[{"text":"a"}]},"content":{"parts":[{"text":"b"}]}}]}`,
	`{"candidates":[{"content":{"parts":[{"text":"a"}]},"content":{}}]}`,
	`{"usageMetadata":{"promptTokenCount":1},"usageMetadata":{"candidatesTokenCount":2}}`,
	`{"candidates":[{"content":{"parts":[{"functionCall":{"name":"f","args":{}}},{"thoughtSignature":"x"}]}}]}`,
	`{"candidates":[{"content":{"parts":[{"text":"x","thought":"yes"}]}}]}`,
	`{"error":{"code":429,"message":"quota","status":"RESOURCE_EXHAUSTED"}}`,
	`{"candidates":null,"usageMetadata":null}`,
	`{"candidates":{}}`,
	`{"candidates":[{"content":{"parts":[{"text":"cut`,
	`null`,
	`[]`,
}

func TestParseResponseReadsAsJSONUnmarshal(t *testing.T) {
	llmtest.ReadsAsReference(t, responseCorpus, llmtest.ChunkReader(reflected), llmtest.ChunkReader(parseResponse))
}

func FuzzParseResponse(f *testing.F) {
	llmtest.FuzzAgainstReference(f, responseCorpus, llmtest.ChunkReader(reflected), llmtest.ChunkReader(parseResponse))
}
