package store_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"

	"parley/backend/store"
)

// TestStatusesListsEveryStatus: a status added to messages.go but not to
// Statuses would be missing from the frontend's generated enum.
func TestStatusesListsEveryStatus(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	ast.Inspect(f, func(n ast.Node) bool {
		v, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Status" {
			return true
		}
		declared++
		lit := v.Values[0].(*ast.BasicLit).Value
		if !slices.Contains(store.Statuses, store.Status(lit[1:len(lit)-1])) {
			t.Errorf("%s (%s) is not in Statuses", v.Names[0].Name, lit)
		}
		return true
	})
	if declared == 0 || declared != len(store.Statuses) {
		t.Errorf("%d statuses declared, %d in Statuses", declared, len(store.Statuses))
	}
}
