// Package logging writes Parley's log: log/slog records as text to a
// size-capped file in the data folder that rotates, keeping a few old files,
// and optionally to stderr too (the CLI's -v). Every record passes a
// scrubber first, so no key that Parley has used reaches a log line.
package logging

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"parley/backend/llm"
)

// The log's size cap and how many rotated files are kept beside it.
const (
	MaxSize = 4 << 20
	Keep    = 3
)

// FileName is the log's name inside its folder.
const FileName = "parley.log"

// Secrets are the keys to scrub from every record. It is safe for
// concurrent use.
type Secrets struct {
	mu   sync.RWMutex
	keys map[string]struct{}
}

// Add makes key one to scrub; an empty key is ignored.
func (s *Secrets) Add(key string) {
	if key == "" {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.keys == nil {
		s.keys = map[string]struct{}{}
	}
	s.keys[key] = struct{}{}
}

// Scrub masks every key in text, as [llm.Scrub] does for one.
func (s *Secrets) Scrub(text string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for k := range s.keys {
		text = llm.Scrub(text, k)
	}
	return text
}

// Log is an open log.
type Log struct {
	*slog.Logger
	file *RotatingFile
}

// Open starts the log at dir/[FileName], also writing to extra when it is
// not nil, with secrets scrubbed from every record.
func Open(dir string, secrets *Secrets, extra io.Writer) (*Log, error) {
	f, err := OpenRotating(filepath.Join(dir, FileName), MaxSize, Keep)
	if err != nil {
		return nil, err
	}
	var w io.Writer = f
	if extra != nil {
		w = io.MultiWriter(f, extra)
	}
	h := &scrubHandler{next: slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}), secrets: secrets}
	return &Log{Logger: slog.New(h), file: f}, nil
}

// Path is where the log is written.
func (l *Log) Path() string { return l.file.path }

// Close closes the log file.
func (l *Log) Close() error { return l.file.Close() }

// scrubHandler removes secrets from a record's message and attributes
// before the next handler formats it.
type scrubHandler struct {
	next    slog.Handler
	secrets *Secrets
}

func (h *scrubHandler) Enabled(ctx context.Context, l slog.Level) bool { return h.next.Enabled(ctx, l) }

func (h *scrubHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, h.secrets.Scrub(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h *scrubHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		clean[i] = h.attr(a)
	}
	return &scrubHandler{next: h.next.WithAttrs(clean), secrets: h.secrets}
}

func (h *scrubHandler) WithGroup(name string) slog.Handler {
	return &scrubHandler{next: h.next.WithGroup(name), secrets: h.secrets}
}

// attr renders a value as text and scrubs it; groups are scrubbed member
// by member.
func (h *scrubHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindGroup:
		members := v.Group()
		clean := make([]any, len(members))
		for i, m := range members {
			clean[i] = h.attr(m)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindString:
		return slog.String(a.Key, h.secrets.Scrub(v.String()))
	case slog.KindAny:
		return slog.String(a.Key, h.secrets.Scrub(fmt.Sprint(v.Any())))
	}
	return a
}

// RotatingFile is an io.Writer to a file that, when a write would take it
// past its cap, is renamed to path.1 (path.1 to path.2, ...; the oldest
// beyond keep is removed) and started anew. It is safe for concurrent use.
type RotatingFile struct {
	path string
	max  int64
	keep int

	mu   sync.Mutex
	f    *os.File
	size int64
}

// OpenRotating opens path for appending, creating its folder.
func OpenRotating(path string, max int64, keep int) (*RotatingFile, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create the log folder: %w", err)
	}
	r := &RotatingFile{path: path, max: max, keep: keep}
	if err := r.open(); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *RotatingFile) open() error {
	f, err := os.OpenFile(r.path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open the log: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return fmt.Errorf("open the log: %w", err)
	}
	r.f, r.size = f, st.Size()
	return nil
}

// Write appends p, rotating first when p would pass the cap.
func (r *RotatingFile) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return 0, os.ErrClosed
	}
	if r.size > 0 && r.size+int64(len(p)) > r.max {
		if err := r.rotate(); err != nil {
			return 0, err
		}
	}
	n, err := r.f.Write(p)
	r.size += int64(n)
	return n, err
}

func (r *RotatingFile) rotate() error {
	if err := r.f.Close(); err != nil {
		return fmt.Errorf("rotate the log: %w", err)
	}
	r.f = nil
	_ = os.Remove(fmt.Sprintf("%s.%d", r.path, r.keep)) // absent until keep rotations
	for i := r.keep - 1; i >= 1; i-- {
		_ = os.Rename(fmt.Sprintf("%s.%d", r.path, i), fmt.Sprintf("%s.%d", r.path, i+1)) // absent early on
	}
	if err := os.Rename(r.path, r.path+".1"); err != nil {
		return fmt.Errorf("rotate the log: %w", err)
	}
	return r.open()
}

// Close closes the file.
func (r *RotatingFile) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.f == nil {
		return nil
	}
	err := r.f.Close()
	r.f = nil
	return err
}
