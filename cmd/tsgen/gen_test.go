package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"parley/backend/core"
)

// TestGeneratedFileIsUpToDate fails when a payload or an event name changed
// in Go and frontend/src/lib/events.gen.ts was not generated again, so the
// TypeScript that reads them would not follow.
func TestGeneratedFileIsUpToDate(t *testing.T) {
	models, err := os.ReadFile("../../frontend/wailsjs/go/models.ts")
	if err != nil {
		t.Fatal(err)
	}
	want, err := Generate(core.Events, core.EventEnums, KnownTypes(string(models)), "../../wailsjs/go/models")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../frontend/src/lib/events.gen.ts")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("frontend/src/lib/events.gen.ts is out of date with core.Events: run 'make bindings' and commit")
	}
}

// TestEnumsListEveryValue fails when a constant of a bound enum type is
// missing from its list in core.Enums, so the TypeScript enum would lack it.
func TestEnumsListEveryValue(t *testing.T) {
	for _, list := range append(slices.Clone(core.Enums), core.EventEnums...) {
		v := reflect.ValueOf(list)
		typ := v.Type().Elem()
		listed := map[string]bool{}
		members := map[string]bool{}
		for i := range v.Len() {
			e := v.Index(i)
			listed[e.String()] = true
			name := e.Interface().(interface{ TSName() string }).TSName()
			if name == "" || members[name] {
				t.Errorf("%s: member name %q of %q is empty or taken", typ, name, e.String())
			}
			members[name] = true
		}
		declared := constsOf(t, typ)
		if len(declared) == 0 {
			t.Errorf("%s: no constants found", typ)
		}
		for name, value := range declared {
			if !listed[value] {
				t.Errorf("%s (%q) is not in the list of %s bound in core.Enums", name, value, typ)
			}
		}
		if len(listed) != len(declared) {
			t.Errorf("%s: %d values listed, %d declared", typ, len(listed), len(declared))
		}
	}
}

// constsOf reads the constants of typ declared in its package's source.
func constsOf(t *testing.T, typ reflect.Type) map[string]string {
	t.Helper()
	dir := filepath.Join("../..", strings.TrimPrefix(typ.PkgPath(), "parley/"))
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != typ.Name() {
					continue
				}
				for i, n := range vs.Names {
					lit, ok := vs.Values[i].(*ast.BasicLit)
					if !ok {
						t.Fatalf("%s: %s is not a literal", path, n.Name)
					}
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					out[n.Name] = s
				}
			}
		}
	}
	return out
}

type mode string

type unbound struct {
	Mode mode `json:"mode"`
}

// An enum the window would see as a plain string is refused: it must be
// bound so its values are generated.
func TestUnboundEnumIsRefused(t *testing.T) {
	_, err := Generate([]core.Event{{Name: "x:y", Payload: unbound{}}}, nil, map[string]bool{}, "./models")
	if err == nil || !strings.Contains(err.Error(), "core.Enums") {
		t.Fatalf("err = %v, want the enum refused", err)
	}
}

type inner struct {
	Count int `json:"count"`
}

type payload struct {
	inner
	Name     string            `json:"name"`
	Optional *inner            `json:"optional,omitempty"`
	Maybe    *inner            `json:"maybe"`
	Tags     []string          `json:"tags"`
	Facts    map[string]string `json:"facts"`
	Skipped  string            `json:"-"`
	hidden   string
}

// Fields are written as encoding/json writes them.
func TestFieldsAsJSONWritesThem(t *testing.T) {
	src, err := Generate([]core.Event{{Name: "a:b", Payload: payload{hidden: ""}}}, nil, map[string]bool{}, "./models")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"A_B: 'a:b',", "'a:b': main.payload;",
		"count: number;", "name: string;", "optional?: main.inner;", "maybe: main.inner | null;",
		"tags: string[];", "facts: Record<string, string>;",
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("generated file lacks %q:\n%s", want, src)
		}
	}
	if strings.Contains(string(src), "Skipped") || strings.Contains(string(src), "hidden") {
		t.Errorf("generated file has a field JSON leaves out:\n%s", src)
	}
}

// TestModelsRepeat fails when models.ts has a namespace with enums but no
// class and more than one enum: Wails writes those in a random order, so
// `make lint` would see a changed file each other run. Such an enum goes in
// core.EventEnums (or its package gets a bound struct).
func TestModelsRepeat(t *testing.T) {
	models, err := os.ReadFile("../../frontend/wailsjs/go/models.ts")
	if err != nil {
		t.Fatal(err)
	}
	for _, ns := range strings.Split(string(models), "export namespace ")[1:] {
		if !strings.Contains(ns, "export class ") && strings.Count(ns, "export enum ") > 1 {
			t.Errorf("namespace %s has enums and no class: Wails writes them in a random order", strings.Fields(ns)[0])
		}
	}
}
