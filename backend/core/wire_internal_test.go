package core

import (
	"strings"
	"testing"

	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/store"
)

// A message reaches the window with its problem as an object, whatever the
// row holds: none, a problem, or text that is not one.
func TestViewReadsTheStoredProblem(t *testing.T) {
	if v := view(store.Message{Role: "user"}, nil); v.Problem != nil || v.Role != llm.RoleUser {
		t.Errorf("a message without a problem is seen as %+v", v)
	}
	v := view(store.Message{Status: store.StatusError, Problem: `{"kind":"auth","title":"The key was rejected","detail":"d","fix":"f","status":401}`}, nil)
	if p := v.Problem; p == nil || p.Kind != problem.KindAuth || p.Title != "The key was rejected" || p.Status != 401 {
		t.Errorf("stored problem read as %+v", p)
	}
	v = view(store.Message{Status: store.StatusError, Problem: "not JSON"}, nil)
	if p := v.Problem; p == nil || p.Kind != problem.KindInternal || !strings.Contains(p.Detail, "not JSON") || p.Facts["cause"] == "" {
		t.Errorf("unreadable problem seen as %+v, want an internal problem quoting it", p)
	}
}
