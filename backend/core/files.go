package core

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"

	"parley/backend/importer"
	"parley/backend/problem"
)

// The window's file actions: each takes the path the user picked (or a
// test chose), so the dialog and the action are apart.

// ExportRequest is a conversation the window asks to write out, in a
// format, to the path the user picked.
type ExportRequest struct {
	ConversationID string       `json:"conversationId"`
	Format         ExportFormat `json:"format"`
	Path           string       `json:"path"`
}

// ImportRequest is a file the window asks to import: another app's export
// at the path the user picked; with MoveKeys the keys it holds go into the
// keychain.
type ImportRequest struct {
	Format   importer.Format `json:"format"`
	Path     string          `json:"path"`
	MoveKeys bool            `json:"moveKeys"`
}

// ExportConversationFile writes a conversation as Markdown or JSON to path.
func (c *Core) ExportConversationFile(ctx context.Context, id string, format ExportFormat, path string) error {
	var buf bytes.Buffer
	if err := c.ExportConversation(ctx, id, format, &buf); err != nil {
		return err
	}
	return WriteFile(path, buf.Bytes())
}

// Counts says how much a backup or restore held. It is [export.Counts]
// under a name the window's generated bindings can use ("export" is a
// reserved word in TypeScript).
type Counts struct {
	Profiles      int `json:"profiles"`
	Conversations int `json:"conversations"`
	Messages      int `json:"messages"`
}

// BackupFile writes everything but keys to path.
func (c *Core) BackupFile(ctx context.Context, path string) (Counts, error) {
	var buf bytes.Buffer
	n, err := c.Backup(ctx, &buf)
	if err != nil {
		return Counts(n), err
	}
	return Counts(n), WriteFile(path, buf.Bytes())
}

// RestoreFile reads the backup at path and merges it in, or replaces
// everything.
func (c *Core) RestoreFile(ctx context.Context, path string, replace bool) (Counts, error) {
	f, err := os.Open(path)
	if err != nil {
		return Counts{}, openProblem(err)
	}
	defer f.Close()
	n, err := c.Restore(ctx, f, replace)
	return Counts(n), err
}

// ImportFile reads another app's export at path; see [Core.Import].
func (c *Core) ImportFile(ctx context.Context, format importer.Format, path string, opts ImportOptions) (ImportSummary, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ImportSummary{}, openProblem(err)
	}
	return c.Import(ctx, format, data, opts)
}

func openProblem(err error) error {
	return problem.Wrap(err, problem.KindInvalidInput, "The file could not be opened", err.Error(), "Check the path and that you may read the file.")
}

// WriteFile writes data to path through a temporary file in the same
// folder, so a failure never leaves half a file; only the user may read it.
func WriteFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return problem.Wrap(err, problem.KindInvalidInput, "The file could not be written", err.Error(), "Check that the folder exists and you may write to it.")
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
