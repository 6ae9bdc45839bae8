package core

import (
	"cmp"
	"context"
	"net/url"
	"strings"

	"parley/backend/importer"
	"parley/backend/problem"
	"parley/backend/providers"
	"parley/backend/store"
)

// ImportOptions choose where an import goes and whether keys move.
type ImportOptions struct {
	// ProfileID receives the conversations; empty means a profile at the
	// file's provider (an existing one on the same host, or a new one).
	ProfileID string
	// MoveKeys puts each key the file holds into the keychain of a profile
	// on the key's host. Without it keys are only counted.
	MoveKeys bool
}

// ImportSummary says what an import did.
type ImportSummary struct {
	Format         importer.Format `json:"format"`
	ProfileID      string          `json:"profileId"`
	ProfileName    string          `json:"profileName"`
	CreatedProfile bool            `json:"createdProfile"`
	Conversations  int             `json:"conversations"`
	Messages       int             `json:"messages"`
	AlreadyThere   int             `json:"alreadyImported"`
	Skipped        []importer.Skip `json:"skipped"`
	// KeysFound counts the keys in the file; none of them is in SQLite.
	KeysFound int       `json:"keysFound"`
	Keys      []KeyMove `json:"keys"`
}

// KeyMove is what became of one key found in an imported file.
type KeyMove struct {
	Service string `json:"service"`
	Host    string `json:"host"`
	// ProfileID is where the key went; empty when it was not moved.
	ProfileID string `json:"profileId,omitempty"`
	// Why it was not moved, when it was not.
	Why string `json:"why,omitempty"`
}

var importNames = map[importer.Format]string{importer.NextChat: "NextChat", importer.Chatbox: "Chatbox", importer.ChatGPT: "ChatGPT"}

// Import reads another app's export and stores its conversations in one
// transaction: all of them or, on failure, none.
func (c *Core) Import(ctx context.Context, format importer.Format, data []byte, opts ImportOptions) (ImportSummary, error) {
	r, err := importer.Parse(format, data)
	if err != nil {
		return ImportSummary{}, err
	}
	sum := ImportSummary{Format: format, Skipped: r.Skipped, KeysFound: len(r.Keys), Keys: []KeyMove{}}
	p, created, err := c.importProfile(ctx, r, opts.ProfileID)
	if err != nil {
		return sum, err
	}
	sum.ProfileID, sum.ProfileName, sum.CreatedProfile = p.ID, p.Name, created
	res, err := c.store.Import(ctx, p.ID, r.Conversations)
	if err != nil {
		if created {
			_ = c.store.DeleteProfile(ctx, p.ID)
		}
		return sum, problem.Wrap(err, problem.KindInternal, "Nothing was imported",
			"The import failed part-way and was undone: "+err.Error(), "Check that the disk has space, then import again.")
	}
	sum.Conversations, sum.Messages, sum.AlreadyThere = res.Conversations, res.Messages, len(res.Duplicates)
	if opts.MoveKeys {
		sum.Keys = c.moveKeys(ctx, r.Keys)
	} else {
		for _, k := range r.Keys {
			sum.Keys = append(sum.Keys, KeyMove{Service: k.Service, Host: hostOf(k.BaseURL), Why: "not moved: import again with --keys"})
		}
	}
	return sum, nil
}

// importProfile is the profile an import goes to: the one asked for, else
// a profile on the host the file's chats were sent to, else a new one.
func (c *Core) importProfile(ctx context.Context, r importer.Result, id string) (store.Profile, bool, error) {
	if id != "" {
		p, err := c.store.Profile(ctx, id)
		return p, false, err
	}
	base := cmp.Or(r.BaseURL, "https://api.openai.com/v1")
	profiles, err := c.store.Profiles(ctx)
	if err != nil {
		return store.Profile{}, false, err
	}
	for _, p := range profiles {
		if p.Kind == providers.KindOpenAI && SameOrigin(p.BaseURL, base) {
			return p, false, nil
		}
	}
	p, err := c.SaveProfile(ctx, store.Profile{Name: importNames[r.Format] + " (imported)", Kind: providers.KindOpenAI,
		BaseURL: base, Model: cmp.Or(r.Model, "gpt-4o-mini")})
	return p, err == nil, err
}

// moveKeys saves each key for the first profile on its host that has no
// key yet; a key is never sent anywhere but the host it was stored for.
func (c *Core) moveKeys(ctx context.Context, keys []importer.Key) []KeyMove {
	out := []KeyMove{}
	profiles, _ := c.store.Profiles(ctx)
	taken := map[string]bool{}
	for _, k := range keys {
		m := KeyMove{Service: k.Service, Host: hostOf(k.BaseURL)}
		m.Why = "no profile on " + m.Host + ": add one (parley-cli profiles add), then import again with --keys"
		if m.Host == "" {
			m.Why = "the file does not say where this key is used"
		}
		for _, p := range profiles {
			if m.Host == "" || !SameOrigin(p.BaseURL, k.BaseURL) || taken[p.ID] {
				continue
			}
			if st, err := c.keys.Status(p.ID); err == nil && st.Set {
				m.Why = "the profile " + p.Name + " on " + m.Host + " already has a key; it was kept"
				continue
			}
			if _, err := c.keys.Set(p.ID, strings.TrimSpace(k.Secret)); err != nil {
				m.Why = problem.From(err).Title
				break
			}
			m.ProfileID, m.Why, taken[p.ID] = p.ID, "", true
			break
		}
		out = append(out, m)
	}
	return out
}

// hostOf is the host (and port) of a base URL, for telling the user where a
// key belongs; matching uses [SameOrigin].
func hostOf(baseURL string) string {
	u, err := url.Parse(strings.TrimSpace(baseURL))
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}
