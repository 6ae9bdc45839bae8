// End-to-end: rough edges a keyboard user and a small window meet, in the
// real app (wails dev, live Go bindings) in each engine (driver.mjs), with
// llmtest as the provider. Self-contained: it adds its own provider and
// removes it. Started by scripts/e2e.sh
// (E2E_FILES=e2e/polish.e2e.test.mjs runs this file alone).
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launch, shot } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL;
const GOOD_KEY = process.env.E2E_KEY;
assert.ok(FAKE && GOOD_KEY, 'run through scripts/e2e.sh');

const NAME = 'Polish fake';
let browser, page;

before(async () => {
  browser = await launch({ viewport: { width: 1120, height: 760 } });
  page = browser.page;
  await page.goto(APP);
  await page.locator('aside').waitFor();
});

afterEach(async (t) => shot(page, `polish-${t.name}`));

after(async () => {
  await page?.evaluate(async (name) => {
    const App = window.go.main.App;
    for (const p of await App.Profiles()) if (p.name === name) await App.DeleteProfile(p.id);
    await App.SetSetting('chats.defaults', '');
  }, NAME);
  await browser?.close();
});

/** focus says where the keyboard focus is: the element's id or text, and whether a dialog holds it. */
const focus = () =>
  page.evaluate(() => {
    const a = document.activeElement;
    return { id: a?.id ?? '', text: (a?.textContent ?? '').trim(), inDialog: !!a?.closest('[role="dialog"]') };
  });

const addButton = () => page.locator('aside').getByRole('button', { name: '+ Add provider', exact: true });

test('Add provider takes the focus, Tab stays in the dialog, and the key field has the focus next', async () => {
  await addButton().click();
  await page.getByRole('dialog', { name: 'Add a provider' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'preset');
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill(NAME);
  await page.locator('#base-url').fill(FAKE);
  await page.locator('#model').fill('echo');
  // Round the dialog both ways: the page behind it never gets the focus.
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    const f = await focus();
    assert.ok(f.inDialog, `after ${key} the focus is in the dialog, not on ${f.id || f.text || 'the page'}`);
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('dialog', { name: `API key · ${NAME}` }).waitFor();
  // The key dialog follows: typing goes into its field at once.
  await page.waitForFunction(() => document.activeElement?.id === 'key-input');
  await page.keyboard.type(GOOD_KEY);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Saved in the system keychain' }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.modal').waitFor({ state: 'detached' });
  // Closing leaves the focus in the new provider's composer, ready to type.
  await page.waitForFunction((name) => document.activeElement?.getAttribute('placeholder') === `Message ${name}…`, NAME);
});

test('a growing dialog stays put: the field being typed in does not move', async () => {
  await addButton().click();
  await page.getByRole('dialog', { name: 'Add a provider' }).waitFor();
  const top = (sel) => page.locator(sel).evaluate((el) => Math.round(el.getBoundingClientRect().top));
  const before = await top('#preset');
  await page.locator('#preset').selectOption('custom'); // the rest of the form appears below
  await page.locator('#base-url').waitFor();
  assert.equal(await top('#preset'), before, 'the service field stays where it was');
  const url = await top('#base-url');
  await page.locator('#base-url').fill('http://127.0.0.1:9'); // a hint about /v1 appears under it
  await page.getByTestId('endpoint').waitFor();
  assert.equal(await top('#base-url'), url, 'the base URL field stays under the pointer');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Add a provider' }).waitFor({ state: 'detached' });
});

test('About takes the focus, so Tab does not wander behind it, and Esc gives it back', async () => {
  const about = page.getByRole('button', { name: 'About Parley' });
  await about.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'About Parley' }).waitFor();
  await page.waitForFunction(() => !!document.activeElement?.closest('[role="dialog"]'));
  await page.keyboard.press('Tab');
  assert.ok((await focus()).inDialog, 'Tab stays in About');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'About Parley' }).waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.textContent?.trim() === 'About Parley');
});

// WebKitGTK paints a scroll box's overlay scrollbar above everything: the
// sidebar's lists showed a line across an open dialog. Under a dialog they
// do not scroll, so they draw none; closed, they scroll again.
test('the sidebar draws no scrollbar across an open dialog', async () => {
  // The sidebar's two lists, providers and conversations: the boxes that
  // scroll there, and so draw a scrollbar once they overflow.
  const lists = () =>
    page.evaluate(() => [...document.querySelectorAll('aside .providers, aside .convs')].filter((e) => getComputedStyle(e).overflowY === 'auto').length);
  const open = await lists();
  assert.equal(open, 2, 'both lists of the sidebar scroll');
  await page.getByRole('button', { name: 'About Parley' }).click();
  await page.getByRole('dialog', { name: 'About Parley' }).waitFor();
  assert.equal(await lists(), 0, 'no list of the sidebar scrolls under the dialog');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'About Parley' }).waitFor({ state: 'detached' });
  assert.equal(await lists(), open, 'they scroll again once it is closed');
});

test('Esc folds the parameters away and gives the focus back to their button', async () => {
  await page.locator('ul.profiles button.item').filter({ hasText: NAME }).click();
  const toggle = page.getByRole('button', { name: 'Parameters', exact: true });
  await toggle.click();
  const panel = page.getByRole('region', { name: 'Conversation parameters' });
  await panel.waitFor();
  await panel.locator('textarea').click();
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Parameters');
  // The list of shortcuts says so.
  await page.keyboard.press('Control+,');
  await page.getByTestId('settings').locator('nav').getByRole('button', { name: 'Shortcuts', exact: true }).click();
  const esc = page.getByTestId('shortcut').filter({ hasText: 'Esc' });
  assert.match(await esc.innerText(), /parameters.*cancel an edit/);
  await page.keyboard.press('Escape');
  await page.getByTestId('settings').waitFor({ state: 'detached' });
});

const composer = () => page.locator('textarea[data-focus-home]');
const users = () => page.locator('[data-testid="message-user"]');
const lastDone = () => page.locator('[data-testid="message-assistant"][data-status="done"]').last();
const focusLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);

test('leaving an edit puts the focus back on Edit; sending it, or deleting, hands it to the composer', async () => {
  await page.locator('ul.profiles button.item').filter({ hasText: NAME }).click();
  await composer().fill('first question');
  await composer().press('Enter');
  await lastDone().filter({ hasText: 'You said: first question' }).waitFor();
  const edit = users().last().getByRole('button', { name: 'Edit', exact: true });
  await edit.click();
  const box = page.getByRole('textbox', { name: 'Edit message' });
  await box.waitFor();
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.closest('[data-testid="message-user"]') && document.activeElement.getAttribute('aria-label') === 'Edit');
  // The focus is on Edit: Enter opens the edit again, and Enter sends it.
  await page.keyboard.press('Enter');
  await box.waitFor();
  await box.fill('second question');
  await box.press('Enter');
  await lastDone().filter({ hasText: 'You said: second question' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.hasAttribute('data-focus-home'));
  // Delete, then confirm: this branch goes, the focus goes to the composer.
  await users().last().getByRole('button', { name: 'Delete', exact: true }).click();
  await users().last().getByRole('button', { name: 'Delete?', exact: true }).waitFor();
  assert.notEqual(await focusLabel(), 'BODY');
  await page.keyboard.press('Enter');
  await users().filter({ hasText: 'second question' }).waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.hasAttribute('data-focus-home'));
});

test('renaming a conversation, Enter or Esc leaves the focus on it', async () => {
  const row = page.locator('[data-testid="conversation"]').filter({ hasText: 'first question' });
  await row.hover();
  await row.getByRole('button', { name: 'Rename', exact: true }).click();
  const box = page.getByRole('textbox', { name: 'Conversation title' });
  await box.fill('Polished title');
  await box.press('Enter');
  const renamed = page.locator('[data-testid="conversation"] button.item').filter({ hasText: 'Polished title' });
  await renamed.waitFor();
  await page.waitForFunction(() => document.activeElement?.classList.contains('item') && document.activeElement.textContent.includes('Polished title'));
  // Esc cancels, with the focus on the same conversation.
  await renamed.hover();
  await page.locator('[data-testid="conversation"]').filter({ hasText: 'Polished title' }).getByRole('button', { name: 'Rename', exact: true }).click();
  await box.waitFor();
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.classList.contains('item') && document.activeElement.textContent.includes('Polished title'));
});

test('the edit dialog calls a provider a provider, as the sidebar does', async () => {
  await page.locator('header.bar').getByRole('button', { name: 'Edit', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Edit ${NAME}` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Delete provider', exact: true }).waitFor();
  assert.doesNotMatch(await dialog.innerText(), /profile/i);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('Export, backup & import leaves room under its title, as the other dialogs do', async () => {
  await page.getByRole('button', { name: 'Export, backup & import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export, backup & import' });
  await dialog.waitFor();
  const gap = await dialog.evaluate((d) => d.querySelector('h3').getBoundingClientRect().top - d.querySelector('h2').getBoundingClientRect().bottom);
  assert.ok(gap >= 12, `the first heading sits ${gap} px under the title`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('in a small window the chat defaults show their whole "provider\'s default"', async () => {
  await page.setViewportSize({ width: 720, height: 480 });
  try {
    await page.keyboard.press('Control+,');
    await page.getByTestId('settings').locator('nav').getByRole('button', { name: 'Chats', exact: true }).click();
    await page.locator('#default-max-tokens').waitFor();
    for (const id of ['default-temperature', 'default-top-p', 'default-max-tokens']) {
      const room = await page.locator(`#${id}`).evaluate((el) => {
        const s = getComputedStyle(el);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = `${s.fontSize} ${s.fontFamily}`;
        const text = ctx.measureText(el.placeholder).width;
        // The text box: the field less its padding, border and the number spinner (about 16 px).
        const box = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 16;
        return { text, box, placeholder: el.placeholder };
      });
      assert.ok(room.text <= room.box, `#${id} shows "${room.placeholder}" whole: ${Math.ceil(room.text)} px of text in ${Math.floor(room.box)} px`);
    }
    await page.keyboard.press('Escape');
  } finally {
    await page.setViewportSize({ width: 1120, height: 760 });
  }
});
