// End-to-end: how answers read, in the real app (wails dev, live Go
// bindings) in each browser engine, with llmtest as the provider. Self-contained: it
// adds its own profile, whatever other files ran before it. The fake's
// `echo` model repeats the prompt ("You said: …"), which feeds it markdown.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { clipboardText, launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL;
const GOOD_KEY = process.env.E2E_KEY;
assert.ok(FAKE && GOOD_KEY, 'run through scripts/e2e.sh');

let browser, page;
const foreignRequests = [];
const pageErrors = [];
let current = 'start';
let watching = false;

before(async () => {
  browser = await launch({ viewport: { width: 1200, height: 800 }, clipboard: true });
  page = browser.page;
  page.on('request', (r) => {
    if (!r.url().startsWith(new URL(APP).origin) && !r.url().startsWith('data:')) foreignRequests.push(r.url());
  });
  // Errors while answers render; the profile dialog and the dev server's
  // runtime script are other files' business.
  page.on('pageerror', (e) => watching && pageErrors.push(`${current}: ${e.stack ?? e}`));
  // Anything the Content-Security-Policy refused (a remote font, an inline script, eval).
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(APP);
});

beforeEach((t) => {
  current = t.name;
});

afterEach(async (t) => {
  await shot(page, `render-${t.name}`);
});

after(async () => {
  await browser?.close();
});

const box = () => page.getByRole('textbox', { name: 'Message' });
const lastDone = () => page.locator('[data-testid="message-assistant"][data-status="done"]').last();

/** ask sends text in a new conversation and waits for the whole echo. */
async function ask(text) {
  await page.keyboard.press('Control+n');
  await box().fill(text);
  const before = await page.locator('[data-testid="message-assistant"][data-status="done"]').count();
  await box().press('Enter');
  await page.locator('[data-testid="message-assistant"][data-status="done"]').nth(before).waitFor();
  return lastDone();
}

test('a profile on the fake provider, with its key', async () => {
  await page.locator('aside').waitFor();
  const first = page.getByRole('button', { name: 'Add your first provider' });
  if (await first.isVisible()) await first.click();
  else await page.getByRole('button', { name: '+ Add provider' }).click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill('Render fake');
  await page.locator('#base-url').fill(FAKE);
  await page.locator('#model').fill('echo');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#key-input').fill(GOOD_KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('Key saved', { exact: true }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('header.bar h1').filter({ hasText: 'Render fake' }).waitFor();
  watching = true;
});

test('a long unbroken line wraps, and a long code line scrolls inside its block', async () => {
  const word = 'x'.repeat(2500);
  const code = 'const y = "' + 'y'.repeat(2500) + '";';
  const answer = await ask(`Long lines:\n\n${word}\n\n\`\`\`js\n${code}\n\`\`\`\n\nhttps://example.com/${'p'.repeat(400)}\n\nEnd.`);
  const m = await page.locator('.messages').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  assert.ok(m.scroll <= m.client, `the message list scrolls sideways: ${m.scroll} > ${m.client}`);
  const pre = await answer.locator('pre').evaluate((el) => ({
    scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX,
  }));
  assert.ok(pre.scroll > pre.client, 'the code line is longer than its block');
  assert.equal(pre.overflow, 'auto', 'the code block scrolls');
  const user = await page.locator('[data-testid="message-user"]').last().evaluate((el) => el.scrollWidth <= el.clientWidth);
  assert.ok(user, "the user's own long line wraps too");
});

test('the composer grows with its lines and shrinks after sending', async () => {
  await box().fill('one line');
  const one = (await box().boundingBox()).height;
  await box().fill('1\n2\n3\n4\n5\n6');
  const six = (await box().boundingBox()).height;
  assert.ok(six > one + 60, `six lines (${six}px) are taller than one (${one}px)`);
  // The list got shorter, not scrolled by the user: it still shows the end
  // once it has followed, at its next frame (render/follow.ts; WebKitGTK
  // under load gives a frame only every few hundred ms).
  const showsEnd = () => {
    const el = document.querySelector('.messages');
    return el.scrollHeight > el.clientHeight && el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };
  await page.waitForFunction(showsEnd, undefined, { timeout: 5_000 }).catch(() => {});
  const list = await page.locator('.messages').evaluate((el) => ({ end: el.scrollHeight - el.scrollTop - el.clientHeight, scrolls: el.scrollHeight > el.clientHeight }));
  assert.ok(list.scrolls && list.end < 40, `the list still shows its end (${list.end}px from it)`);
  assert.equal(await page.getByRole('button', { name: /Jump to latest/ }).count(), 0);
  await box().fill(Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n'));
  const many = await box().evaluate((el) => ({ h: el.getBoundingClientRect().height, vh: innerHeight }));
  assert.ok(many.h <= many.vh * 0.4 + 1, 'it stops growing at its maximum and scrolls');
  await box().fill('');
  assert.equal((await box().boundingBox()).height, one);
});

test('a code block shows its language, highlighted, and Copy says Copied', async () => {
  const answer = await ask('Code:\n\n```python\ndef greet(name):\n    return f"hi {name}"\n```\n\nEnd.');
  const block = answer.locator('.code-block');
  assert.equal(await block.locator('.code-lang').innerText(), 'python');
  assert.equal(await block.locator('.hljs-keyword').first().innerText(), 'def');
  await block.getByRole('button', { name: 'Copy', exact: true }).click();
  await block.getByRole('button', { name: 'Copied', exact: true }).waitFor();
  assert.equal(await clipboardText(page), 'def greet(name):\n    return f"hi {name}"\n');
});

test('a table, task list, footnote and math render', async () => {
  const answer = await ask(
    'Table:\n\n| Plan | Price |\n|------|------:|\n| Free | $0 |\n| Pro | $20 |\n\n' +
      '- [x] done\n- [ ] todo\n\nInline $E = mc^2$ and \\(a\\,b\\), costs $5 and $10.\n\n$$\n\\int_0^1 x\\,dx = \\frac{1}{2}\n$$\n\n' +
      'A note[^1].\n\n[^1]: The footnote.\n\nEnd.',
  );
  // KaTeX loads with the first formula (render/lazy): the math shows once it has.
  await answer.locator('.katex-display').waitFor();
  assert.equal(await answer.locator('table th').count(), 2);
  assert.equal(await answer.locator('table tbody tr').count(), 2);
  assert.equal(await answer.locator('input[type=checkbox][disabled]').count(), 2);
  assert.equal(await answer.locator('.katex').count(), 3, 'two inline formulas and one displayed');
  assert.equal(await answer.locator('.katex-display').count(), 1);
  assert.equal(await answer.locator('.katex-error').count(), 0);
  assert.match(await answer.innerText(), /costs \$5 and \$10\./);
  // KaTeX's own fonts, bundled with the app, are the ones in use.
  const fontOk = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].some((f) => f.family.includes('KaTeX') && f.status === 'loaded');
  });
  assert.ok(fontOk, 'a KaTeX font loaded from the app');
  await answer.locator('.footnotes li').filter({ hasText: 'The footnote.' }).waitFor();
});

test('Copy on an answer gives its words as shown: blocks apart, math as its source, no code labels', async () => {
  const answer = await ask('Two lines, $x^2$ inline.\n\n```go\nfmt.Println(1)\n```\n\nThe end.');
  await answer.locator('.katex').waitFor();
  await answer.locator('.hljs-string, .hljs-number').first().waitFor();
  const actions = answer.getByRole('group', { name: 'Message actions' });
  await actions.getByRole('button', { name: 'Copy', exact: true }).click();
  await actions.getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await clipboardText(page), 'You said: Two lines, x^2 inline.\n\nfmt.Println(1)\n\nThe end. — streamed by llmtest.');
});

test('a Mermaid diagram is drawn, with its source a click away', async () => {
  const answer = await ask('Diagram: how a read-through cache answers a request, step by step, with its misses\n\n```mermaid\ngraph LR\n  A[Ask] --> B{Cached?}\n  B -->|yes| C[Answer]\n```\n\nEnd.');
  const block = answer.locator('.mermaid-block');
  await block.locator('.mermaid-view svg').waitFor({ timeout: 20000 });
  assert.equal(await block.getAttribute('data-mermaid'), 'done');
  assert.equal(await block.locator('.mermaid-source').isVisible(), false);
  await block.getByRole('button', { name: 'Show source' }).click();
  assert.equal(await block.locator('.mermaid-source').isVisible(), true);
  assert.match(await block.locator('.mermaid-source').innerText(), /A\[Ask\] --> B\{Cached\?\}/);
  assert.equal(await block.locator('svg script, svg [onclick], svg a').count(), 0);
});

test('hostile markdown stays inert', async () => {
  const answer = await ask(
    'Hostile:\n\n<img src=x onerror="window.__pwned=1"> [x](javascript:window.__pwned=2) ' +
      '![leak](https://evil.example/leak.png) <script>window.__pwned=3</script>\n\nEnd.',
  );
  assert.equal(await answer.locator('img, script').count(), 0);
  await answer.getByText('[remote image: leak]').waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('a 50 KB answer with a 20 KB code block, streamed at full speed, ends as the stored answer shows afresh', async () => {
  // llmtest's markdown-50k (make bench's frames answer): ~17,000 pieces of
  // 3 tokens, which the window applies a frame at a time while the open
  // code block grows by its new text.
  await page.locator('header.bar').getByRole('button', { name: 'Edit', exact: true }).click();
  await page.locator('#model').fill('markdown-50k');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#model').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+n');
  await box().fill('Write the long answer.');
  const before = await page.locator('[data-testid="message-assistant"][data-status="done"]').count();
  await box().press('Enter');
  // The list follows the growing answer: it stays in the page the whole
  // time, the same element (dropped from the list for a frame, it would be
  // rendered anew from its first line, and the window would stall).
  await page.locator('[data-testid="message-assistant"][data-status="streaming"] .md h2').first().waitFor();
  await page.evaluate(() => (window.__streamed = document.querySelector('[data-testid="message-assistant"][data-status="streaming"] .md')));
  // The open code block grows in chunks of lines; the cursor blinks at the
  // end of its text, once.
  const chunked = page.locator('[data-testid="message-assistant"][data-status="streaming"] .md > .code-block:last-child pre > code > .code-chunk:nth-child(2)');
  await chunked.waitFor({ timeout: 60_000 });
  const cursors = await chunked.evaluate((chunk) => {
    const code = chunk.parentElement;
    const shown = (el) => getComputedStyle(el, '::after').display === 'inline-block';
    return { code: shown(code), last: shown(code.lastElementChild), first: shown(code.firstElementChild) };
  });
  assert.deepEqual(cursors, { code: false, last: true, first: false });
  await page.locator('[data-testid="message-assistant"][data-status="done"]').nth(before).waitFor({ timeout: 120_000 });
  assert.ok(await page.evaluate(() => window.__streamed?.isConnected), 'the answer was dropped from the page and rendered anew while it streamed');
  const shown = () =>
    lastDone()
      .locator('.md')
      .evaluate((md) => ({ html: md.innerHTML, headings: md.querySelectorAll('h2, h3').length, code: md.querySelector('pre > code')?.textContent ?? '' }));
  const streamed = await shown();
  assert.equal(streamed.headings, 66);
  assert.ok(streamed.code.length > 19_000, `the code block holds ${streamed.code.length} characters`);
  // Highlighted off the page's thread while it streamed (render/offthread),
  // it ends highlighted, in chunks of 32 lines (render/chunks) that the
  // engine skips when off screen: what a reader does with it still works.
  const code = lastDone().locator('.md .code-block').first();
  const layout = await code.evaluate((block) => {
    const chunks = [...block.querySelectorAll('pre > code > .code-chunk')];
    return {
      keywords: block.querySelectorAll('.hljs-keyword').length,
      chunks: chunks.length,
      lines: chunks.map((c) => (c.textContent.match(/\n/g) ?? []).length),
      text: chunks.map((c) => c.textContent).join(''),
    };
  });
  assert.ok(layout.keywords > 100, `${layout.keywords} keywords highlighted`);
  const lines = streamed.code.split('\n').length - 1;
  assert.equal(layout.chunks, Math.ceil(lines / 32));
  assert.ok(layout.lines.slice(0, -1).every((n) => n === 32), `lines per chunk: ${layout.lines}`);
  assert.equal(layout.text, streamed.code);
  // Find in the page reaches a line of the first chunk, off screen while the
  // list shows the answer's end.
  const firstLine = streamed.code.split('\n').find((l) => l.trim().length > 12).trim();
  assert.ok(await page.evaluate((t) => window.find(t, false, false, true), firstLine), `find in page: ${firstLine}`);
  assert.equal(await page.evaluate(() => String(window.getSelection())), firstLine);
  await page.evaluate(() => window.getSelection().removeAllRanges());
  // Copy takes all of it, the chunks off screen too.
  await code.getByRole('button', { name: 'Copy', exact: true }).click();
  await code.getByRole('button', { name: 'Copied', exact: true }).waitFor();
  assert.equal(await clipboardText(page), streamed.code);
  // Reopened, the stored answer renders at once, not streamed: the same page.
  await page.keyboard.press('Control+n');
  await lastDone().waitFor({ state: 'detached' });
  await page.locator('li.conv').filter({ hasText: 'Write the long answer.' }).first().locator('button.item').click();
  await lastDone().waitFor();
  const fresh = await shown();
  assert.equal(fresh.code, streamed.code);
  let at = 0;
  while (at < fresh.html.length && fresh.html[at] === streamed.html[at]) at++;
  assert.ok(fresh.html === streamed.html, `the streamed answer differs from the stored one from: ${streamed.html.slice(at, at + 200)}`);
});

test('while streaming, the cursor sits at the end of the text and Stop stays on one line', async () => {
  await page.setViewportSize({ width: 720, height: 480 });
  await page.locator('header.bar').getByRole('button', { name: 'Edit', exact: true }).click(); // the profile editor (Ctrl+, opens Settings)
  await page.locator('#model').fill('slow');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#model').waitFor({ state: 'detached' });
  await box().fill('tell me a story');
  await box().press('Enter');
  const streaming = page.locator('[data-testid="message-assistant"][data-status="streaming"] .md');
  await streaming.filter({ hasText: /Parley keeps every/ }).waitFor();
  const cursor = await streaming.evaluate((md) => {
    const last = md.lastElementChild;
    const after = getComputedStyle(last, '::after');
    return { tag: last.localName, content: after.content, display: after.display };
  });
  assert.deepEqual(cursor, { tag: 'p', content: '""', display: 'inline-block' });
  const lines = await page.getByRole('button', { name: /Stop/ }).evaluate((b) => {
    const r = document.createRange();
    r.selectNodeContents(b);
    return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
  });
  assert.equal(lines, 1, 'Stop is on one line');

  // Scrolling up to read stops the following and offers a way back.
  const list = page.locator('.messages');
  await list.evaluate((el) => el.scrollTo({ top: 0 }));
  await page.getByRole('button', { name: /Jump to latest/ }).click();
  await page.getByRole('button', { name: /Jump to latest/ }).waitFor({ state: 'detached' });
  await page.getByRole('button', { name: /Stop/ }).click();
  await page.locator('[data-testid="message-assistant"][data-status="stopped"]').last().waitFor();
  const atEnd = await list.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 40);
  assert.ok(atEnd, 'the list is at its end again');
});

test('at 720x480 the placeholder fits and the sidebar keeps several conversations in view', async () => {
  await box().fill('');
  const fits = await box().evaluate((el) => {
    const s = getComputedStyle(el);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    return { text: ctx.measureText(el.placeholder).width, room };
  });
  assert.ok(fits.text <= fits.room, `the placeholder (${fits.text}px) fits its box (${fits.room}px)`);

  // Enough providers to overflow their list: it scrolls on its own.
  watching = false;
  for (let i = 0; i < 8; i++) {
    await page.getByRole('button', { name: '+ Add provider' }).click();
    await page.locator('#preset').selectOption('ollama');
    await page.locator('#name').fill(`Local ${i}`);
    await page.locator('#base-url').fill(FAKE.replace(/\/v1$/, ''));
    await page.locator('#model').fill('echo');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#name').waitFor({ state: 'detached' });
  }
  watching = true;
  await page.locator('aside .item').filter({ hasText: 'Render fake' }).click();
  await page.locator('header.bar h1').filter({ hasText: 'Render fake' }).waitFor();
  await page.locator('aside .convs li.conv').first().waitFor(); // the provider's conversations have loaded
  const lists = await page.evaluate(() => {
    const providers = document.querySelector('aside .providers');
    const convs = document.querySelector('aside .convs');
    const row = convs.querySelector('li.conv').getBoundingClientRect().height;
    return { scrolls: providers.scrollHeight > providers.clientHeight, rows: convs.clientHeight / row };
  });
  assert.ok(lists.scrolls, 'the provider list scrolls');
  assert.ok(lists.rows >= 3, `the conversation list shows ${lists.rows.toFixed(1)} rows`);

  // A long title ends in an ellipsis; the pointer on its row shows its
  // actions whole, over the title's end, each one what a click there meets.
  const item = page.locator('li.conv').filter({ hasText: 'Diagram: how a read-through cache' }).first();
  await item.hover();
  const fit = await item.evaluate((li) => {
    const label = li.querySelector('.label');
    const del = li.querySelector('.acts');
    const aside = li.closest('aside').getBoundingClientRect();
    const r = del.getBoundingClientRect();
    return {
      ellipsis: label.scrollWidth > label.clientWidth && getComputedStyle(label).textOverflow === 'ellipsis',
      whole: del.scrollWidth <= del.clientWidth && r.right <= aside.right && r.left >= label.getBoundingClientRect().left,
      reached: [...del.querySelectorAll('button')].every((b) => {
        const br = b.getBoundingClientRect();
        return getComputedStyle(b).opacity === '1' && document.elementFromPoint(br.x + br.width / 2, br.y + br.height / 2) === b;
      }),
    };
  });
  assert.deepEqual(fit, { ellipsis: true, whole: true, reached: true });

  // Away from the pointer, every title has its row to itself (the open
  // conversation's too): no room is kept for actions that are not shown.
  await page.locator('header.bar h1').hover();
  const room = await page.evaluate(() =>
    [...document.querySelectorAll('aside li.conv')].map((li) => {
      const tokens = li.querySelector('.tokens')?.getBoundingClientRect().width ?? 0;
      return Math.round(li.getBoundingClientRect().right - li.querySelector('.label').getBoundingClientRect().right - tokens);
    }),
  );
  assert.ok(room.length > 0 && room.every((px) => px <= 24), `room left beside each title: ${room} px`);
});

test('the page met no CSP refusal, no error and made no request of its own', async () => {
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(foreignRequests, []);
});
