package store_test

import (
	"context"
	"path/filepath"
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
	path := filepath.Join(t.TempDir(), "parley.db")
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
	s := open(t, filepath.Join(t.TempDir(), "parley.db"))
	defer s.Close()
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
