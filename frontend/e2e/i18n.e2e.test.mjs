// End-to-end: the window's languages. Switching changes every visible
// string at once, problems included (the provider's own message stays as it
// came), the choice survives a reload, and a system whose LANG is Chinese
// opens the window in Chinese. Started by scripts/e2e.sh, like the others;
// the Chinese system is a second process of the app e2e.sh built.
import { test, before, after, afterEach } from 'node:test';
import { mkdtempSync, readFileSync, readdirSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL;
assert.ok(FAKE, 'run through scripts/e2e.sh');
const WRONG_KEY = 'sk-e2e-i18n-wrong-key-4242';

const en = JSON.parse(readFileSync(new URL('../src/lib/i18n/en.json', import.meta.url), 'utf8'));
const zh = JSON.parse(readFileSync(new URL('../src/lib/i18n/zh-CN.json', import.meta.url), 'utf8'));
const flat = (tree, prefix = '') =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v]] : flat(v, prefix + k + '.')));
const zhByKey = new Map(flat(zh));
// Names of keys and protocols, the same in every language.
const keys = new Set(['Ctrl', 'Shift', 'Esc', 'Enter', 'HTTP', 'http']);
// The English words of every string that reads differently in Chinese,
// cut at placeholders: none of them may be seen once the window is Chinese.
const englishWords = [
  ...new Set(
    flat(en)
      .filter(([k, v]) => zhByKey.get(k) !== v)
      .flatMap(([, v]) => v.split(/\{[^}]*\}|[#()↓↗■+·:.;?,—]/))
      .map((s) => s.trim())
      .filter((s) => /[a-z]{3}/i.test(s) && !keys.has(s)),
  ),
];

let browser, page;

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 800 } });
  page = browser.page;
  await page.goto(APP);
});

afterEach(async (t) => shot(page, `i18n-${t.name}`));

after(async () => {
  // The next test files read the window in English: follow the system (C) again.
  await page?.getByRole('combobox', { name: /^(Language|语言)$/ }).selectOption('').catch(() => {});
  await browser?.close();
});

/**
 * Everything a user can see or hear of the page's own words: its text and
 * its labels, without what the user typed or a provider sent (names,
 * messages, URLs, the provider's message), which no translation touches.
 */
function seen() {
  return page.evaluate(() => {
    const theirs = '.provider, .md, code, .label, .model, .meta, .hint, .host, h1, input, textarea';
    const out = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (el && !el.closest(theirs) && el.checkVisibility() && n.textContent.trim()) out.push(n.textContent.trim());
    }
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [data-label]')) {
      for (const a of ['title', 'aria-label', 'placeholder', 'data-label']) if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
    for (const o of document.querySelectorAll('option')) out.push(o.textContent);
    // Provider names (other test files' too: "Flow slow") are the user's words wherever a label quotes them.
    const names = [...document.querySelectorAll('aside .label')].map((e) => e.textContent.trim()).filter(Boolean);
    // So are the addresses of their providers ("https://api.openai.com/v1" is no English left).
    const unquoted = (s) => names.reduce((t, n) => t.split(n).join('«name»'), s).replace(/\bhttps?:\/\/\S+/g, '«url»');
    return out.map(unquoted).join('\n');
  });
}

const language = () => page.getByRole('combobox', { name: /^(Language|语言)$/ });

test('a problem and the whole window switch to Chinese at once, without a reload', async () => {
  await page.getByRole('button', { name: 'About Parley' }).waitFor();
  // A provider of our own whose key the fake rejects: a problem card to read.
  await page.getByRole('button', { name: /Add provider|Add your first provider/ }).first().click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill('I18n fake');
  await page.locator('#base-url').fill(FAKE);
  await page.locator('#model').fill('echo');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#key-input').fill(WRONG_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved in the system keychain' }).waitFor();
  await page.keyboard.press('Escape');
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill('你好');
  await box.press('Enter');
  const card = page.locator('[data-testid="message-assistant"]').last().getByRole('alert');
  await card.filter({ hasText: 'The key was rejected' }).waitFor();
  const providerSaid = await card.locator('.provider').innerText();
  assert.match(providerSaid, /Incorrect API key provided/);

  const marker = await page.evaluate(() => ((window.__sameDocument = Math.random()), window.__sameDocument));
  await language().selectOption('zh-CN');

  await card.filter({ hasText: '密钥被拒绝' }).waitFor();
  const text = await card.innerText();
  assert.match(text, /不接受发送的密钥/, 'the detail is in Chinese, with the host filled in');
  assert.match(text, /解决办法：/);
  assert.match(text, /打开密钥对话框/);
  assert.equal(await card.locator('.provider').innerText(), providerSaid, "the provider's own message stays verbatim");
  await page.getByRole('heading', { name: '对话' }).waitFor();
  assert.equal(await page.getByRole('textbox', { name: '消息' }).getAttribute('placeholder'), '给 I18n fake 发消息…');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');

  const all = await seen();
  // Whole words: "down" (of "Move … down") is not English left in "Markdown".
  const word = (w) => new RegExp(`(^|[^A-Za-z])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z]|$)`);
  const left = englishWords.filter((w) => word(w).test(all));
  assert.deepEqual(left, [], `English left in the Chinese window:\n${all}`);
  assert.equal(await page.evaluate(() => window.__sameDocument), marker, 'the page was not reloaded');

  await language().selectOption('en');
  await card.filter({ hasText: 'The key was rejected' }).waitFor();
  await page.getByRole('heading', { name: 'Conversations' }).waitFor();
  assert.doesNotMatch(await seen(), /密钥被拒绝|对话/);
});

test('the chosen language survives a reload', async () => {
  await language().selectOption('zh-CN');
  await page.getByRole('heading', { name: '对话' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: '对话' }).waitFor();
  await page.getByRole('button', { name: '关于 Parley' }).waitFor();
  assert.equal(await language().inputValue(), 'zh-CN');
  // Following the system (C here) is English again, and stays so.
  await language().selectOption('');
  await page.getByRole('heading', { name: 'Conversations' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Conversations' }).waitFor();
  assert.equal(await language().inputValue(), '');
});

// The window as a Chinese system opens it: a second process of the app
// e2e.sh built, on a fresh data folder, with LANG=zh_CN.UTF-8 and no choice
// stored. The browser's own language stays what this process's is (not
// Chinese; no browser locale to install), so only Go's reading of the OS
// locale can make it Chinese.
test('with LANG=zh_CN.UTF-8 the window opens in Chinese', async (t) => {
  // wails dev's build of the app (parley-dev-linux-amd64), there while e2e.sh's app runs.
  const dir = resolve('..', 'build', 'bin');
  const name = existsSync(dir) && readdirSync(dir).find((f) => f.startsWith('parley-dev'));
  assert.ok(name, `the app wails dev built, in ${dir}`);
  const bin = join(dir, name);
  // A port no one holds now (another run of the suite may be using the
  // ports beside APP's).
  const port = await freePort();
  const addr = `127.0.0.1:${port}`;
  const data = mkdtempSync(join(tmpdir(), 'parley-i18n-'));
  const env = { ...process.env, LANG: 'zh_CN.UTF-8', PARLEY_DATA_DIR: data, PARLEY_KEYCHAIN_SERVICE: 'parley-e2e-i18n' };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  // Wails' single-instance lock lives on the session bus (WebKit's runs
  // have one): there, this app would hand over to e2e.sh's and quit.
  delete env.DBUS_SESSION_BUS_ADDRESS;
  Object.assign(env, { devserver: addr, assetdir: resolve('dist'), frontenddevserverurl: '', loglevel: 'info' });
  const app = spawn(bin, [], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  app.stdout.on('data', (b) => (log += b));
  app.stderr.on('data', (b) => (log += b));
  t.after(() => {
    try {
      process.kill(-app.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(data, { recursive: true, force: true });
  });

  const zhBrowser = await launch({ viewport: { width: 1200, height: 800 } });
  const zhPage = zhBrowser.page;
  try {
    // The app answers before the browser goes there: an engine may show
    // its own error page for a refused address instead of failing goto.
    for (let i = 0; ; i++) {
      const answer = await fetch(`http://${addr}/`).then((r) => (r.ok ? '' : `HTTP ${r.status}`), (e) => String(e));
      if (!answer) break;
      if (i === 100 || app.exitCode !== null) throw new Error(`the second app did not start: ${answer}\n${log}`);
      await new Promise((r) => setTimeout(r, 300));
    }
    await zhPage.goto(`http://${addr}/`);
    await zhPage.getByRole('heading', { name: '欢迎使用 Parley' }).waitFor();
    await zhPage.getByRole('button', { name: '添加第一个服务商' }).waitFor();
    assert.doesNotMatch(await zhPage.evaluate(() => navigator.language), /^zh/i, 'the browser itself is not Chinese');
    assert.equal(await zhPage.evaluate(() => document.documentElement.lang), 'zh-CN');
    await shot(zhPage, 'i18n-lang-zh_CN');
  } finally {
    await zhBrowser.close();
  }
});

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}
