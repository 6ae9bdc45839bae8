// End-to-end: history in the real app (wails dev, live Go bindings, real
// SQLite) driven in each browser engine (driver.mjs). Self-contained: its conversations come from
// imports through the window. The system file dialog cannot be driven, so the
// page's two "pick a file" calls are replaced by ones answering a path in
// PARLEY_TEST_FILES, the folder the app takes paths from without a dialog;
// everything after the pick is the real thing. Started by scripts/e2e.sh
// (E2E_FILES=e2e/history.e2e.test.mjs runs this file alone).
import { test, before, after, afterEach } from 'node:test';
import { readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FILES = process.env.PARLEY_TEST_FILES;
assert.ok(FILES && process.env.LLMTEST_URL, 'run through scripts/e2e.sh');
const SAMPLES = new URL('../../backend/importer/testdata/', import.meta.url).pathname;

let browser, page;
const pageErrors = [];

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 800 } });
  page = browser.page;
  // The errors of the page's own code (the Wails dev runtime's ipc.js has
  // one of its own as the page loads in a browser).
  page.on('pageerror', (e) => !/\/wails\/ipc\.js/.test(e.stack ?? '') && pageErrors.push(e.stack ?? e.message));
  await page.goto(APP);
  await page.getByRole('button', { name: '+ Add provider' }).waitFor();
});

afterEach(async (t) => {
  await shot(page, `history-${t.name}`);
});

after(async () => {
  await browser?.close();
  assert.deepEqual(pageErrors, []);
});

/** picks makes the next file dialogs answer path. */
async function picks(path) {
  await page.evaluate((p) => {
    const app = window.go.main.App;
    app.PickOpenFile = async () => p;
    app.PickSaveFile = async () => p;
  }, path);
}

const tools = () => page.getByRole('button', { name: 'Export, backup & import' });
const dialog = () => page.locator('.modal');
/** rows are the messages of the list that are in the page (the virtualised list keeps only those near the screen). */
const rows = () => page.locator('.vlist > .row');
const conv = (title) => page.locator('li.conv').filter({ hasText: title });

/** importFile imports a file through the window and returns the summary's text, then opens what was imported. */
async function importFile(app, path) {
  if (!path.startsWith(FILES)) {
    // As a file the user picked: a copy in the test folder.
    const copy = join(FILES, path.split('/').at(-1));
    copyFileSync(path, copy);
    path = copy;
  }
  await picks(path);
  await tools().click();
  await dialog().getByRole('button', { name: `${app}…` }).click();
  const summary = page.getByTestId('import-summary');
  // 10,000 messages and their search index, on a busy machine: allow for it.
  await summary.waitFor({ timeout: 180_000 });
  const text = await summary.innerText();
  await summary.getByRole('button', { name: 'Open' }).click();
  await dialog().waitFor({ state: 'detached' });
  return text;
}

// A NextChat backup with one conversation of 10,000 messages: a Chinese
// message near its top, an English one a little below.
const LONG = 10_000;
const CHINESE = 40;
const ENGLISH = 85;
function longChat() {
  const messages = Array.from({ length: LONG }, (_, i) => ({
    id: `long-${i}`,
    date: '5/20/2024, 2:03:05 PM',
    role: i % 2 ? 'assistant' : 'user',
    content:
      i === CHINESE ? '请把我的密钥放进系统钥匙串里保存。'
      : i === ENGLISH ? 'The axolotl regrows its limbs, said message eighty-five.'
      : `Line ${i} of a very long conversation.` + (i % 7 === 0 ? '\n\n- a list item\n- another one\n\n' + 'More text. '.repeat(20) : ''),
  }));
  return { 'chat-next-web-store': { sessions: [{ id: 'e2e-long', topic: 'Long history', messages, lastUpdate: 1716213789000 }] } };
}

/** inView says whether the element is inside the message list's visible part. */
async function inView(locator) {
  const box = await locator.boundingBox();
  const list = await page.locator('.messages').boundingBox();
  return !!box && box.y < list.y + list.height && box.y + Math.min(box.height, 40) > list.y;
}

test('a 10,000-message conversation imports, opens at its end and keeps only what is near the screen', async () => {
  const path = join(FILES, 'long-nextchat.json');
  writeFileSync(path, JSON.stringify(longChat()));
  const summary = await importFile('NextChat', path);
  assert.match(summary, /1 conversation \(10,000 messages\)/);
  await page.locator('header.bar h1').filter({ hasText: 'NextChat (imported)' }).waitFor();
  await conv('Long history').locator('button.item').click();
  await rows().filter({ hasText: `Line ${LONG - 1} of a very long conversation` }).waitFor();
  // Of 10,000 messages, only those near the screen are in the page.
  await page.waitForFunction(() => {
    const n = document.querySelectorAll('.vlist > .row').length;
    return n > 0 && n < 60;
  });
});

test('search finds a Chinese word and jumps to it far up the 10,000-message conversation', async () => {
  await page.keyboard.press('Control+Shift+F');
  const box = page.getByRole('searchbox', { name: 'Search all conversations' });
  assert.ok(await box.evaluate((el) => el === document.activeElement), 'Ctrl+Shift+F focuses the search box');
  await box.fill('密钥');
  const hit = page.getByTestId('search-hit').filter({ hasText: 'Long history' });
  await hit.first().waitFor();
  assert.equal(await hit.first().locator('mark').innerText(), '密钥');
  await hit.first().click();
  const found = page.locator('.vlist > .row[data-found]');
  await found.filter({ hasText: '请把我的密钥放进系统钥匙串里保存' }).waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('.vlist > .row[data-found]');
    const list = document.querySelector('.messages');
    if (!el || !list) return false;
    const a = el.getBoundingClientRect(), b = list.getBoundingClientRect();
    return a.top >= b.top - 1 && a.top < b.bottom - 20;
  });
  assert.ok(await inView(found), 'the found message is on screen');
  assert.ok((await rows().count()) < 60, 'the list is still virtualised');
  // The single character finds it too.
  await box.fill('钥');
  await hit.filter({ has: page.locator('mark', { hasText: /^钥$/ }) }).first().waitFor();
});

test('search finds an English word, jumps to it, and the list scrolls on through pages', async () => {
  const box = page.getByRole('searchbox', { name: 'Search all conversations' });
  await box.fill('axolotl');
  const hit = page.getByTestId('search-hit').filter({ hasText: 'Long history' });
  await hit.filter({ has: page.locator('mark', { hasText: /axolotl/i }) }).first().click();
  const found = page.locator('.vlist > .row[data-found]').filter({ hasText: 'The axolotl regrows its limbs' });
  await found.waitFor();
  await page.waitForFunction(() => {
    const el = document.querySelector('.vlist > .row[data-found]');
    const list = document.querySelector('.messages');
    const a = el?.getBoundingClientRect(), b = list?.getBoundingClientRect();
    return !!a && !!b && a.top >= b.top - 1 && a.top < b.bottom - 20;
  });
  // Scrolling up reaches the conversation's first message, loaded page by page.
  const list = page.locator('.messages');
  await list.hover();
  const first = rows().filter({ hasText: 'Line 0 of a very long conversation' });
  for (let i = 0; i < 200 && !(await first.count()); i++) {
    const top = await list.evaluate((el) => el.scrollTop);
    await page.mouse.wheel(0, -1500);
    // It moved, or (at the top of what is loaded) the page above arrived and moved it.
    await page.waitForFunction(
      (t) => document.querySelector('.messages').scrollTop !== t || /Line 0 of a very long/.test(document.querySelector('.vlist').textContent),
      top,
    );
  }
  await rows().filter({ hasText: 'Line 0 of a very long conversation' }).waitFor();
  // Jump to latest brings the end, far below what was loaded.
  await page.getByRole('button', { name: /Jump to latest/ }).click();
  await rows().filter({ hasText: `Line ${LONG - 1} of a very long conversation` }).waitFor();
  await box.fill('');
});

test('rename, pin, delete with Undo', async () => {
  await importFile('NextChat', join(SAMPLES, 'nextchat-backup.json'));
  await conv('Rust lifetimes').waitFor();

  // Rename inline: Esc keeps the title, Enter saves it.
  await conv('Rust lifetimes').hover();
  await conv('Rust lifetimes').getByRole('button', { name: 'Rename' }).click();
  const input = page.getByRole('textbox', { name: 'Conversation title' });
  await input.fill('Not this');
  await input.press('Escape');
  await conv('Rust lifetimes').waitFor();
  await conv('Rust lifetimes').getByRole('button', { name: 'Rename' }).click();
  await input.fill('Borrow checker notes');
  await input.press('Enter');
  await conv('Borrow checker notes').waitFor();

  // Pin: the pinned conversation leads the list, and leaves it when unpinned.
  const last = (await page.locator('li.conv .label').allInnerTexts()).at(-1);
  await conv(last).hover();
  await conv(last).getByRole('button', { name: 'Pin to the top' }).click();
  await page.waitForFunction((t) => document.querySelector('li.conv .label')?.textContent === t, last);
  await conv(last).getByRole('button', { name: 'Unpin' }).click();
  await page.waitForFunction((t) => document.querySelector('li.conv .label')?.textContent !== t, last);

  // Delete, then Undo: it comes back.
  await conv('Borrow checker notes').hover();
  await conv('Borrow checker notes').getByRole('button', { name: 'Delete conversation' }).click();
  await conv('Borrow checker notes').waitFor({ state: 'detached' });
  const toast = page.getByRole('status').filter({ hasText: 'Deleted “Borrow checker notes”' });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await conv('Borrow checker notes').waitFor();

  // Delete without Undo: once the toast is gone, so is the conversation, after a reload too.
  await conv('Borrow checker notes').hover();
  await conv('Borrow checker notes').getByRole('button', { name: 'Delete conversation' }).click();
  await toast.waitFor();
  await toast.waitFor({ state: 'detached', timeout: 15_000 });
  await page.reload();
  await page.getByRole('button', { name: '+ Add provider' }).waitFor();
  await page.locator('ul.profiles button.item').filter({ hasText: 'NextChat (imported)' }).first().click();
  await conv('Quota trouble').waitFor();
  assert.equal(await conv('Borrow checker notes').count(), 0);
  assert.equal(await conv('Rust lifetimes').count(), 0);
});

test('export writes Markdown and JSON files', async () => {
  await conv('Quota trouble').locator('button.item').click();
  await rows().filter({ hasText: 'Summarise this article please' }).waitFor();
  for (const [button, name] of [['Markdown…', 'quota.md'], ['JSON…', 'quota.json']]) {
    const path = join(FILES, name);
    await picks(path);
    await tools().click();
    await dialog().getByRole('button', { name: button }).click();
    await page.getByRole('status').filter({ hasText: `Saved ${path}` }).waitFor();
    if (await dialog().count()) await page.keyboard.press('Escape');
    assert.ok(existsSync(path), `${path} written`);
    const text = readFileSync(path, 'utf8');
    assert.match(text, /Quota trouble/);
    if (name.endsWith('.json')) assert.ok(JSON.parse(text));
  }
});

test('import from Chatbox (new and old) and ChatGPT shows the summary and the conversations', async () => {
  const cases = [
    ['Chatbox', 'chatbox-backup.json', ['Trip planning — Flights', 'Trip planning']],
    ['Chatbox', 'chatbox-old.json', ['Haiku']],
    ['ChatGPT', 'chatgpt-conversations.json', ['Regex for dates', 'What is in this photo']],
  ];
  for (const [app, file, titles] of cases) {
    const summary = await importFile(app, join(SAMPLES, file));
    assert.match(summary, /\d+ conversations? \([\d,]+ messages?\) into/);
    for (const title of titles) await conv(title).first().waitFor();
  }
});

test('an import that holds keys says so and offers to move them', async () => {
  const path = join(FILES, 'nextchat-backup.json');
  copyFileSync(join(SAMPLES, 'nextchat-backup.json'), path);
  await picks(path);
  await tools().click();
  await dialog().getByRole('button', { name: 'NextChat…' }).click();
  const summary = page.getByTestId('import-summary');
  await summary.waitFor();
  assert.match(await summary.innerText(), /The file holds \d+ API keys?/);
  assert.match(await summary.innerText(), /(was|were) imported before/);
  await summary.getByRole('button', { name: 'Move the keys into the keychain' }).waitFor();
  await page.keyboard.press('Escape');
});

test('backup and restore (merge) through the window', async () => {
  const path = join(FILES, 'backup.json');
  await picks(path);
  await tools().click();
  await dialog().getByRole('button', { name: 'Back up…' }).click();
  await page.getByRole('status').filter({ hasText: /Backed up \d+ conversations?/ }).waitFor();
  assert.ok(JSON.parse(readFileSync(path, 'utf8')));
  await dialog().getByRole('button', { name: 'Restore…' }).click();
  await page.getByTestId('restore-ask').waitFor();
  await dialog().getByRole('button', { name: 'Merge' }).click();
  await page.getByRole('status').filter({ hasText: /Merged in \d+ conversations?/ }).waitFor();
  await page.keyboard.press('Escape');
});

test('restore (replace) brings back exactly what the backup held', async () => {
  // A conversation made after the backup, found by search.
  const later = join(FILES, 'after-backup.json');
  writeFileSync(later, JSON.stringify({ 'chat-next-web-store': { sessions: [{ id: 'e2e-after', topic: 'Made after the backup',
    messages: [{ id: 'after-1', date: '5/21/2024, 9:00:00 AM', role: 'user', content: 'A zebrafish note written after the backup.' }], lastUpdate: 1716282000000 }] } }));
  await importFile('NextChat', later);
  const box = page.getByRole('searchbox', { name: 'Search all conversations' });
  await box.fill('zebrafish');
  await page.getByTestId('search-hit').filter({ hasText: 'Made after the backup' }).waitFor();

  await picks(join(FILES, 'backup.json'));
  await tools().click();
  await dialog().getByRole('button', { name: 'Restore…' }).click();
  await page.getByTestId('restore-ask').waitFor();
  await dialog().getByRole('button', { name: 'Replace everything' }).click();
  // Replacing writes every message of the backup again (the 10,000 of the long
  // conversation among them) with its search index: allow for a busy machine.
  await page.getByRole('status').filter({ hasText: /Replaced everything with \d+ conversations?/ }).waitFor({ timeout: 180_000 });
  await page.keyboard.press('Escape');
  await dialog().waitFor({ state: 'detached' });

  // What the backup held is back; what came after it is gone everywhere.
  await page.locator('ul.profiles button.item').filter({ hasText: 'NextChat (imported)' }).first().click();
  await conv('Quota trouble').waitFor();
  await box.fill('');
  await box.fill('zebrafish');
  await page.locator('.search .none').filter({ hasText: 'Nothing found.' }).waitFor();
  assert.equal(await page.getByTestId('search-hit').count(), 0);
  await box.fill('');
});

test('a file not picked in the dialog is refused', async () => {
  const refused = await page.evaluate(async () => {
    try {
      await window.go.main.App.Import({ format: 'nextchat', path: '/etc/passwd', moveKeys: false });
      return '';
    } catch (e) {
      return String(e);
    }
  });
  assert.match(refused, /Choose the file first/);
});
