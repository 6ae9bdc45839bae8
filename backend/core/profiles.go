package core

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"parley/backend/keychain"
	"parley/backend/problem"
	"parley/backend/providers"
	"parley/backend/store"
)

// Presets lists the well-known services a profile can start from; each
// has a model list, empty for the custom ones.
func (c *Core) Presets() []providers.Preset {
	ps := providers.Presets()
	for i := range ps {
		if ps[i].Models == nil {
			ps[i].Models = []string{}
		}
	}
	return ps
}

// Profiles lists the user's profiles with what policy says about each.
func (c *Core) Profiles(ctx context.Context) ([]ProfileView, error) {
	ps, err := c.store.Profiles(ctx)
	return viewsOf(ps, err, viewOf)
}

// SaveProfile checks and stores a profile; an empty ID adds a new one.
func (c *Core) SaveProfile(ctx context.Context, p store.Profile) (store.Profile, error) {
	p.Name, p.Model = strings.TrimSpace(p.Name), strings.TrimSpace(p.Model)
	if p.Kind == "" {
		p.Kind = providers.KindOpenAI
	}
	base, err := providers.CheckBaseURL(p.BaseURL)
	if err != nil {
		return p, err
	}
	p.BaseURL = base
	if p.Name == "" {
		return p, problem.Explain(problem.KindInvalidInput, "invalid_input.name", nil)
	}
	if p.Model == "" {
		return p, problem.Explain(problem.KindInvalidInput, "invalid_input.model", nil)
	}
	if err := c.forgetKeyOnNewHost(ctx, p); err != nil {
		return p, err
	}
	return c.store.SaveProfile(ctx, p)
}

// forgetKeyOnNewHost removes a profile's key when its base URL moves to
// another origin: a key is only ever sent where the user entered it, so
// nothing (an injected script included) can redirect it by editing a URL.
func (c *Core) forgetKeyOnNewHost(ctx context.Context, p store.Profile) error {
	if p.ID == "" {
		return nil
	}
	old, err := c.store.Profile(ctx, p.ID)
	if err != nil {
		return nil // a new profile with a chosen id
	}
	if SameOrigin(old.BaseURL, p.BaseURL) {
		return nil
	}
	return c.keys.Delete(p.ID)
}

// WouldForgetKey reports whether saving profile id with baseURL would
// remove its saved key (the URL leaves the key's origin), so the window can
// warn before it happens.
func (c *Core) WouldForgetKey(ctx context.Context, id, baseURL string) bool {
	old, err := c.store.Profile(ctx, id)
	if err != nil || SameOrigin(old.BaseURL, baseURL) {
		return false
	}
	st, err := c.keys.Status(id)
	return err == nil && st.Set
}

// DeleteProfile removes a profile, its conversations and its key. A
// profile whose server takes no key is removed even when the keychain
// cannot be reached: there is nothing of it there to leave behind.
func (c *Core) DeleteProfile(ctx context.Context, id string) error {
	// A profile that takes no key can be removed without a keychain; any
	// other must have its key (and its proxy login) removed with it.
	p, perr := c.store.Profile(ctx, id)
	keyless := perr == nil && NeedsKey(p) == KeyNone
	for _, account := range []string{id, proxyAccount(id)} {
		if err := c.keys.Delete(account); err != nil && !(keyless && keychain.Unavailable(err)) {
			return err
		}
	}
	c.proxies.reset()
	return c.store.DeleteProfile(ctx, id)
}

// Endpoint is the exact URL a chat request for kind at baseURL goes to, or
// "" while the base URL has a query or fragment: no request would be sent
// there as typed, and [Core.AdviseBaseURL] says why.
func (c *Core) Endpoint(kind, baseURL, model string) string {
	if u, err := url.Parse(strings.TrimSpace(baseURL)); err != nil || u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return ""
	}
	return providers.Endpoint(kind, baseURL, strings.TrimSpace(model))
}

// KeyStatus says whether a key is saved for a profile, with its masked hint,
// or that the keychain could not be asked and why. A profile whose server
// takes no key ([KeyNone]) is answered without asking the keychain.
func (c *Core) KeyStatus(ctx context.Context, profileID string) (keychain.Status, error) {
	if p, err := c.store.Profile(ctx, profileID); err == nil && NeedsKey(p) == KeyNone {
		return keychain.Status{}, nil
	}
	return c.keys.Status(profileID)
}

// DeleteKey removes a profile's key from the keychain.
func (c *Core) DeleteKey(profileID string) error { return c.keys.Delete(profileID) }

// keyFor is the key to send for p outside a chat turn, by the same rule as
// a turn: none, without asking the keychain, for a server that takes no
// key; none when the profile may go without one and none is saved or the
// keychain is out of reach; a missing key or an unreachable keychain is an
// error only for a profile that needs a key.
func (c *Core) keyFor(p store.Profile) (string, error) {
	need := NeedsKey(p)
	if need == KeyNone {
		return "", nil
	}
	key, err := c.keys.Get(p.ID)
	var pr *problem.Problem
	if err != nil && need == KeyOptional && errors.As(err, &pr) && (pr.Kind == problem.KindNoKey || pr.Kind == problem.KindKeychain) {
		c.log.Warn("no key read for a profile that may go without one", "profile", p.ID, "err", err)
		return "", nil
	}
	return key, err
}

// Key returns a profile's key for a request made outside a chat turn (the
// CLI). It must never be exposed to the UI.
func (c *Core) Key(profileID string) (string, error) { return c.keys.Get(profileID) }
