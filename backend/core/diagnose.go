package core

import (
	"context"

	"parley/backend/doctor"
	"parley/backend/keychain"
	"parley/backend/llm"
	"parley/backend/problem"
	"parley/backend/providers"
)

// KeySaved is what saving a key reports: its status, and advice when the
// key looks like it belongs to another provider.
type KeySaved struct {
	keychain.Status
	Advice []providers.Advice `json:"advice"`
}

// SaveKey normalises key, saves it in the keychain for a profile and says
// whether it looks wrong for that profile (it is saved either way: the user
// may know better).
func (c *Core) SaveKey(ctx context.Context, profileID, key string) (KeySaved, error) {
	p, err := c.store.Profile(ctx, profileID)
	if err != nil {
		return KeySaved{}, err
	}
	st, err := c.keys.Set(profileID, key)
	if err != nil {
		return KeySaved{}, err
	}
	clean, _ := keychain.Normalize(key)
	return KeySaved{Status: st, Advice: nonNil(providers.AdviseKey(p.Kind, p.Preset, clean))}, nil
}

// AdviseBaseURL recognises common base-URL mistakes for a kind of profile.
func (c *Core) AdviseBaseURL(kind, baseURL string) []providers.Advice {
	return nonNil(providers.AdviseBaseURL(kind, baseURL))
}

// TestConnection runs the connection doctor for a saved profile with its
// key, reporting each step to report as it finishes.
func (c *Core) TestConnection(ctx context.Context, profileID string, report func(doctor.Step)) ([]doctor.Step, error) {
	p, err := c.store.Profile(ctx, profileID)
	if err != nil {
		return nil, err
	}
	key, err := c.keyFor(p)
	if pr := problem.From(err); pr != nil && pr.Kind != problem.KindNoKey {
		return nil, err
	}
	named := func(s doctor.Step) doctor.Step {
		if s.Problem != nil && s.Problem.Kind == problem.KindAuth && key != "" {
			s.Problem.KeyHint = keychain.Hint(key)
		}
		return s
	}
	client, err := c.clientFor(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	// The doctor reports the first failure as it is: the profile's waits,
	// no retries.
	n := c.network(p)
	n.Retry = llm.Retry{}
	ctx = llm.WithNetwork(ctx, n)
	steps := doctor.Run(ctx, doctor.Config{Kind: p.Kind, BaseURL: p.BaseURL, Model: p.Model, Key: key}, client,
		func(s doctor.Step) {
			if report != nil {
				report(named(s))
			}
		})
	for i := range steps {
		steps[i] = named(steps[i])
	}
	return steps, nil
}

func nonNil(a []providers.Advice) []providers.Advice {
	if a == nil {
		return []providers.Advice{}
	}
	return a
}
