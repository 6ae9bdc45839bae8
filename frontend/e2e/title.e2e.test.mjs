// End-to-end: the title a model gives a conversation after its first answer
// (Settings → Chats), in the real app (wails dev, live Go bindings, real
// keychain, real SQLite) driven in each browser engine (driver.mjs), with
// llmtest's "titled" model, whose every reply reads as a title. Self-
// contained: it adds its own provider and removes it, and turns the setting
// off again. Started by scripts/e2e.sh
// (E2E_FILES=e2e/title.e2e.test.mjs runs this file alone).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL; // e.g. http://127.0.0.1:8089/v1
const ROOT = FAKE?.replace(/\/v1$/, '');
const GOOD_KEY = process.env.E2E_KEY;
assert.ok(FAKE && GOOD_KEY, 'run through scripts/e2e.sh');

const SETTING = 'Ask the model for a short title after the first answer';
let browser, page;
const pageErrors = [];

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 800 } });
  page = browser.page;
  page.on('pageerror', (e) => !/\/wails\/ipc\.js/.test(e.stack ?? '') && pageErrors.push(e.stack ?? e.message));
  await page.goto(APP);
  await page.locator('aside').waitFor();
});

afterEach(async (t) => shot(page, `title-${t.name}`));

after(async () => {
  await page?.evaluate(async () => {
    const App = window.go.main.App;
    for (const p of await App.Profiles()) if (p.name.startsWith('Title ')) await App.DeleteProfile(p.id);
    await App.SetSetting('chats.modelTitle', '');
  });
  await browser?.close();
  assert.deepEqual(pageErrors, []);
});

const settingsView = () => page.getByTestId('settings');
const composer = () => page.getByRole('textbox', { name: 'Message' });
const conv = (title) => page.locator('li.conv').filter({ hasText: title });
const done = () => page.locator('[data-testid="message-assistant"][data-status="done"]');

async function openChats() {
  if (!(await settingsView().count())) await page.keyboard.press('Control+,');
  await settingsView().waitFor();
  await settingsView().locator('nav').getByRole('button', { name: 'Chats', exact: true }).click();
}

async function closeSettings() {
  await page.keyboard.press('Escape');
  await settingsView().waitFor({ state: 'detached' });
}

/** chatBodies are the bodies of the chat requests the fake received. */
async function chatBodies() {
  const reqs = await (await fetch(`${ROOT}/_llmtest/requests`)).json();
  return reqs.filter((r) => r.path.endsWith('/chat/completions')).map((r) => r.body);
}

async function send(text) {
  await composer().fill(text);
  await composer().press('Enter');
}

test('with the setting off, a conversation is named after the first line of the question', async () => {
  await page.getByRole('button', { name: '+ Add provider' }).first().click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill('Title fake');
  await page.locator('#base-url').fill(FAKE);
  await page.locator('#model').fill('titled');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#key-input').fill(GOOD_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved in the system keychain' }).waitFor();
  if (await page.locator('#key-input').count()) await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
  await page.locator('header.bar h1').filter({ hasText: 'Title fake' }).waitFor();

  await openChats();
  assert.equal(await settingsView().getByLabel(SETTING).isChecked(), false, 'off by default');
  await closeSettings();
  await send('Which **oolong** should I try?\nSomething floral.');
  await done().filter({ hasText: 'Steep at 80 °C.' }).waitFor();
  await conv('Which oolong should I try?').waitFor();
  assert.ok(!(await chatBodies()).some((b) => b.includes('short title')), 'no title was asked for');
});

test('with the setting on, the sidebar row takes the title the model gave', async () => {
  await openChats();
  await settingsView().getByLabel(SETTING).check();
  await closeSettings();
  // Stored in Go: a reload still has it on.
  await page.reload();
  await page.locator('header.bar h1').filter({ hasText: 'Title fake' }).waitFor();
  await openChats();
  assert.equal(await settingsView().getByLabel(SETTING).isChecked(), true, 'the setting is kept');
  await closeSettings();

  await page.keyboard.press('Control+n');
  await page.getByText('Ask Title fake anything.').waitFor();
  await send('How do I brew **green tea**?\nI have a kettle.');
  await done().filter({ hasText: 'Steep at 80 °C.' }).waitFor();
  // The model's reply, '## "Green Tea Brewing Basics"' and more, cleaned.
  await conv('Green Tea Brewing Basics').waitFor();
  assert.equal(await conv('How do I brew green tea?').count(), 0, 'the automatic title was replaced');
  assert.ok((await chatBodies()).at(-1).includes('short title'), 'the title was asked of the same provider');
  // The earlier conversation keeps its title, and the answer is the only message.
  await conv('Which oolong should I try?').waitFor();
  assert.equal(await page.locator('[data-testid="message-assistant"]').count(), 1);
});
