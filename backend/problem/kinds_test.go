package problem_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"testing"

	"parley/backend/problem"
)

// TestKindsListsEveryKind: a kind added to problem.go but not to Kinds
// would be missing from the frontend's generated enum.
func TestKindsListsEveryKind(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "problem.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			v := spec.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Kind" {
				continue
			}
			declared++
			lit := v.Values[0].(*ast.BasicLit).Value
			if !slices.Contains(problem.Kinds, problem.Kind(lit[1:len(lit)-1])) {
				t.Errorf("%s (%s) is not in Kinds", v.Names[0].Name, lit)
			}
		}
	}
	if declared == 0 || declared != len(problem.Kinds) {
		t.Errorf("%d kinds declared, %d in Kinds", declared, len(problem.Kinds))
	}
}
