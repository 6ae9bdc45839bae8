// End-to-end: a setting changed in another window applies in this one at
// once, without the focus moving or the page reloading. The other window is
// parley-cli on the same data folder (PARLEY_CLI, PARLEY_DATA_DIR from
// scripts/e2e.sh): another process writing through the same core checks as
// the settings page; the running app (wails dev) sees the write with its
// data_version watch and tells the page. Run alone with
// E2E_FILES=e2e/live-settings.e2e.test.mjs.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const CLI = process.env.PARLEY_CLI;
const FAKE = process.env.LLMTEST_URL;
const GOOD_KEY = process.env.E2E_KEY;
assert.ok(CLI && process.env.PARLEY_DATA_DIR && FAKE && GOOD_KEY, 'run through scripts/e2e.sh');
const zh = JSON.parse(readFileSync(new URL('../src/lib/i18n/zh-CN.json', import.meta.url), 'utf8'));

// Another window runs in the app's desktop session, on its bus (and so its
// keychain), which scripts/e2e.sh hands over as PARLEY_SESSION_BUS: Chromium
// itself runs without one.
const session = { env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: process.env.PARLEY_SESSION_BUS ?? process.env.DBUS_SESSION_BUS_ADDRESS } };

/** otherWindow changes a setting as another Parley process would. */
async function otherWindow(...args) {
  await promisify(execFile)(CLI, ['settings', ...args], session);
}

/** otherWindowProxy sets a proxy as another Parley process would, its password on stdin. */
function otherWindowProxy(args, password = '') {
  return new Promise((resolve, reject) => {
    const child = execFile(CLI, ['proxy', ...args], session, (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout)));
    child.stdin.end(password);
  });
}

let browser, page;

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 800 } });
  page = browser.page;
  await page.goto(APP);
  await page.locator('aside').waitFor();
  // Every focus and load from now on is counted: the change must arrive without either.
  await page.evaluate(() => {
    window.__focused = 0;
    window.addEventListener('focus', () => window.__focused++);
    window.__sameDocument = true;
  });
});

afterEach(async (t) => shot(page, `live-settings-${t.name}`));

after(async () => {
  await page?.evaluate(async () => {
    const App = window.go.main.App;
    for (const p of await App.Profiles()) if (p.name.startsWith('Live ')) await App.DeleteProfile(p.id);
  });
  for (const key of ['ui.language', 'appearance.theme', 'appearance.fontSize']) await otherWindow('rm', key).catch(() => {});
  await otherWindowProxy(['set', 'system']).catch(() => {});
  await browser?.close();
});

test('a theme, a text size and a language set in another window apply here at once', async () => {
  await otherWindow('set', 'appearance.theme', 'light');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'light');
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await otherWindow('set', 'appearance.theme', 'dark');
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), background, 'the page did not change colour');

  await otherWindow('set', 'appearance.fontSize', '18');
  await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--font-size') === '18px');

  await otherWindow('set', 'ui.language', 'zh-CN');
  await page.getByLabel('语言', { exact: true }).first().waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await otherWindow('set', 'ui.language', 'en');
  await page.getByLabel('Language', { exact: true }).first().waitFor();

  const { focused, same } = await page.evaluate(() => ({ focused: window.__focused, same: window.__sameDocument }));
  assert.equal(focused, 0, 'the window got the focus: the change may have come from the focus, not the watch');
  assert.equal(same, true, 'the page was reloaded');
});

test("the advice and the connection test speak the language another window chose", async () => {
  await page.getByRole('button', { name: '+ Add provider' }).click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill('Live doctor');
  await page.locator('#base-url').fill(FAKE);
  await page.locator('#model').fill('echo');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#key-input').fill(GOOD_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved in the system keychain' }).waitFor();

  await otherWindow('set', 'ui.language', 'zh-CN');
  await page.getByRole('button', { name: zh.doctor.test }).click();
  const steps = page.getByRole('list', { name: zh.doctor.label });
  await steps.getByTestId('doctor-step').filter({ hasText: zh.doctor.steps.Streaming }).waitFor({ timeout: 30000 });
  const found = await steps.innerText();
  assert.match(found, /已连接到 127\.0\.0\.1:\d+/, 'TCP in Chinese');
  assert.match(found, /\d+ 个模型；密钥已被接受/, 'Authentication in Chinese');
  assert.match(found, /毫秒后收到首段文本，共 \d+ 段/, 'Streaming in Chinese');
  assert.doesNotMatch(found, /connected to|models|the key was accepted|first text/, 'no English left');
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });

  await page.getByRole('button', { name: zh.sidebar.addProvider }).click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#base-url').fill('https://api.openai.com/v1/chat/completions');
  await page.getByTestId('url-advice').filter({ hasText: '这是某一个 API 调用的地址（…/chat/completions），不是基础 URL' }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
});

test('a proxy set in another window shows in the Network settings at once, unless the form is being edited', async () => {
  await otherWindow('set', 'ui.language', 'en');
  await page.getByLabel('Language', { exact: true }).first().waitFor();
  await page.keyboard.press('Control+,');
  const view = page.locator('[data-testid="settings"]');
  await view.waitFor();
  await view.locator('nav').getByRole('button', { name: 'Network', exact: true }).click();
  const form = view.locator('fieldset').filter({ hasText: 'Default proxy' });
  const mode = form.getByLabel('Proxy', { exact: true });
  await mode.waitFor();

  await otherWindowProxy(['set', 'http://127.0.0.1:3128', '--user', 'bob'], 'pr0xy-live-s3cret\n');
  await page.waitForFunction(() => document.querySelector('#proxy-default-mode')?.value === 'custom');
  assert.equal(await form.getByLabel(/Proxy address/).inputValue(), 'http://127.0.0.1:3128');
  assert.equal(await form.getByLabel('User name (optional)').inputValue(), 'bob');
  assert.equal(await form.getByLabel('Password', { exact: true }).getAttribute('placeholder'), 'saved in the keychain');
  assert.equal(await form.getByLabel('Password', { exact: true }).inputValue(), '', 'a password was shown');

  await otherWindowProxy(['set', 'none']);
  await page.waitForFunction(() => document.querySelector('#proxy-default-mode')?.value === 'none');

  // What the user is typing is not replaced: the next change, and one
  // after it that shows here, leave the form as it is.
  await mode.selectOption('custom');
  await form.getByLabel(/Proxy address/).fill('http://typing.example:8080');
  await otherWindowProxy(['set', 'system']);
  await otherWindow('set', 'appearance.fontSize', '17');
  await page.waitForFunction(() => document.documentElement.style.getPropertyValue('--font-size') === '17px');
  assert.equal(await mode.inputValue(), 'custom');
  assert.equal(await form.getByLabel(/Proxy address/).inputValue(), 'http://typing.example:8080');
  await page.keyboard.press('Escape');
  await view.waitFor({ state: 'detached' });
});
