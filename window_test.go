package main

import "testing"

func TestParseArgsPicksTheProviderWindow(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		profile string
		lock    string
		fails   bool
	}{
		{args: nil, lock: "parley-main"},
		{args: []string{"--profile", "p_1"}, profile: "p_1", lock: "parley-p_1"},
		{args: []string{"--profile=p_2"}, profile: "p_2", lock: "parley-p_2"},
		{args: []string{"-profile", "p_3", "--version"}, profile: "p_3", lock: "parley-p_3"},
		{args: []string{"--version"}, lock: "parley-main"},
		{args: []string{"--profile"}, fails: true},
		{args: []string{"--profile="}, fails: true},
	} {
		l, err := parseArgs(tc.args)
		if (err != nil) != tc.fails || l.profileID != tc.profile || (!tc.fails && l.uniqueID() != tc.lock) {
			t.Errorf("parseArgs(%q) = %+v (lock %q), %v", tc.args, l, l.uniqueID(), err)
		}
	}
}
