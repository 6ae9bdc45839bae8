// End-to-end: what the window shows while the network misbehaves, in the
// real app, in each browser engine (driver.mjs) (wails dev, live Go bindings, real keychain, real SQLite) with
// llmtest as the provider: a stream gone silent asks "keep waiting / stop",
// a failure before any text is retried with a note. Self-contained: it adds
// its own profiles. E2E_FILES=e2e/network.e2e.test.mjs runs this file alone.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL; // e.g. http://127.0.0.1:8089/v1
const GOOD_KEY = process.env.E2E_KEY;
assert.ok(FAKE && GOOD_KEY, 'run through scripts/e2e.sh');

let browser, page;

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 800 } });
  page = browser.page;
  await page.goto(APP);
  await page.getByRole('button', { name: '+ Add provider' }).waitFor();
});

afterEach(async (t) => shot(page, `network-${t.name}`));

after(async () => {
  await browser?.close();
});

const answer = () => page.locator('[data-testid="message-assistant"]').last();
const note = () => answer().getByTestId('net-note');

async function send(text) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

/** addProfile adds a custom profile with its key, and the idle wait in seconds when given. */
async function addProfile({ name, model, idle }) {
  await page.getByRole('button', { name: '+ Add provider' }).click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill(name);
  await page.locator('#base-url').fill(FAKE);
  await page.locator('#model').fill(model);
  if (idle) {
    await page.getByText('Network waits').click();
    await page.locator('#idle-timeout').fill(String(idle));
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#key-input').fill(GOOD_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved in the system keychain' }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
  await page.locator('header.bar h1').filter({ hasText: name }).waitFor();
}

test('a silent stream asks to keep waiting or stop, and Stop keeps the text', async () => {
  await addProfile({ name: 'Net silent', model: 'stall', idle: 1 });
  await send('Talk, then go quiet');
  await note().filter({ hasText: 'No data for 1 s' }).waitFor();
  await note().getByRole('button', { name: 'Keep waiting' }).click();
  // Kept waiting: the note goes, and comes back after the next wait.
  await note().filter({ hasText: 'No data for 2 s' }).waitFor();
  await note().getByRole('button', { name: 'Stop' }).click();
  await page.locator('[data-testid="message-assistant"][data-status="stopped"]').last().waitFor();
  assert.match(await answer().locator('.md').innerText(), /Some text,/);
  assert.equal(await note().count(), 0, 'the note is gone once the answer ended');
});

test('unanswered, the silence ends with the idle timeout named', async () => {
  await send('Again');
  await note().filter({ hasText: 'No data for 1 s' }).waitFor();
  await page.locator('[data-testid="message-assistant"][data-status="error"]').last().waitFor();
  await answer().getByText('The answer stalled: no data for 2 s').waitFor();
  assert.match(await answer().locator('.md').first().innerText(), /Some text,/);
});

test('a failure before any text is retried with a note, and answered once', async () => {
  await addProfile({ name: 'Net flaky', model: 'overloaded-once' });
  // The note is shown while the retry waits (2 s): an observer sees it however slowly the driver polls.
  await page.evaluate(() => {
    window.__retryNoteSeen = false;
    const look = () => {
      for (const n of document.querySelectorAll('[data-testid="net-note"]'))
        if (n.textContent.includes('retrying in 2 s (1 of 2)')) window.__retryNoteSeen = true;
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await send('Try again for me');
  await page.locator('[data-testid="message-assistant"][data-status="done"]').last().waitFor();
  assert.ok(await page.evaluate(() => window.__retryNoteSeen), 'the note "retrying in 2 s (1 of 2)" was shown');
  assert.equal((await answer().locator('.md').first().innerText()).trim(), 'Back again.');
  assert.equal(await page.locator('[data-testid="message-assistant"]').count(), 1, 'one answer, not one per try');
});
