package core_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"parley/backend/core"
)

// config is a data folder and a keychain service of the test's own: what
// Parley sees on its first start on a new computer.
func config(t testing.TB) core.Config {
	return core.Config{DataDir: t.TempDir(), KeychainService: fmt.Sprintf("parley-test-core-%d", time.Now().UnixNano())}
}

// openCore opens a Core on cfg, closed when the test ends (closing it
// again earlier is fine).
func openCore(t testing.TB, cfg core.Config) *core.Core {
	t.Helper()
	c, err := core.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// open opens a fresh Core.
func open(t testing.TB) *core.Core { return openCore(t, config(t)) }

// eventually polls until done reports true: how a test waits for a stream
// running in another part of Parley to get somewhere.
func eventually(done func() bool) {
	for !done() {
		time.Sleep(20 * time.Millisecond)
	}
}
