package store_test

import (
	"testing"

	"parley/backend/internal/testkit"
	"parley/backend/store"
)

// TestStatusesListsEveryStatus: a status added to messages.go but not to
// Statuses would be missing from the frontend's generated enum.
func TestStatusesListsEveryStatus(t *testing.T) {
	testkit.Complete(t, "messages.go", "Status", store.Statuses)
}
