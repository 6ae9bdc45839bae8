// Package testkit holds what the tests of several packages share and no
// package of Parley itself needs: a check that an enum's list of values is
// complete, a buffer safe to log into from several goroutines, and a child
// process without a keychain.
package testkit

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strconv"
	"testing"
)

// Complete checks, for the list of every value of a string enum (what
// main.go binds for the frontend's generated TypeScript enum), that it
// holds each constant of its type: it fails t unless list holds every constant of type typeName that
// file (of the test's package) declares, and nothing more: a value added
// to the file but not to the list would be missing from the frontend.
func Complete[T ~string](t testing.TB, file, typeName string, list []T) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	ast.Inspect(f, func(n ast.Node) bool {
		v, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		if id, ok := v.Type.(*ast.Ident); !ok || id.Name != typeName {
			return true
		}
		declared++
		lit := v.Values[0].(*ast.BasicLit).Value
		if s, err := strconv.Unquote(lit); err != nil || !slices.Contains(list, T(s)) {
			t.Errorf("%s (%s) is not in the list of every %s", v.Names[0].Name, lit, typeName)
		}
		return true
	})
	if declared == 0 || declared != len(list) {
		t.Errorf("%d of type %s declared, %d in the list", declared, typeName, len(list))
	}
}
