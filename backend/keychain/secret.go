package keychain

import (
	"errors"

	"github.com/zalando/go-keyring"
)

// SetSecret stores a secret other than a provider key (a proxy's user name
// and password) under account, as given: it is not a key, so it is not
// normalised.
func (k *Keychain) SetSecret(account, secret string) error {
	if err := keyring.Set(k.service, account, secret); err != nil {
		return unavailable("save the proxy credentials", err)
	}
	return nil
}

// Secret returns the secret stored under account, and whether there is one.
func (k *Keychain) Secret(account string) (string, bool, error) {
	s, err := keyring.Get(k.service, account)
	if errors.Is(err, keyring.ErrNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, unavailable("read the proxy credentials", err)
	}
	return s, true, nil
}
