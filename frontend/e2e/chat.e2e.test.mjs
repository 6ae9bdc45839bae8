// End-to-end: the real app (wails dev, live Go bindings, real keychain, real
// SQLite) driven in each browser engine (driver.mjs), with llmtest as the
// provider. Started by scripts/e2e.sh, which passes the addresses below.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL; // e.g. http://127.0.0.1:8089/v1
const GOOD_KEY = process.env.E2E_KEY; // the only key the fake accepts
const WRONG_KEY = 'sk-e2e-wrong-key-9999';
assert.ok(FAKE && GOOD_KEY, 'run through scripts/e2e.sh');

let browser, page;
const foreignRequests = [];

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 800 } });
  page = browser.page;
  page.on('request', (r) => {
    const origin = new URL(APP).origin;
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreignRequests.push(r.url());
  });
  await page.goto(APP);
});

// A picture of the page after every test, for reading failures.
afterEach(async (t) => {
  await shot(page, `chat-${t.name}`);
});

after(async () => {
  await browser?.close();
});

const assistant = () => page.locator('[data-testid="message-assistant"]').last();

async function send(text) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

async function setKey(key) {
  await page.keyboard.press('Control+k');
  const input = page.locator('#key-input');
  await input.fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved in the system keychain' }).waitFor();
  await page.keyboard.press('Escape');
}

test('with no provider yet, Ctrl+N opens Add a provider', async () => {
  await page.getByRole('heading', { name: 'Welcome to Parley' }).waitFor();
  await page.keyboard.press('Control+n');
  const dialog = page.getByRole('dialog', { name: 'Add a provider' });
  await dialog.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'preset');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('add a custom OpenAI-compatible profile and see the exact endpoint', async () => {
  await page.getByRole('heading', { name: 'Welcome to Parley' }).waitFor();
  await page.getByRole('button', { name: 'Add your first provider' }).click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill('Fake provider');
  await page.locator('#base-url').fill(FAKE + '/');
  await page.locator('#model').fill('echo');
  await assert.doesNotReject(
    page.getByTestId('endpoint').filter({ hasText: `${FAKE}/chat/completions` }).waitFor({ timeout: 5000 }),
  );
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // A preset that needs a key opens the key dialog next.
  await page.locator('#key-input').waitFor();
});

test('a pasted key goes to the keychain and only its hint comes back', async () => {
  await page.locator('#key-input').fill(`  Bearer ${GOOD_KEY}\n`);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('Key saved', { exact: true }).waitFor();
  const hint = `${GOOD_KEY.slice(0, 7)}…${GOOD_KEY.slice(-4)}`;
  await page.locator('.hint').filter({ hasText: hint }).waitFor();
  assert.equal(await page.locator('#key-input').inputValue(), '', 'the input is cleared after saving');

  const stored = await page.evaluate(async () => {
    const dbs = indexedDB.databases ? await indexedDB.databases() : [];
    const inputs = [...document.querySelectorAll('input, textarea')].map((e) => e.value);
    return {
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      indexedDB: JSON.stringify(dbs),
      dom: document.documentElement.outerHTML,
      inputs: inputs.join('\n'),
      cookies: document.cookie,
    };
  });
  for (const [where, text] of Object.entries(stored)) {
    assert.ok(!text.includes(GOOD_KEY), `the key was found in ${where}`);
    assert.ok(!text.includes(GOOD_KEY.slice(7, -4)), `the key's middle was found in ${where}`);
  }
  await page.keyboard.press('Escape');
  await page.locator('#key-input').waitFor({ state: 'detached' });
});

test('Enter sends, Shift+Enter makes a new line, and the reply streams in', async () => {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('hello');
  await box.press('Shift+Enter');
  await box.type('e2e');
  assert.equal(await box.inputValue(), 'hello\ne2e');
  await box.press('Enter');
  await page.locator('[data-testid="message-user"]').filter({ hasText: 'hello' }).waitFor();
  await page.locator('[data-testid="message-assistant"][data-status="done"]').waitFor();
  assert.equal((await assistant().locator('.md').innerText()).trim(), 'You said: hello\ne2e — streamed by llmtest.');
  assert.equal(await box.inputValue(), '');
});

test('Stop ends the answer at once and keeps the partial text', async () => {
  await page.locator('header.bar').getByRole('button', { name: 'Edit', exact: true }).click(); // the profile editor (Ctrl+, opens Settings)
  await page.locator('#model').fill('slow');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#model').waitFor({ state: 'detached' });

  await send('tell me a long story');
  const answer = page.locator('[data-testid="message-assistant"][data-status="streaming"]');
  await answer.locator('.md').filter({ hasText: /Parley keeps every/ }).waitFor();
  await page.getByRole('button', { name: /Stop/ }).click();
  const stopped = page.locator('[data-testid="message-assistant"][data-status="stopped"]').last();
  await stopped.waitFor({ timeout: 5000 });
  await stopped.getByText('Stopped — the text above is what arrived.').waitFor();
  const kept = await stopped.locator('.md').innerText();
  assert.match(kept, /^Parley keeps every/);
  await page.waitForTimeout(1000);
  assert.equal(await stopped.locator('.md').innerText(), kept, 'no text arrives after Stop');
  assert.ok(kept.length < 400, 'the answer did not run to its end');
});

test('a rejected key shows a problem card that says what to do', async () => {
  await page.locator('header.bar').getByRole('button', { name: 'Edit', exact: true }).click(); // the profile editor (Ctrl+, opens Settings)
  await page.locator('#model').fill('echo');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#model').waitFor({ state: 'detached' });
  await setKey(WRONG_KEY);

  await send('are you there?');
  const card = assistant().getByRole('alert');
  await card.waitFor();
  const text = await card.innerText();
  assert.match(text, /The key was rejected/);
  assert.match(text, /HTTP 401/);
  assert.match(text, /127\.0\.0\.1:\d+/);
  assert.match(text, /Incorrect API key provided/, "the provider's own message, verbatim");
  assert.match(text, /What to do:/);
  assert.match(text, /Key sent: sk-e2e-…9999/, 'the card names which key was sent, masked');
  assert.ok(!text.includes(WRONG_KEY));
  await card.getByRole('button', { name: 'Open key dialog' }).click();
  await page.locator('#key-input').waitFor();
  await page.keyboard.press('Escape');
});

test('the conversation is still there after the window reloads', async () => {
  await page.reload();
  await page.locator('[data-testid="message-user"]').filter({ hasText: 'tell me a long story' }).waitFor();
  await page.locator('[data-testid="message-assistant"][data-status="stopped"]').waitFor();
  await assistant().getByRole('alert').filter({ hasText: 'The key was rejected' }).waitFor();
});

const kinds = [
  { preset: 'anthropic', path: '/v1/messages', key: true },
  { preset: 'gemini', path: '/v1beta/models/echo:streamGenerateContent?alt=sse', key: true },
  { preset: 'ollama', path: '/api/chat', key: false },
  { preset: 'dashscope', path: '/api/v1/services/aigc/text-generation/generation', key: true },
];

for (const kind of kinds) {
  test(`a ${kind.preset} profile chats natively through its own protocol`, async () => {
    const root = FAKE.replace(/\/v1$/, '');
    await page.getByRole('button', { name: '+ Add provider' }).click();
    await page.locator('#preset').selectOption(kind.preset);
    await page.locator('#name').fill(`Fake ${kind.preset}`);
    await page.locator('#base-url').fill(root);
    await page.locator('#model').fill('echo');
    await page.getByTestId('endpoint').filter({ hasText: root + kind.path }).waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    if (kind.key) {
      await page.locator('#key-input').fill(GOOD_KEY);
      await page.getByRole('button', { name: 'Save key' }).click();
      await page.getByText('Key saved', { exact: true }).waitFor();
      await page.keyboard.press('Escape');
    }
    // The dialog gives the focus back as it goes: type only once it has.
    await page.locator('.modal').waitFor({ state: 'detached' });
    await page.locator('header.bar h1').filter({ hasText: `Fake ${kind.preset}` }).waitFor();
    await send(`hello ${kind.preset}`);
    const done = page.locator('[data-testid="message-assistant"][data-status="done"]').last();
    await done.waitFor();
    assert.equal((await done.locator('.md').innerText()).trim(), `You said: hello ${kind.preset} — streamed by llmtest.`);
  });
}

test('the models a provider offers are fetched natively', async () => {
  await page.locator('header.bar').getByRole('button', { name: 'Edit', exact: true }).click(); // the profile editor (Ctrl+, opens Settings)
  await page.getByTestId('model-note').filter({ hasText: /\d+ models offered by the provider/ }).waitFor();
  await page.keyboard.press('Escape');
});

test('a pasted endpoint URL is recognised and fixed in one click', async () => {
  await page.getByRole('button', { name: '+ Add provider' }).click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill('Pasted URL');
  await page.locator('#base-url').fill(`${FAKE}/chat/completions`);
  const advice = page.getByTestId('url-advice').first();
  await advice.waitFor();
  await advice.getByRole('button', { name: `Use ${FAKE}` }).click();
  assert.equal(await page.locator('#base-url').inputValue(), FAKE);
  await page.getByTestId('endpoint').filter({ hasText: `${FAKE}/chat/completions` }).waitFor();
  await page.locator('#model').fill('forbidden-model');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#key-input').waitFor();
});

test("a key that looks like another provider's is flagged when saved", async () => {
  await page.locator('#key-input').fill('sk-ant-api03-abcdefghijklmnopqrstuvwxyz-0123');
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByTestId('key-advice').filter({ hasText: /Anthropic/ }).waitFor();
  await page.locator('#key-input').fill(GOOD_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved in the system keychain' }).waitFor();
});

test('Test connection walks through every step with its timing', async () => {
  await page.getByRole('button', { name: 'Test connection' }).click();
  const steps = page.getByTestId('doctor-step');
  await steps.filter({ hasText: 'Streaming' }).waitFor({ timeout: 30000 });
  const text = await page.getByRole('list', { name: 'Connection test' }).innerText();
  for (const name of ['DNS', 'TCP', 'Authentication', 'Completion', 'Streaming']) assert.match(text, new RegExp(name));
  assert.match(text, /\d+ ms/);
  // The model this key may not use makes the completion fail, with the reason.
  assert.match(text, /✗/);
  await page.keyboard.press('Escape');
});

test('a 403 that names the allowed models offers to switch to one, then Retry', async () => {
  await send('hello?');
  const card = assistant().getByRole('alert');
  await card.filter({ hasText: 'This key may not use this model' }).waitFor();
  assert.match(await card.innerText(), /free accounts may only use these models/);
  await card.getByRole('button', { name: 'Use gpt-4o-mini' }).click();
  await page.locator('header.bar .meta').filter({ hasText: /^gpt-4o-mini ·/ }).waitFor();
  // Retry answers the same message again, with the model now allowed.
  await card.getByRole('button', { name: 'Retry' }).click();
  const done = page.locator('[data-testid="message-assistant"][data-status="done"]').last();
  await done.waitFor();
  assert.equal((await done.locator('.md').innerText()).trim(), 'You said: hello? — streamed by llmtest.');
  assert.equal(await page.locator('[data-testid="message-user"] .bubble').filter({ hasText: /^hello\?$/ }).count(), 1);
});

test('deleting a conversation hides it at once and offers Undo', async () => {
  await page.keyboard.press('Control+n');
  // "Use gpt-4o-mini" changed the last conversation only; this one starts from the profile's model.
  const picker = page.getByRole('combobox', { name: 'Model for this conversation' });
  await picker.fill('gpt-4o-mini');
  await picker.press('Enter');
  await send('a conversation to delete');
  await page.locator('[data-testid="message-assistant"][data-status="done"]').last().waitFor();
  const item = page.locator('li.conv').filter({ hasText: 'a conversation to delete' });
  await item.hover();
  await item.getByRole('button', { name: 'Delete conversation' }).click();
  await item.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Deleted “a conversation to delete”' }).getByRole('button', { name: 'Undo' }).waitFor();
});

test('the web view made no request of its own beyond the app', async () => {
  assert.deepEqual(foreignRequests, []);
});
