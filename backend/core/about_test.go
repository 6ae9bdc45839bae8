package core_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"parley/backend/core"
)

// The About dialog names the folder the database really is in, and the
// licence by its own words.
func TestAboutNamesTheDataFolderAndLicence(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Parley data")
	c, err := core.Open(context.Background(), core.Config{DataDir: dir, KeychainService: "parley-test-about"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })

	got := c.About("1.2.3", "MIT License\n\nCopyright (c) 2026 The Parley team\n\nPermission is hereby granted…\n")
	want := core.About{Version: "1.2.3", Licence: "MIT License", Copyright: "Copyright (c) 2026 The Parley team", DataDir: dir,
		LogFile: filepath.Join(dir, "parley.log")}
	if got != want {
		t.Fatalf("About() = %+v, want %+v", got, want)
	}
	if _, err := os.Stat(filepath.Join(got.DataDir, "parley.db")); err != nil {
		t.Errorf("the data folder shown does not hold the database: %v", err)
	}
	if _, err := os.Stat(got.LogFile); err != nil {
		t.Errorf("the log file shown does not exist: %v", err)
	}
}
