#!/usr/bin/env bash
# make bench: every speed figure of docs/performance.md, each printed with
# the command that reruns it. Run under a session bus with an unlocked
# keyring (make bench does): the chat benchmarks store a key.
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}

run() {
	printf '\n== %s\n   rerun: %s\n' "$1" "$2"
	(eval "$2")
}

run "1. parsing: each protocol's adapter, and OpenAI's beside openai-go and go-openai (100,000 events)" \
	"cd bench && $GO run ./cmd/parsebench"
run "2. latency added between the provider's write and the Emitter, at 100 and 3,000 events/s" \
	"$GO test -run '^\$' -bench DeltaLatency -count=3 ./backend/chat/"
run "3. a turn at 0, 2,000 and 10,000 messages of history: time to first delta, request size" \
	"$GO test -run '^\$' -bench TurnWithHistory -count=3 ./backend/chat/"
run "4. frames in the real app while a 50 KB answer with a 20 KB code block streams (Chromium, then WebKitGTK)" \
	"(cd frontend && npm run build --silent >/dev/null) && APP_ADDR=\${BENCH_APP_ADDR:-127.0.0.1:34199} E2E_FILES=e2e/bench-frames.mjs scripts/e2e.sh"
run "5-6. memory and start-up of the built window, idle and with 1,000 messages, beside an empty Wails app" \
	"GO=$GO scripts/bench-window.sh"
run "the other benchmarks (store, history, import, whole turn, parser per package)" \
	"$GO test -run '^\$' -bench . -skip 'DeltaLatency|TurnWithHistory' -benchmem -count=5 ./backend/..."

# History (issue 9): medians of five runs, each on a real SQLite file.
# Layers: core is what the window calls to open a conversation (outline of
# the branch, then one page's text); store is the queries under it and the
# search; importer parses the file and stores it in one transaction.
run "7. history, medians: open a 10,000-message conversation, search 100,000 messages, import a 5,000-conversation NextChat file" \
	"{ $GO test -run '^\$' -bench MessagePage10k -count=5 ./backend/core/ && $GO test -run '^\$' -bench 'OpenConversation10k|Search100k' -count=5 ./backend/store/ && $GO test -run '^\$' -bench ImportNextChat5000 -count=5 ./backend/importer/; } | awk -f scripts/bench-medians.awk"
