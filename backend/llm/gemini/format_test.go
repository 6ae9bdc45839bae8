package gemini

import (
	"testing"

	"parley/backend/llm/llmtest"
)

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
	// Repeated keys: json.Unmarshal reads a second array into the elements
	// of the first, and the last value of a field wins (null keeps it).
	`{"candidates":[{"content":{"parts":[{"text":"a"}]},"finishReason":"STOP"}],"candidates":[{"content":{"parts":[{"thought":true}]}}]}`,
	`{"candidates":[{"content":{"parts":[{"text":"a","thought":true}],"parts":[{"text":"b"}]}}]}`,
	`{"candidates":[{"finishReason":"MAX_TOKENS","finishReason":null}]}`,
	`{"candidates":[{"content":{"parts":[{"text":"a","text":null}]}}]}`,
	`{"promptFeedback":{"blockReason":"SAFETY","blockReason":null}}`,
	`{"usageMetadata":{"promptTokenCount":4,"promptTokenCount":null}}`,
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
	llmtest.ReadsAsReference(t, responseCorpus, llmtest.ChunkReader(unmarshalResponse), llmtest.ChunkReader(parseResponse))
}

func FuzzParseResponse(f *testing.F) {
	llmtest.FuzzAgainstReference(f, responseCorpus, llmtest.ChunkReader(unmarshalResponse), llmtest.ChunkReader(parseResponse))
}
