package problem_test

import (
	"testing"

	"parley/backend/internal/testkit"
	"parley/backend/problem"
)

// TestKindsListsEveryKind: a kind added to problem.go but not to Kinds
// would be missing from the frontend's generated enum.
func TestKindsListsEveryKind(t *testing.T) {
	testkit.Complete(t, "problem.go", "Kind", problem.Kinds)
}
