// End-to-end: the chat's flow in the real app (wails dev, live Go bindings,
// real keychain, real SQLite) driven in each browser engine (driver.mjs),
// with llmtest as the provider. Self-contained: it adds its own profiles. Started by
// scripts/e2e.sh (E2E_FILES=e2e/flow.e2e.test.mjs runs this file alone).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { clipboardText, launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL; // e.g. http://127.0.0.1:8089/v1
const ROOT = FAKE?.replace(/\/v1$/, '');
const GOOD_KEY = process.env.E2E_KEY;
assert.ok(FAKE && GOOD_KEY, 'run through scripts/e2e.sh');

let browser, page;
const pageErrors = [];

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 800 }, clipboard: true });
  page = browser.page;
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && pageErrors.push(m.text()));
  await page.goto(APP);
  await page.getByRole('button', { name: '+ Add provider' }).waitFor();
});

afterEach(async (t) => {
  await shot(page, `flow-${t.name}`);
});

after(async () => {
  await browser?.close();
});

const composer = () => page.getByRole('textbox', { name: 'Message' });
const streamingAnswer = () => page.locator('[data-testid="message-assistant"][data-status="streaming"]');

async function send(text) {
  await composer().fill(text);
  await composer().press('Enter');
}

/** addProfile adds a profile through the dialog, saving the key when given. */
async function addProfile({ preset, name, baseUrl, model, key }) {
  await page.getByRole('button', { name: '+ Add provider' }).click();
  await page.locator('#preset').selectOption(preset);
  await page.locator('#name').fill(name);
  await page.locator('#base-url').fill(baseUrl);
  await page.locator('#model').fill(model);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#model').waitFor({ state: 'detached' });
  if (key) {
    await page.locator('#key-input').fill(key);
    await page.getByRole('button', { name: 'Save key' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved in the system keychain' }).waitFor();
  }
  if (await page.locator('#key-input').count()) await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
  await page.locator('header.bar h1').filter({ hasText: name }).waitFor();
}

const provider = (name) => page.locator('ul.profiles button.item').filter({ hasText: name });

async function openProvider(name) {
  await provider(name).click();
  await page.locator('header.bar h1').filter({ hasText: name }).waitFor();
}

/** answerText is the text of the answer streaming now. */
const answerText = async () => (await streamingAnswer().locator('.md').innerText()).trim();

/** keepsGrowing waits until the streaming answer is longer than it is now. */
async function keepsGrowing() {
  const now = (await answerText()).length;
  await page.waitForFunction(
    (n) => {
      const md = document.querySelector('[data-testid="message-assistant"][data-status="streaming"] .md');
      return !!md && md.textContent.trim().length > n;
    },
    now,
    { timeout: 10_000 },
  );
}

/** startSlow sends to the slow model and waits for its first words. */
async function startSlow(text) {
  await send(text);
  await streamingAnswer().locator('.md').filter({ hasText: /Parley keeps every/ }).waitFor();
}

/** stopsWith ends the live answer with how (Esc or the Stop button) and checks the composer is back to Send. */
async function stopsWith(how) {
  if (how === 'Escape') await page.keyboard.press('Escape');
  else await page.getByRole('button', { name: /Stop/ }).click();
  await page.locator('[data-testid="message-assistant"][data-status="stopped"]').last().waitFor({ timeout: 5000 });
  await page.getByRole('button', { name: 'Send' }).waitFor();
  assert.equal(await streamingAnswer().count(), 0);
  await composer().fill('the composer sends again');
  assert.ok(await page.getByRole('button', { name: 'Send' }).isEnabled());
  await composer().fill('');
}

test('set up: a slow provider with a key, and a second provider', async () => {
  await addProfile({ preset: 'custom', name: 'Flow slow', baseUrl: FAKE, model: 'slow', key: GOOD_KEY });
  await addProfile({ preset: 'ollama', name: 'Flow Ollama', baseUrl: ROOT, model: 'echo' });
});

test('an answer keeps streaming after switching provider and back, and Esc stops it', async () => {
  await openProvider('Flow slow');
  await page.keyboard.press('Control+n');
  await startSlow('story one');
  await openProvider('Flow Ollama');
  await page.waitForTimeout(600); // deltas arrive while another provider is shown
  await openProvider('Flow slow');
  await streamingAnswer().waitFor();
  await keepsGrowing();
  await keepsGrowing();
  await composer().focus();
  await stopsWith('Escape');
});

test('an answer keeps streaming after switching conversation and back, and Stop stops it', async () => {
  await openProvider('Flow slow');
  await page.keyboard.press('Control+n');
  await startSlow('story two');
  const conv = page.locator('li.conv').filter({ hasText: 'story two' });
  await page.keyboard.press('Control+n');
  await page.locator('.empty').filter({ hasText: 'Ask Flow slow anything' }).waitFor();
  await page.waitForTimeout(600);
  await conv.locator('button.item').click();
  await streamingAnswer().waitFor();
  await keepsGrowing();
  await stopsWith('button');
});

test('an answer keeps streaming after the window reloads, and Stop stops it', async () => {
  await openProvider('Flow slow');
  await page.keyboard.press('Control+n');
  await startSlow('story three');
  await page.reload();
  await openProvider('Flow slow');
  await page.locator('li.conv').filter({ hasText: 'story three' }).locator('button.item').click();
  await streamingAnswer().waitFor();
  await keepsGrowing();
  await keepsGrowing();
  await stopsWith('button');
});

test('Continue goes on from a stopped answer, in the same message', async () => {
  const stopped = page.locator('[data-testid="message-assistant"]').last();
  const kept = (await stopped.locator('.md').innerText()).trim();
  await stopped.getByRole('button', { name: 'Continue' }).click();
  await streamingAnswer().waitFor();
  await keepsGrowing();
  const grown = await answerText();
  assert.ok(grown.startsWith(kept), 'the continuation is appended to the kept text');
  assert.equal(await page.locator('[data-testid="message-assistant"]').count(), 1, 'no second answer');
  await stopsWith('button');
});

test('Ollama needs no key: its header offers none', async () => {
  await openProvider('Flow Ollama');
  assert.equal(await page.locator('header.bar').getByText('Set API key').count(), 0);
  assert.equal(await provider('Flow Ollama').locator('.dot').getAttribute('title'), 'Needs no key');
  await send('hello ollama');
  const done = page.locator('[data-testid="message-assistant"][data-status="done"]').last();
  await done.waitFor();
  assert.match(await done.innerText(), /You said: hello ollama/);
});

test('the key stays with its origin: moving https to http, or http to https, warns it will be removed', async () => {
  await openProvider('Flow slow');
  await page.locator('header.bar').getByRole('button', { name: 'Edit', exact: true }).click(); // the profile editor (Ctrl+, opens Settings)
  await page.locator('#base-url').fill(FAKE.replace(/^http:/, 'https:'));
  await page.getByTestId('host-change').waitFor();
  await page.locator('#base-url').fill(FAKE + '/');
  await page.getByTestId('host-change').waitFor({ state: 'detached' });
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
});

test('Edit profile → Delete removes the profile, its conversations and its key', async () => {
  await addProfile({ preset: 'custom', name: 'Doomed', baseUrl: FAKE, model: 'echo', key: GOOD_KEY });
  await send('soon gone');
  await page.locator('[data-testid="message-assistant"][data-status="done"]').last().waitFor();
  const id = await page.evaluate(async () => (await window.go.main.App.Profiles()).find((p) => p.name === 'Doomed').id);
  const errorsBefore = pageErrors.length;
  await page.locator('header.bar').getByRole('button', { name: 'Edit', exact: true }).click(); // the profile editor (Ctrl+, opens Settings)
  await page.getByRole('button', { name: 'Delete provider' }).click();
  await page.getByRole('button', { name: 'Delete it, its conversations and its key' }).click();
  await provider('Doomed').waitFor({ state: 'detached' });
  await page.locator('header.bar h1').filter({ hasText: 'Doomed' }).waitFor({ state: 'detached' });
  const left = await page.evaluate(async (id) => {
    const app = window.go.main.App;
    return { profiles: await app.Profiles(), key: await app.KeyStatus(id), conversations: await app.ConversationSummaries(id) };
  }, id);
  assert.ok(!left.profiles.some((p) => p.id === id), 'the profile is gone');
  assert.equal(left.key.set, false, 'the key is gone');
  assert.deepEqual(left.conversations, [], 'its conversations are gone');
  assert.deepEqual(pageErrors.slice(errorsBefore), [], 'no error on the page');
});

test('switching the preset to Custom clears the previous preset’s model and note', async () => {
  await page.getByRole('button', { name: '+ Add provider' }).click();
  await page.locator('#preset').selectOption('openai');
  assert.equal(await page.locator('#model').inputValue(), 'gpt-4o-mini');
  await page.locator('#preset').selectOption('custom');
  assert.equal(await page.locator('#model').inputValue(), '');
  assert.equal(await page.locator('#base-url').inputValue(), '');
  assert.equal(await page.getByTestId('model-note').count(), 0);
});

test('Fetch models on a new Custom profile says no key is set yet', async () => {
  await page.locator('#base-url').fill(FAKE);
  await page.getByRole('button', { name: 'Fetch models' }).click();
  const note = page.getByTestId('model-note');
  await note.waitFor();
  assert.match(await note.innerText(), /no key is set yet/);
  assert.doesNotMatch(await note.innerText(), /rejected/);
});

test('a base URL with a query string shows advice, not a garbled endpoint', async () => {
  await page.locator('#base-url').fill(`${FAKE}?key=abc`);
  await page.getByTestId('url-advice').first().waitFor();
  await page.getByTestId('endpoint').waitFor({ state: 'detached' });
  await page.locator('#base-url').fill(FAKE);
  await page.getByTestId('endpoint').filter({ hasText: `${FAKE}/chat/completions` }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
});

test('Esc on a dialog gives the focus back to the composer', async () => {
  await openProvider('Flow slow');
  await composer().focus();
  await page.keyboard.press('Control+k');
  await page.locator('#key-input').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Message');
});

test('the conversation actions are reached by keyboard and visible on focus', async () => {
  const item = page.locator('li.conv').first();
  const title = await item.locator('.label').innerText();
  await item.locator('button.item').focus();
  for (const name of [/^Rename$/, /^(Pin to the top|Unpin)$/, /^Delete conversation$/]) {
    await page.keyboard.press('Tab');
    const button = item.getByRole('button', { name });
    assert.ok(await button.evaluate((b) => b === document.activeElement), `Tab reaches ${name}`);
    await page.waitForFunction(
      () => getComputedStyle(document.activeElement).opacity === '1' && getComputedStyle(document.activeElement).visibility === 'visible',
    );
  }
  await page.keyboard.press('Enter'); // deletes, with Undo for a few seconds
  await page.locator('li.conv').filter({ hasText: title }).waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: title }).getByRole('button', { name: 'Undo' }).click();
  await page.locator('li.conv').filter({ hasText: title }).first().waitFor();
});

/** lastBody is the body of the last chat request the fake received. */
async function lastBody() {
  const reqs = await (await fetch(`${ROOT}/_llmtest/requests`)).json();
  const chats = reqs.filter((r) => r.path.endsWith('/chat/completions'));
  return JSON.parse(chats[chats.length - 1].body);
}

const picker = () => page.getByRole('combobox', { name: 'Model for this conversation' });

test('each conversation has its own model and parameters, and they reach the provider', async () => {
  await addProfile({ preset: 'custom', name: 'Flow params', baseUrl: FAKE, model: 'slow', key: GOOD_KEY });
  assert.equal(await picker().inputValue(), 'slow', 'a new conversation starts from the profile model');
  await picker().fill('echo');
  await picker().press('Enter');
  await page.getByRole('button', { name: 'Parameters' }).click();
  const tune = page.getByRole('region', { name: 'Conversation parameters' });
  await tune.getByLabel('System prompt').fill('Be brief.');
  await tune.getByLabel('Temperature').fill('0.3');
  await tune.getByLabel('Top-p').fill('0.9');
  await tune.getByLabel('Max output tokens').fill('123');
  await tune.getByLabel('Reasoning effort').selectOption('high');
  await composer().focus();
  await send('params please');
  const done = page.locator('[data-testid="message-assistant"][data-status="done"]').last();
  await done.waitFor();
  assert.equal((await done.locator('.md').innerText()).trim(), 'You said: params please — streamed by llmtest.');
  const body = await lastBody();
  assert.equal(body.model, 'echo');
  assert.equal(body.temperature, 0.3);
  assert.equal(body.top_p, 0.9);
  assert.equal(body.max_tokens, 123);
  assert.equal(body.reasoning_effort, 'high');
  assert.deepEqual(body.messages[0], { role: 'system', content: 'Be brief.' });

  // Another conversation starts from the profile again and sends no parameter.
  await page.keyboard.press('Control+n');
  await page.waitForFunction(() => document.querySelector('input.picker')?.value === 'slow');
  await picker().fill('echo');
  await picker().press('Enter');
  await send('plain');
  await page.locator('[data-testid="message-assistant"][data-status="done"]').last().waitFor();
  const plain = await lastBody();
  assert.equal(plain.model, 'echo');
  for (const k of ['temperature', 'top_p', 'max_tokens', 'reasoning_effort']) assert.ok(!(k in plain), `${k} was sent unset`);

  // The first conversation kept its own, across a reload too.
  await page.reload();
  await openProvider('Flow params');
  await page.locator('li.conv').filter({ hasText: 'params please' }).locator('button.item').click();
  // Its messages show once it is open (the picker says echo for the last one, reopened after the reload, too).
  await page.locator('[data-testid="message-user"]').filter({ hasText: 'params please' }).waitFor();
  assert.equal(await picker().inputValue(), 'echo');
  await page.getByRole('button', { name: 'Parameters' }).click();
  assert.equal(await tune.getByLabel('Temperature').inputValue(), '0.3');
  assert.equal(await tune.getByLabel('System prompt').inputValue(), 'Be brief.');
  await page.getByRole('button', { name: 'Parameters' }).click();
});

test('"Use <model>" on a 403 changes this conversation only', async () => {
  await addProfile({ preset: 'custom', name: 'Flow 403', baseUrl: FAKE, model: 'forbidden-model', key: GOOD_KEY });
  await send('may I?');
  const card = page.locator('[data-testid="message-assistant"]').last().getByRole('alert');
  await card.getByRole('button', { name: 'Use gpt-4o-mini' }).click();
  await page.waitForFunction(() => document.querySelector('input.picker')?.value === 'gpt-4o-mini');
  await card.getByRole('button', { name: 'Retry' }).click();
  await page.locator('[data-testid="message-assistant"][data-status="done"]').last().waitFor();
  assert.equal((await lastBody()).model, 'gpt-4o-mini');
  await page.locator('header.bar').getByRole('button', { name: 'Edit', exact: true }).click(); // the profile editor (Ctrl+, opens Settings)
  assert.equal(await page.locator('#model').inputValue(), 'forbidden-model', 'the profile keeps its model');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+n');
  await page.waitForFunction(() => document.querySelector('input.picker')?.value === 'forbidden-model');
});

const answers = () => page.locator('[data-testid="message-assistant"]');
const users = () => page.locator('[data-testid="message-user"]');
const lastDone = () => page.locator('[data-testid="message-assistant"][data-status="done"]').last();
const counter = (msg) => msg.getByTestId('alternative');

async function pickModel(name) {
  await picker().fill(name);
  await picker().press('Enter');
  await page.waitForFunction((n) => document.querySelector('header.bar .meta')?.textContent.startsWith(n + ' ·'), name);
}

test('regenerate keeps the earlier answer as an alternative, and later turns build on the one shown', async () => {
  await addProfile({ preset: 'custom', name: 'Flow branches', baseUrl: FAKE, model: 'echo', key: GOOD_KEY });
  await send('first');
  await lastDone().waitFor();
  await pickModel('reasoning');
  await answers().last().getByRole('button', { name: 'Regenerate' }).click();
  await answers().last().locator('.md').filter({ hasText: 'The answer is 42.' }).waitFor();
  await lastDone().waitFor();
  assert.equal(await answers().count(), 1, 'the alternatives share one place');
  assert.equal(await counter(answers().last()).getAttribute('aria-label'), 'Alternative 2 of 2');
  await answers().last().getByRole('button', { name: 'Previous alternative' }).click();
  await answers().last().locator('.md').filter({ hasText: 'You said: first' }).waitFor();
  assert.equal(await counter(answers().last()).getAttribute('aria-label'), 'Alternative 1 of 2');

  await pickModel('echo');
  await send('next');
  await answers().nth(1).locator('.md').filter({ hasText: 'You said: next' }).waitFor();
  const body = await lastBody();
  assert.deepEqual(
    body.messages.map((m) => m.content),
    ['first', 'You said: first — streamed by llmtest.', 'next'],
    'the next turn builds on the answer shown',
  );
});

test('editing a sent message makes a branch; the old branch stays reachable', async () => {
  const next = users().last();
  await next.getByRole('button', { name: 'Edit' }).click();
  const box = page.getByRole('textbox', { name: 'Edit message' });
  await box.fill('next, edited');
  await box.press('Enter');
  await answers().last().locator('.md').filter({ hasText: 'You said: next, edited' }).waitFor();
  await lastDone().waitFor();
  assert.equal(await users().count(), 2);
  assert.equal(await counter(users().last()).getAttribute('aria-label'), 'Alternative 2 of 2');
  assert.equal((await lastBody()).messages.at(-1).content, 'next, edited');
  await users().last().getByRole('button', { name: 'Previous alternative' }).click();
  await users().last().locator('.bubble').filter({ hasText: /^next$/ }).waitFor();
  await answers().last().locator('.md').filter({ hasText: 'You said: next — streamed' }).waitFor();
  // Across a reload, the branch shown stays the one chosen.
  await page.reload();
  await openProvider('Flow branches');
  await users().last().locator('.bubble').filter({ hasText: /^next$/ }).waitFor();
});

test('copy a message as text or as markdown says "Copied"', async () => {
  await send('**bold** words');
  // This message's answer, once finished: until it shows, the last finished answer is the one before.
  const answer = page.locator('[data-testid="message-assistant"][data-status="done"]').filter({ hasText: 'You said: bold words' });
  await answer.waitFor();
  await answer.getByRole('button', { name: 'Copy', exact: true }).click();
  await answer.getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await clipboardText(page), 'You said: bold words — streamed by llmtest.');
  // The first "Copied" goes back to "Copy" before the second copy, so the next "Copied" is the markdown's.
  await answer.getByRole('button', { name: 'Copy', exact: true }).waitFor();
  await answer.getByRole('button', { name: 'Copy as markdown' }).click();
  await answer.getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await clipboardText(page), 'You said: **bold** words — streamed by llmtest.');
});

test('delete a message removes it and its answer', async () => {
  const before = await users().count();
  const mine = users().last();
  await mine.getByRole('button', { name: 'Delete', exact: true }).click();
  await mine.getByRole('button', { name: 'Delete?' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="message-user"]').length === n - 1, before);
  assert.equal(await page.locator('.md').filter({ hasText: 'bold words' }).count(), 0);
  // Still gone after a reload.
  await page.reload();
  await openProvider('Flow branches');
  await users().first().waitFor();
  assert.equal(await users().count(), before - 1);
});

test('a draft belongs to its conversation and survives switching and reload; Parley reopens where the user was', async () => {
  await openProvider('Flow branches');
  await page.locator('li.conv').filter({ hasText: 'first' }).locator('button.item').click();
  await composer().fill('draft A');
  await page.keyboard.press('Control+n');
  await page.waitForFunction(() => document.querySelector('textarea[aria-label="Message"]')?.value === '');
  await composer().fill('draft new');
  await page.locator('li.conv').filter({ hasText: 'first' }).locator('button.item').click();
  await page.waitForFunction(() => document.querySelector('textarea[aria-label="Message"]')?.value === 'draft A');

  await page.reload();
  // No navigation: Parley opens the provider and conversation it showed last.
  await page.locator('header.bar h1').filter({ hasText: 'Flow branches' }).waitFor();
  await page.waitForFunction(() => document.querySelector('textarea[aria-label="Message"]')?.value === 'draft A');
  await page.locator('li.conv.active').filter({ hasText: 'first' }).waitFor();
  await page.keyboard.press('Control+n');
  await page.waitForFunction(() => document.querySelector('textarea[aria-label="Message"]')?.value === 'draft new');

  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes('draft'), 'drafts are not in browser storage');
});

test('Ctrl+N stores no empty conversation until its first message', async () => {
  await openProvider('Flow branches');
  const count = await page.locator('li.conv').count();
  await page.keyboard.press('Control+n');
  await page.keyboard.press('Control+n');
  await page.locator('.empty').filter({ hasText: 'Ask Flow branches anything' }).waitFor();
  assert.equal(await page.locator('li.conv').count(), count);
  const id = await page.evaluate(async () => (await window.go.main.App.Profiles()).find((p) => p.name === 'Flow branches').id);
  assert.equal((await page.evaluate((id) => window.go.main.App.ConversationSummaries(id), id)).length, count, 'nothing stored');
  await composer().fill('a first message');
  await composer().press('Enter');
  await page.locator('li.conv').filter({ hasText: 'a first message' }).waitFor();
  assert.equal(await page.locator('li.conv').count(), count + 1);
  await lastDone().waitFor();
});

test('an answer that broke off can be continued into the same message', async () => {
  await openProvider('Flow branches');
  await page.keyboard.press('Control+n');
  await pickModel('cut');
  await send('break, please');
  const answer = answers().last();
  await page.locator('[data-testid="message-assistant"][data-status="error"]').waitFor();
  const kept = (await answer.locator('.md').innerText()).trim();
  assert.ok(kept.length > 0, 'some text arrived before the break');
  await answer.getByRole('button', { name: 'Continue' }).click();
  await page.waitForFunction(
    (n) => {
      const m = document.querySelector('[data-testid="message-assistant"][data-status="error"] .md');
      return !!m && m.textContent.trim().length > n;
    },
    kept.length,
  );
  assert.ok((await answer.locator('.md').innerText()).trim().startsWith(kept));
  assert.equal(await answers().count(), 1);
});
