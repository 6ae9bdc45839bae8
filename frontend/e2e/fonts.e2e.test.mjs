// End-to-end: code is shown in a monospace face on a Chinese system too, in
// each browser engine (driver.mjs). The browser runs with LANG=zh_CN.UTF-8,
// as Parley's window does on such a system: fontconfig takes the language
// from the environment and then answers a face it lacks (and ui-monospace)
// with Noto Sans CJK SC, whose Latin letters are not one width, which
// WebKitGTK took. Run alone with E2E_FILES=e2e/fonts.e2e.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';

let browser, page;

before(async () => {
  process.env.LANG = 'zh_CN.UTF-8'; // for the browser launched next: this file runs in a process of its own
  browser = await launch({ viewport: { width: 1200, height: 800 } });
  page = browser.page;
  await page.goto(APP);
  await page.locator('aside').waitFor();
});

after(async () => {
  await shot(page, 'fonts');
  await browser?.close();
});

test('code keeps one width per letter under a Chinese locale', async () => {
  const [narrow, wide] = await page.evaluate(() =>
    ['iiiiiiiiii', 'mmmmmmmmmm'].map((text) => {
      const code = Object.assign(document.createElement('code'), { textContent: text });
      document.body.append(code);
      const width = code.getBoundingClientRect().width;
      code.remove();
      return width;
    }),
  );
  assert.ok(narrow > 0 && Math.abs(narrow - wide) < 1, `code is not monospace: iiiiiiiiii ${narrow}px, mmmmmmmmmm ${wide}px`);
});
