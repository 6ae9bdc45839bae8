package store_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"parley/backend/store"
)

func names(t *testing.T, s *store.Store) []string {
	t.Helper()
	ps, err := s.Profiles(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

// The order given in Settings is the order the providers are listed in,
// after a restart too; a profile left out (added elsewhere) keeps its place
// after the others.
func TestReorderProfilesSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	s := open(t, path)
	ids := map[string]string{}
	for _, n := range []string{"A", "B", "C", "D"} {
		p, err := s.SaveProfile(ctx, store.Profile{Name: n, Kind: "openai", BaseURL: "https://x.example/v1", Model: "m"})
		if err != nil {
			t.Fatal(err)
		}
		ids[n] = p.ID
	}
	if err := s.ReorderProfiles(ctx, []string{ids["C"], ids["A"], ids["B"]}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = open(t, path)
	defer s.Close()
	if got := names(t, s); len(got) != 4 || got[0] != "C" || got[1] != "A" || got[2] != "B" || got[3] != "D" {
		t.Errorf("order after reopen = %v, want [C A B D]", got)
	}
	// A new profile goes last; editing one keeps its place.
	if _, err := s.SaveProfile(ctx, store.Profile{Name: "E", Kind: "openai", BaseURL: "https://x.example/v1", Model: "m"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SaveProfile(ctx, store.Profile{ID: ids["C"], Name: "C2", Kind: "openai", BaseURL: "https://x.example/v1", Model: "m"}); err != nil {
		t.Fatal(err)
	}
	if got := names(t, s); got[0] != "C2" || got[4] != "E" {
		t.Errorf("order after add and edit = %v", got)
	}
}

// A profile's proxy setting is removed with the profile.
func TestProfileProxySettingGoesWithProfile(t *testing.T) {
	ctx := context.Background()
	s := fresh(t)
	p, _ := s.SaveProfile(ctx, store.Profile{Name: "A", Kind: "openai", BaseURL: "https://x.example/v1", Model: "m"})
	if err := s.SetSetting(ctx, "network.proxy."+p.ID, `{"mode":"none"}`); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteProfile(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Setting(ctx, "network.proxy."+p.ID); ok {
		t.Error("the deleted profile's proxy setting is still stored")
	}
}

// Profiles of an older database, all at position 0, keep the order they
// were shown in and can be moved one place.
func TestMigration040MakesPositionsDistinct(t *testing.T) {
	path := dbPath(t)
	oldDatabase(t, path, 39, // the schema just before 040, whatever came before it
		`INSERT INTO profiles (id, name, kind, base_url, created_at, updated_at) VALUES ('p3', 'Third', 'openai', 'https://x/v1', 3, 3)`,
		`INSERT INTO profiles (id, name, kind, base_url, created_at, updated_at) VALUES ('p1', 'First', 'openai', 'https://x/v1', 1, 1)`,
		`INSERT INTO profiles (id, name, kind, base_url, created_at, updated_at) VALUES ('p2', 'Second', 'openai', 'https://x/v1', 2, 2)`,
	)
	s := open(t, path)
	defer s.Close()
	if got := names(t, s); strings.Join(got, ",") != "First,Second,Third" {
		t.Fatalf("order after migration = %v", got)
	}
	raw, _ := sql.Open("sqlite", "file:"+path)
	defer raw.Close()
	var positions string
	if err := raw.QueryRow("SELECT group_concat(position, ',') FROM (SELECT position FROM profiles ORDER BY id)").Scan(&positions); err != nil || positions != "1,2,3" {
		t.Errorf("positions of p1, p2, p3 after migration = %q %v, want 1,2,3", positions, err)
	}
	if err := s.ReorderProfiles(context.Background(), []string{"p2", "p1", "p3"}); err != nil {
		t.Fatal(err)
	}
	if got := names(t, s); strings.Join(got, ",") != "Second,First,Third" {
		t.Errorf("order after moving Second up = %v", got)
	}
}
