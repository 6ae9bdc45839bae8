// Package core wires Parley's services together: the store, the keychain,
// the provider adapters and the chat service. The Wails app and the CLI both
// drive Parley through a [Core], so neither holds logic of its own.
package core

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"parley/backend/chat"
	"parley/backend/keychain"
	"parley/backend/llm"
	"parley/backend/logging"
	"parley/backend/providers"
	"parley/backend/store"
)

// Config says where Parley keeps its data.
type Config struct {
	// DataDir holds the database; empty means the user's config directory.
	DataDir string
	// KeychainService names the keychain entries; empty means
	// $PARLEY_KEYCHAIN_SERVICE, or "parley" when that is unset too.
	KeychainService string
	// Emitter receives chat events; nil discards them.
	Emitter chat.Emitter
	// LogTo, when set, receives the log as well as the log file (the CLI's
	// -v passes stderr).
	LogTo io.Writer
	// Timeouts, where set, override every profile's network waits (the
	// CLI's --connect-timeout, --first-byte-timeout, --idle-timeout).
	Timeouts llm.Timeouts
	// AskOnStall makes a silent stream ask whether to keep waiting
	// (chat:idle) before its timeout ends it: the window can answer.
	AskOnStall bool
	// OnRetry, when set, is told of each retry of a request made outside
	// a turn ([Core.AskOnce]); a turn emits chat:retry instead.
	OnRetry func(llm.RetryNotice)
}

// Core is an open Parley.
type Core struct {
	store   *store.Store
	keys    *keychain.Keychain
	chat    *chat.Service
	http    *http.Client
	log     *logging.Log
	secrets *logging.Secrets
	// proxies holds the client of each proxy setting in use (proxy.go).
	proxies proxyClients
	// dataDir is the folder that holds the database.
	dataDir string
	cfg     Config
	// contextSizes are the models' context sizes the providers' model
	// lists gave, by model id (see contextWindow).
	contextSizes sync.Map
}

// DefaultDataDir is where Parley keeps its database unless PARLEY_DATA_DIR
// says otherwise: ~/.config/Parley on Linux, the matching folder elsewhere.
func DefaultDataDir() (string, error) {
	if dir := os.Getenv("PARLEY_DATA_DIR"); dir != "" {
		return dir, nil
	}
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("find the user's config directory: %w", err)
	}
	return filepath.Join(base, "Parley"), nil
}

// Open opens the database and starts the services. Answers that were still
// streaming when Parley last ended are marked interrupted, their text kept.
func Open(ctx context.Context, cfg Config) (*Core, error) {
	if cfg.DataDir == "" {
		dir, err := DefaultDataDir()
		if err != nil {
			return nil, err
		}
		cfg.DataDir = dir
	}
	if cfg.KeychainService == "" {
		cfg.KeychainService = cmp.Or(os.Getenv("PARLEY_KEYCHAIN_SERVICE"), keychain.Service)
	}
	if cfg.Emitter == nil {
		cfg.Emitter = discard{}
	}
	st, err := store.Open(ctx, filepath.Join(cfg.DataDir, "parley.db"))
	if err != nil {
		return nil, err
	}
	secrets := &logging.Secrets{}
	log, err := logging.Open(cfg.DataDir, secrets, cfg.LogTo)
	if err != nil {
		st.Close()
		return nil, err
	}
	if _, err := st.MarkInterrupted(ctx); err != nil {
		st.Close()
		log.Close()
		return nil, err
	}
	log.Info("Parley opened its data folder", "dir", cfg.DataDir)
	c := &Core{store: st, keys: keychain.New(cfg.KeychainService), http: providers.NewHTTPClient(), log: log, secrets: secrets,
		dataDir: cfg.DataDir, cfg: cfg}
	c.chat = chat.New(st, c.keys, c.newProvider, cfg.Emitter, chat.Options{
		NeedsKey:      func(p store.Profile) bool { return NeedsKey(p) == KeyRequired },
		TakesNoKey:    func(p store.Profile) bool { return NeedsKey(p) == KeyNone },
		Endpoint:      func(p store.Profile) string { return providers.Endpoint(p.Kind, p.BaseURL, p.Model) },
		ContextWindow: c.contextWindow,
		Logger:        log.Logger,
		Timeouts:      cfg.Timeouts,
		Retry:         llm.DefaultRetry,
		AskOnStall:    cfg.AskOnStall,
		AskTitle:      c.askTitle,
	})
	return c, nil
}

// Close stops running turns, saving their text, and closes the database
// and the log.
func (c *Core) Close() error {
	c.chat.Shutdown()
	return c.close()
}

// Quit is Close for the window: a model-written title still being asked for
// is abandoned rather than waited for, so the window closes at once.
func (c *Core) Quit() error {
	c.chat.Quit()
	return c.close()
}

func (c *Core) close() error {
	err := c.store.Close()
	c.log.Close()
	return err
}

// LogPath is the file Parley logs to, for the About box and bug reports.
func (c *Core) LogPath() string { return c.log.Path() }

// Logger is Parley's log, which never holds a key that was used.
func (c *Core) Logger() *slog.Logger { return c.log.Logger }

func (c *Core) newProvider(p store.Profile, key string) (llm.Provider, error) {
	c.secrets.Add(key) // from now on scrubbed from every log record
	client, err := c.clientFor(context.Background(), p.ID)
	if err != nil {
		return nil, err
	}
	return providers.New(p.Kind, p.BaseURL, key, client)
}

// network is how requests for profile p (the zero profile for none) treat
// the network outside a turn: the same waits and retries as a turn's.
func (c *Core) network(p store.Profile) llm.Network {
	return llm.Network{Timeouts: c.cfg.Timeouts.Or(chat.ProfileTimeouts(p)).Or(llm.DefaultTimeouts),
		Retry: llm.DefaultRetry, OnRetry: c.cfg.OnRetry}
}

type discard struct{}

func (discard) Emit(string, any) {}
