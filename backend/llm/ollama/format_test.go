package ollama

import (
	"encoding/json"
	"testing"

	"parley/backend/llm"
	"parley/backend/llm/llmtest"
)

// wireLine is a line's shape as json.Unmarshal reads it; decodeLine must
// read every line as unmarshalling into it does.
type wireLine struct {
	Message struct {
		Content   string          `json:"content"`
		Thinking  string          `json:"thinking"`
		ToolCalls json.RawMessage `json:"tool_calls"`
	} `json:"message"`
	Done            bool            `json:"done"`
	DoneReason      string          `json:"done_reason"`
	PromptEvalCount int             `json:"prompt_eval_count"`
	EvalCount       int             `json:"eval_count"`
	Error           json.RawMessage `json:"error"`
}

func reflected(data []byte) (llm.Chunk, llm.State, error) {
	var w wireLine
	if err := json.Unmarshal(data, &w); err != nil {
		return llm.Chunk{}, llm.Going, err
	}
	return line{content: w.Message.Content, thinking: w.Message.Thinking, done: w.Done, doneReason: w.DoneReason,
		promptEvalCount: w.PromptEvalCount, evalCount: w.EvalCount, err: w.Error}.chunk(data)
}

var lineCorpus = []string{
	`{"model":"llama3.2","created_at":"2025-05-01T10:00:00.1Z","message":{"role":"assistant","content":"Hel\u006co 世界"},"done":false}`,
	`{"model":"qwen3","message":{"role":"assistant","content":"","thinking":"hmm"},"done":false}`,
	`{"model":"m","message":{"role":"assistant","content":""},"done_reason":"stop","done":true,"total_duration":1,"prompt_eval_count":26,"eval_count":298}`,
	`{"message":{"content":"x","tool_calls":[{"function":{"name":"f","arguments":{}}}]},"done":true,"done_reason":"length"}`,
	`{"message":null,"done":null,"eval_count":null}`,
	`{"message":{"content":"a"},"message":{"thinking":"b"}}`,
	`{"message":{"content":"a","content":null},"done":true,"done":null,"done_reason":"length","done_reason":null,"eval_count":3,"eval_count":null}`,
	`{"done":true,"done":false,"message":{"content":"a"},"message":null}`,
	`{"error":"model 'x' not found"}`,
	`{"error":null}`,
	`{"done":"yes"}`,
	`{"eval_count":1.5}`,
	`{"message":"text"}`,
	`{"message":{"content":"cut`,
	`[]`,
	`null`,
}

func TestDecodeLineReadsAsJSONUnmarshal(t *testing.T) {
	llmtest.ReadsAsReference(t, lineCorpus, llmtest.StateReader(reflected), decodeData)
}

func FuzzDecodeLine(f *testing.F) {
	llmtest.FuzzAgainstReference(f, lineCorpus, llmtest.StateReader(reflected), decodeData)
}

// decodeData is decodeLine of one line's data.
var decodeData = llmtest.StateReader(func(data []byte) (llm.Chunk, llm.State, error) { return decodeLine(llm.Event{Data: data}) })
