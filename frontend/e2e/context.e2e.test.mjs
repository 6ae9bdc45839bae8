// End-to-end: the line under the composer says what the next request sends
// of the conversation, and the context setting in Parameters trims what
// reaches the provider. In each browser engine (driver.mjs). Self-contained
// (it adds its own profile); started by scripts/e2e.sh
// (E2E_FILES=e2e/context.e2e.test.mjs runs it alone).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL;
const ROOT = FAKE?.replace(/\/v1$/, '');
const GOOD_KEY = process.env.E2E_KEY;
assert.ok(FAKE && GOOD_KEY, 'run through scripts/e2e.sh');

let browser, page;

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 800 } });
  page = browser.page;
  await page.goto(APP);
  await page.getByRole('button', { name: '+ Add provider' }).waitFor();
});

afterEach(async (t) => shot(page, `context-${t.name}`));

after(async () => {
  await browser?.close();
});

const composer = () => page.getByRole('textbox', { name: 'Message' });
const line = () => page.getByTestId('context');

/** send sends text and waits for its own answer to end (not an earlier one). */
async function send(text) {
  const done = page.locator('[data-testid="message-assistant"][data-status="done"]');
  const before = await done.count();
  await composer().fill(text);
  await composer().press('Enter');
  await done.nth(before).waitFor();
}

async function lastBody() {
  const reqs = await (await fetch(`${ROOT}/_llmtest/requests`)).json();
  const chats = reqs.filter((r) => r.path.endsWith('/chat/completions'));
  return JSON.parse(chats[chats.length - 1].body);
}

test('the composer says what will be sent, and the context setting trims it', async () => {
  await page.getByRole('button', { name: '+ Add provider' }).click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill('Context');
  await page.locator('#base-url').fill(FAKE);
  await page.locator('#model').fill('echo');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#key-input').fill(GOOD_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved in the system keychain' }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });

  await send('one');
  await send('two');
  await line().filter({ hasText: /^4 messages · ~\d+ tokens$/ }).waitFor();

  await page.getByRole('button', { name: 'Parameters' }).click();
  const tune = page.getByRole('region', { name: 'Conversation parameters' });
  await tune.getByLabel('Context: last messages').fill('3');
  await tune.getByLabel('Context: last messages').press('Tab');
  await line().filter({ hasText: /^last 3 messages · ~\d+ tokens$/ }).waitFor();

  await send('three');
  const sent = (await lastBody()).messages.map((m) => m.content);
  assert.deepEqual(sent.slice(0, 2), ['two', 'You said: two — streamed by llmtest.'], 'the oldest messages are left out');
  assert.equal(sent.length, 3);
  assert.equal(sent[2], 'three');

  // A budget smaller than the last answer: the line says nothing earlier
  // goes with the next message, and nothing does.
  await tune.getByLabel('Context budget (tokens)').fill('5');
  await tune.getByLabel('Context budget (tokens)').press('Tab');
  await line().filter({ hasText: /^no earlier message fits the context budget · only the new one is sent$/ }).waitFor();
  await send('four');
  assert.deepEqual((await lastBody()).messages.map((m) => m.content), ['four'], 'only the new message is sent');
});
