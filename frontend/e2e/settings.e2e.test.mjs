// End-to-end: the Settings view in the real app (wails dev, live Go
// bindings, real keychain, real SQLite) driven in each browser engine (driver.mjs), with llmtest as
// the provider and a small forward proxy on loopback started here. Self-
// contained: it adds its own providers and removes them, and puts the
// settings it changed back. Started by scripts/e2e.sh
// (E2E_FILES=e2e/settings.e2e.test.mjs runs this file alone).
import { test, before, after, afterEach } from 'node:test';
import http from 'node:http';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL; // e.g. http://127.0.0.1:8089/v1
const ROOT = FAKE?.replace(/\/v1$/, '');
const GOOD_KEY = process.env.E2E_KEY;
assert.ok(FAKE && GOOD_KEY, 'run through scripts/e2e.sh');

// A name that resolves nowhere: only the proxy can reach it, so an answer
// proves the request went through the proxy.
const FAKE_HOST = 'llmtest.invalid';
const fakePort = new URL(FAKE).port;

let browser, page, proxy;
const proxied = []; // what the proxy was asked for

/** startProxy runs a forward HTTP proxy that sends FAKE_HOST's requests to llmtest. */
function startProxy() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url); // a proxy receives the absolute URL
    proxied.push(`${req.method} ${url.href}`);
    if (url.hostname !== FAKE_HOST) {
      res.writeHead(502).end('this proxy only knows ' + FAKE_HOST);
      return;
    }
    const headers = { ...req.headers, host: `127.0.0.1:${fakePort}` };
    const up = http.request({ host: '127.0.0.1', port: fakePort, path: url.pathname + url.search, method: req.method, headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on('error', (e) => res.writeHead(502).end(String(e)));
    req.pipe(up);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

before(async () => {
  proxy = await startProxy();
  browser = await launch({ viewport: { width: 1200, height: 800 }, colorScheme: 'dark' });
  page = browser.page;
  await page.goto(APP);
  await page.locator('aside').waitFor();
});

afterEach(async (t) => shot(page, `settings-${t.name}`));

after(async () => {
  // Leave the app as the other files expect it: their own providers only,
  // the default settings.
  await page?.evaluate(async () => {
    const App = window.go.main.App;
    for (const p of await App.Profiles()) if (p.name.startsWith('Set ')) await App.DeleteProfile(p.id);
    for (const k of ['appearance.theme', 'appearance.fontSize', 'chats.defaults']) await App.SetSetting(k, '');
    await App.SetLanguage(''); // the language is not a setting: it has a call of its own
  });
  await browser?.close();
  proxy?.close();
});

const settingsView = () => page.getByTestId('settings');

async function openSettings(section) {
  if (!(await settingsView().count())) await page.keyboard.press('Control+,');
  await settingsView().waitFor();
  if (section) await settingsView().locator('nav').getByRole('button', { name: section, exact: true }).click();
}

/** addProfile adds a provider from the Settings view, saving the key when given. */
async function addProfile({ preset, name, baseUrl, model, key }) {
  await openSettings('Providers');
  await settingsView().getByRole('button', { name: '+ Add provider' }).click();
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
  await settingsView().getByTestId('settings-provider').filter({ hasText: name }).waitFor();
}

const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const sidebarNames = () => page.locator('ul.profiles button.item .label').allInnerTexts();

test('Ctrl+, and the gear open Settings; Esc closes it', async () => {
  await page.keyboard.press('Control+,');
  await settingsView().waitFor();
  await page.keyboard.press('Escape');
  await settingsView().waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await settingsView().waitFor();
  for (const s of ['Providers', 'Appearance', 'Language', 'Network', 'Shortcuts', 'Chats']) {
    await settingsView().locator('nav').getByRole('button', { name: s, exact: true }).click();
    await settingsView().getByRole('heading', { name: s, level: 2 }).waitFor();
    if (s === 'Shortcuts') assert.ok((await settingsView().getByTestId('shortcut').count()) >= 9, 'every shortcut is listed');
  }
});

test('the theme changes the page colours at once and survives a reload, as does the text size', async () => {
  await openSettings('Appearance');
  await page.getByRole('radio', { name: 'Light' }).check();
  assert.equal(await background(), 'rgb(245, 246, 249)');
  await page.getByRole('radio', { name: 'Dark' }).check();
  assert.equal(await background(), 'rgb(21, 22, 27)');
  // Following the system: this browser asks for dark; a second one, whose
  // system is light (WebDriver cannot change a running page's preference),
  // opens the same window light.
  await page.getByRole('radio', { name: 'Follow the system' }).check();
  assert.equal(await background(), 'rgb(21, 22, 27)');
  for (let i = 0; (await page.evaluate(() => window.go.main.App.GetSetting('appearance.theme'))) !== '"system"'; i++) {
    assert.ok(i < 200, 'following the system was never stored');
    await new Promise((r) => setTimeout(r, 25));
  }
  const light = await launch({ viewport: { width: 1200, height: 800 }, colorScheme: 'light' });
  try {
    await light.page.goto(APP);
    await light.page.locator('aside').waitFor();
    await light.page.waitForFunction(() => document.documentElement.dataset.theme === 'system');
    assert.equal(await light.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(245, 246, 249)');
  } finally {
    await light.close();
  }

  await page.getByRole('radio', { name: 'Light' }).check();
  await page.locator('#font-size').fill('17');
  await page.waitForFunction(() => getComputedStyle(document.documentElement).fontSize === '17px');
  // Saves go to Go as the slider moves: reload once the last one is stored.
  for (let i = 0; (await page.evaluate(() => window.go.main.App.GetSetting('appearance.fontSize'))) !== '17'; i++) {
    assert.ok(i < 200, 'the text size was never stored');
    await new Promise((r) => setTimeout(r, 25));
  }
  await page.reload();
  await page.locator('aside').waitFor();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  assert.equal(await background(), 'rgb(245, 246, 249)');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '17px');
  await openSettings('Appearance');
  assert.ok(await page.getByRole('radio', { name: 'Light' }).isChecked());
});

test('the language switches the window at once and survives a reload', async () => {
  await openSettings('Language');
  await page.getByRole('radio', { name: '简体中文' }).check();
  await settingsView().getByRole('heading', { name: '设置', level: 1 }).waitFor();
  await page.reload();
  await page.locator('aside').waitFor();
  await page.keyboard.press('Control+,');
  await settingsView().getByRole('heading', { name: '设置', level: 1 }).waitFor();
  await settingsView().locator('nav').getByRole('button', { name: '语言', exact: true }).click();
  await page.getByRole('radio', { name: 'English' }).check();
  await settingsView().getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.getByRole('radio', { name: 'Follow the system' }).check();
});

test('reordering providers is stored: the order survives a reload, and Ctrl+1 shows the first', async () => {
  await addProfile({ preset: 'ollama', name: 'Set A', baseUrl: ROOT, model: 'echo' });
  await addProfile({ preset: 'ollama', name: 'Set B', baseUrl: ROOT, model: 'echo' });
  let names = await sidebarNames();
  assert.ok(names.indexOf('Set A') < names.indexOf('Set B'));
  await settingsView().getByRole('button', { name: 'Move Set B up' }).click();
  await page.waitForFunction(() => {
    const n = [...document.querySelectorAll('ul.profiles button.item .label')].map((e) => e.textContent);
    return n.indexOf('Set B') >= 0 && n.indexOf('Set B') < n.indexOf('Set A');
  });
  // The focus stays on the button that was pressed, in its new place.
  await page.waitForFunction(() => /^Move Set B (up|down)$/.test(document.activeElement?.getAttribute('aria-label') ?? ''));
  await page.reload();
  await page.locator('ul.profiles button.item').first().waitFor();
  names = await sidebarNames();
  assert.ok(names.indexOf('Set B') < names.indexOf('Set A'), `order after reload: ${names}`);

  await page.keyboard.press('Control+1');
  await page.locator('header.bar h1').filter({ hasText: names[0] }).waitFor();
});

test('a provider\'s custom proxy carries its requests; the Test proxy button says so', async () => {
  const viaProxy = `http://${FAKE_HOST}:${fakePort}/v1`;
  await addProfile({ preset: 'custom', name: 'Set proxied', baseUrl: viaProxy, model: 'echo', key: GOOD_KEY });
  await openSettings('Network');
  await page.locator('#proxy-profile').selectOption('Set proxied');
  const form = settingsView().locator('fieldset').filter({ hasText: "A provider's own proxy" });
  await form.getByLabel('Proxy', { exact: true }).selectOption('custom');
  await form.getByLabel(/Proxy address/).fill(`http://127.0.0.1:${proxy.address().port}`);
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

  const before = proxied.length;
  await form.getByRole('button', { name: 'Test proxy' }).click();
  await form.getByTestId('proxy-check').filter({ hasText: `through http://127.0.0.1:${proxy.address().port}` }).waitFor();
  assert.ok(proxied.slice(before).some((r) => r.includes(FAKE_HOST)), `the proxy saw ${proxied.slice(before)}`);

  // A message to that provider goes through the proxy too.
  await page.keyboard.press('Escape');
  await settingsView().waitFor({ state: 'detached' });
  await page.locator('ul.profiles button.item').filter({ hasText: 'Set proxied' }).click();
  await page.locator('header.bar h1').filter({ hasText: 'Set proxied' }).waitFor();
  const sent = proxied.length;
  await page.getByRole('textbox', { name: 'Message' }).fill('through the proxy');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await page.locator('[data-testid="message-assistant"][data-status="done"]').last().filter({ hasText: 'through the proxy' }).waitFor();
  assert.ok(proxied.slice(sent).some((r) => r === `POST http://${FAKE_HOST}:${fakePort}/v1/chat/completions`), `the proxy saw ${proxied.slice(sent)}`);

  // Loopback stays direct: the Ollama profiles above never went through it.
  assert.ok(!proxied.some((r) => r.includes('127.0.0.1')), 'a loopback request went through the proxy');
});

/** lastBody is the body of the last chat request the fake received. */
async function lastBody() {
  const reqs = await (await fetch(`${ROOT}/_llmtest/requests`)).json();
  const chats = reqs.filter((r) => r.path.endsWith('/chat/completions'));
  return JSON.parse(chats[chats.length - 1].body);
}

test('a new conversation starts from the defaults of Chats, and they reach the provider', async () => {
  await openSettings('Chats');
  await page.getByLabel('Temperature').fill('0.7');
  await page.getByLabel('Temperature').press('Tab');
  await page.getByLabel('Max output tokens').fill('77');
  await page.getByLabel('Max output tokens').press('Tab');
  await page.keyboard.press('Escape');
  await settingsView().waitFor({ state: 'detached' });
  await page.locator('ul.profiles button.item').filter({ hasText: 'Set proxied' }).click();
  await page.locator('header.bar h1').filter({ hasText: 'Set proxied' }).waitFor();
  // The provider opens on its last conversation; then a new one.
  await page.locator('[data-testid="message-assistant"]').filter({ hasText: 'through the proxy' }).waitFor();
  await page.keyboard.press('Control+n');
  await page.getByText('Ask Set proxied anything.').waitFor();
  await page.getByRole('button', { name: 'Parameters' }).click();
  const tune = page.getByRole('region', { name: 'Conversation parameters' });
  assert.equal(await tune.getByLabel('Temperature').inputValue(), '0.7', 'the new conversation shows the default');
  await page.getByRole('textbox', { name: 'Message' }).fill('with the defaults');
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await page.locator('[data-testid="message-assistant"][data-status="done"]').last().filter({ hasText: 'with the defaults' }).waitFor();
  const body = await lastBody();
  assert.equal(body.temperature, 0.7);
  assert.equal(body.max_tokens, 77);
  assert.ok(!('top_p' in body), 'an unset default was sent');
});

