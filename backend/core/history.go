package core

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"time"

	"parley/backend/export"
	"parley/backend/problem"
	"parley/backend/store"
)

// Search finds messages in every conversation; see [store.Store.Search].
func (c *Core) Search(ctx context.Context, query string, limit int) ([]store.SearchHit, error) {
	return c.store.Search(ctx, query, limit)
}

// ExportFormat is how one conversation is written out, named as on the
// command line.
type ExportFormat string

// The formats of [Core.ExportConversation].
const (
	FormatMarkdown ExportFormat = "md"
	FormatJSON     ExportFormat = "json"
)

// ExportFormats lists every [ExportFormat]; main.go binds it with Wails'
// EnumBind.
var ExportFormats = []ExportFormat{FormatMarkdown, FormatJSON}

// TSName is the format's member name in the generated TypeScript enum.
func (f ExportFormat) TSName() string {
	if f == FormatMarkdown {
		return "MARKDOWN"
	}
	return strings.ToUpper(string(f))
}

// ExportConversation writes a conversation to w as Markdown or JSON.
func (c *Core) ExportConversation(ctx context.Context, id string, format ExportFormat, w io.Writer) error {
	conv, err := c.store.Conversation(ctx, id)
	if err != nil {
		return err
	}
	// Markdown reads as the conversation is shown (its current branch); JSON
	// keeps every branch and alternative, linked by parentId.
	msgs, err := c.store.Messages(ctx, id)
	if err != nil {
		return err
	}
	switch format {
	case FormatMarkdown:
		shown, err := c.store.Branch(ctx, id)
		if err != nil {
			return err
		}
		return export.Markdown(w, conv, shown)
	case FormatJSON:
		return export.JSON(w, conv, msgs)
	}
	return problem.New(problem.KindInvalidInput, "Unknown export format",
		"Conversations are exported as md (Markdown) or json.", "Choose md or json.")
}

// Backup writes everything but keys to w; see [export.WriteBackup].
func (c *Core) Backup(ctx context.Context, w io.Writer) (export.Counts, error) {
	return export.WriteBackup(ctx, c.store, w)
}

// Restore reads a backup from r and merges it in, or replaces everything.
func (c *Core) Restore(ctx context.Context, r io.Reader, replace bool) (export.Counts, error) {
	b, err := export.ReadBackup(r)
	if err != nil {
		return export.Counts{}, err
	}
	counts, _, err := export.Restore(ctx, c.store, b, replace)
	return counts, err
}

// Profile returns one profile.
func (c *Core) Profile(ctx context.Context, id string) (store.Profile, error) {
	return c.store.Profile(ctx, id)
}

// AutoBackups is how many daily automatic backups are kept.
const AutoBackups = 7

// AutoBackup writes today's automatic backup into the data folder's
// backups/ unless it exists, keeping the last [AutoBackups]. The window runs
// it at start and shows a failure.
func (c *Core) AutoBackup(ctx context.Context) (export.AutoResult, error) {
	return export.AutoBackup(ctx, c.store, filepath.Join(c.dataDir, "backups"), time.Now(), AutoBackups)
}
