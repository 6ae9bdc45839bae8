package core_test

import (
	"strings"
	"testing"

	"parley/backend/llm/llmtest"
	"parley/backend/store"
)

// TestAnAnswerEchoingTheKeyLeavesItNowhere runs, for every protocol sent a
// key, a turn whose answer and reasoning give the key back three
// characters at a time: the answer is stored with the key masked and the
// rest whole, and no event to the window, stored row or file of the data
// folder (database, WAL, log) holds 8 characters of it in a row.
func TestAnAnswerEchoingTheKeyLeavesItNowhere(t *testing.T) {
	var cut []string
	for i := 0; i < len(leakKey); i += 3 {
		cut = append(cut, leakKey[i:min(i+3, len(leakKey))])
	}
	fake := llmtest.Serve(t)
	fake.RequireKey(leakKey)
	fake.Handle("echo-key", llmtest.Scenario{Reasoning: append([]string{"The header said "}, cut...),
		Chunks: append(append([]string{"Your key is "}, cut...), ", kept safe.")})
	r := openLeakRig(t)
	// A local Ollama is sent no key, so it has none to echo.
	bases := map[string]string{"openai": fake.URL + "/v1", "anthropic": fake.URL, "gemini": fake.URL, "dashscope": fake.URL}
	for kind, base := range bases {
		t.Run(kind, func(t *testing.T) {
			_, msgs := r.turn(t, kind, base, "echo-key", "What key did I send?")
			last := msgs[len(msgs)-1]
			if last.Status != store.StatusDone || !strings.HasPrefix(last.Content, "Your key is ") || !strings.HasSuffix(last.Content, ", kept safe.") {
				t.Errorf("stored answer %q (%s), want it done, the key masked and the rest whole", last.Content, last.Status)
			}
		})
	}
	r.assertClean(t)
}
