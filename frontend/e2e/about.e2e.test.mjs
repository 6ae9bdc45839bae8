// End-to-end: the About dialog of the real app (wails dev), in each engine.
// Started by scripts/e2e.sh, like chat.e2e.test.mjs.
import { test, before, after, afterEach } from 'node:test';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';

let browser, page;

before(async () => {
  browser = await launch();
  page = browser.page;
  await page.goto(APP);
});

// A picture of the page after every test, for reading failures.
afterEach(async (t) => {
  await shot(page, `about-${t.name}`);
});

after(async () => {
  await browser?.close();
});

test('About shows the version, the licence and the folder that holds the database', async () => {
  await page.getByRole('button', { name: 'About Parley' }).click();
  const dialog = page.getByRole('dialog', { name: 'About Parley' });
  await dialog.waitFor();
  assert.match(await dialog.getByTestId('about-version').innerText(), /\S/);
  assert.match(await dialog.getByTestId('about-licence').innerText(), /^MIT License\s+Copyright \(c\) \d{4} /);
  const dir = await dialog.getByTestId('about-data-dir').innerText();
  assert.ok(isAbsolute(dir), `the data folder is a full path: ${dir}`);
  assert.ok(existsSync(join(dir, 'parley.db')), `the data folder shown holds parley.db: ${dir}`);
  const log = await dialog.getByTestId('about-log-file').innerText();
  assert.ok(existsSync(log), `the log file shown exists: ${log}`);
});

test('Escape closes About', async () => {
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'About Parley' }).waitFor({ state: 'detached' });
});
