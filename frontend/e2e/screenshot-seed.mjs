// Leaves behind the conversation docs/screenshot.png shows: a profile on the
// fake provider and a long technical answer with code, a table and math.
// scripts/screenshot.sh runs it through scripts/e2e.sh (it is not one of the
// *.test.mjs files the suite runs). The fake's `echo` model repeats the
// prompt, so the prompt is the answer to show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './driver.mjs';

const APP = process.env.PARLEY_URL;
const FAKE = process.env.LLMTEST_URL;
const KEY = process.env.E2E_KEY;
assert.ok(APP && FAKE && KEY, 'run through scripts/e2e.sh');

const answer = String.raw`Here is a token-bucket rate limiter that stays correct under concurrency.

## How it works

A bucket holds at most $b$ tokens and refills at rate $r$ per second, so after $\Delta t$ seconds it holds
$\min(b,\ n + r\,\Delta t)$ tokens. Over any window of length $T$ the limiter admits at most

$$
N(T) \le b + r\,T
$$

requests, which is what makes bursts safe.

~~~go
// Allow reports whether one more request may go now.
func (l *Limiter) Allow() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := time.Now()
	l.tokens = min(l.burst, l.tokens+l.rate*now.Sub(l.last).Seconds())
	l.last = now
	if l.tokens < 1 {
		return false
	}
	l.tokens--
	return true
}
~~~

| Setting | Value | Effect |
|:--------|------:|--------|
| rate | 5 /s | steady throughput |
| burst | 20 | requests allowed at once |
| wait | $1/r$ = 200 ms | between requests once empty |

- [x] safe for concurrent callers
- [ ] per-key buckets (next step)`;

const diagram = 'A request through the cache\n\n' +
  '~~~mermaid\nsequenceDiagram\n  participant C as Client\n  participant L as Limiter\n  participant S as Store\n' +
  '  C->>L: Allow()?\n  L-->>C: yes\n  C->>S: query\n  S-->>C: rows\n~~~\n\n$$\\sum_{i=1}^{n} \\frac{1}{i^2} \\to \\frac{\\pi^2}{6}$$';

let browser, page;
before(async () => {
  browser = await launch({ viewport: { width: 1120, height: 760 } });
  page = browser.page;
  await page.goto(APP);
});
after(async () => browser?.close());

async function send(text) {
  const box = page.getByRole('textbox', { name: 'Message' });
  const done = page.locator('[data-testid="message-assistant"][data-status="done"]');
  const n = await done.count();
  await box.fill(text);
  await box.press('Enter');
  await done.nth(n).waitFor();
}

test('seed the screenshot conversation', async () => {
  await page.getByRole('button', { name: 'Add your first provider' }).click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill('Fake provider');
  await page.locator('#base-url').fill(FAKE);
  await page.locator('#model').fill('echo');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#key-input').fill(KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('Key saved', { exact: true }).waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+n');
  // Third in the list: long unbroken lines, to see them wrap in WebKitGTK.
  await send(`Why does my SQLite file grow after deletes? The log says\n\n${'ab12'.repeat(150)}\n\n~~~sh\nsqlite3 app.db "${'PRAGMA x; '.repeat(40)}"\n~~~\n\nThat is all.`);
  // Second in the list: scripts/screenshot.sh opens it to see a diagram drawn.
  await page.keyboard.press('Control+n');
  await send(diagram);
  await page.keyboard.press('Control+n');
  await send(`Rate limiter in Go, with the maths\n\n${answer}`);
});
