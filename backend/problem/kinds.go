package problem

import "strings"

// Kinds lists every [Kind]. main.go binds it with Wails' EnumBind, so the
// frontend's kinds are the generated enum problem.Kind, never re-declared.
var Kinds = []Kind{
	KindAuth,
	KindForbidden,
	KindNotFound,
	KindModel,
	KindRateLimit,
	KindQuota,
	KindBadRequest,
	KindTooLarge,
	KindFiltered,
	KindServer,
	KindOverloaded,
	KindHTML,
	KindEmpty,
	KindDNS,
	KindRefused,
	KindTLS,
	KindProxy,
	KindTimeout,
	KindNetwork,
	KindStreamBroken,
	KindProviderError,
	KindRedirect,
	KindKeychain,
	KindNoKey,
	KindInvalidInput,
	KindCanceled,
	KindInternal,
}

// TSName is the kind's member name in the generated TypeScript enum
// (KindRateLimit is Kind.RATE_LIMIT = "rate_limit").
func (k Kind) TSName() string { return strings.ToUpper(string(k)) }
