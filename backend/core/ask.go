package core

import (
	"context"
	"iter"
	"strings"

	"parley/backend/keychain"
	"parley/backend/llm"
	"parley/backend/providers"
	"parley/backend/store"
)

// AskOnce streams one answer from a provider that is not a saved profile,
// storing nothing: the CLI's flag-based ask. It uses the same adapters and
// HTTP client as a turn.
func (c *Core) AskOnce(ctx context.Context, kind, baseURL, key string, req llm.Request) iter.Seq2[llm.Chunk, error] {
	client, err := c.clientFor(ctx, "")
	if err != nil {
		return func(yield func(llm.Chunk, error) bool) { yield(llm.Chunk{}, err) }
	}
	prov, err := providers.New(kind, baseURL, key, client)
	if err != nil {
		return func(yield func(llm.Chunk, error) bool) { yield(llm.Chunk{}, err) }
	}
	return prov.Stream(llm.WithNetwork(ctx, c.network(store.Profile{})), req)
}

// ProfileKeyFor returns the id and key of the saved profile of kind at
// baseURL (compared without trailing slashes), for a one-off ask that names
// no key; ok is false when no profile matches.
func (c *Core) ProfileKeyFor(ctx context.Context, kind, baseURL string) (id, key string, ok bool, err error) {
	profiles, err := c.store.Profiles(ctx)
	if err != nil {
		return "", "", false, err
	}
	want := trimSlash(baseURL)
	for _, p := range profiles {
		if p.Kind == kind && trimSlash(p.BaseURL) == want {
			if NeedsKey(p) == KeyNone {
				return p.ID, "", true, nil // the keychain is not asked
			}
			key, err := c.keys.Get(p.ID)
			if keychain.Unavailable(err) && NeedsKey(p) == KeyOptional {
				return p.ID, "", true, nil
			}
			return p.ID, key, true, err
		}
	}
	return "", "", false, nil
}

func trimSlash(u string) string { return strings.TrimRight(strings.TrimSpace(u), "/") }
