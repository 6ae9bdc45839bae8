// Where the keyboard focus goes as dialogs open and close: into the dialog,
// from one dialog to the next, and back; to the composer when what had it
// before is gone (Tab going round a dialog needs layout: see
// e2e/polish.e2e.test.mjs).
import { afterEach, describe, expect, it } from 'vitest';
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';

const { setupI18n } = await import('../lib/i18n');
const Modal = (await import('./Modal.svelte')).default;
setupI18n('en');

const field = (id: string) => createRawSnippet(() => ({ render: () => `<input id="${id}" />` }));
const settle = () => new Promise((r) => setTimeout(r, 0));

function open(title: string, id: string) {
  const target = document.createElement('div');
  document.body.append(target);
  const view = mount(Modal, { target, props: { title, onClose: () => {}, children: field(id) } });
  flushSync();
  return { target, close: () => unmount(view) };
}

afterEach(() => document.body.replaceChildren());

describe('a dialog and the focus', () => {
  it('takes the focus into its first field and gives it back on closing', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const d = open('First', 'first-field');
    await settle();
    expect(document.activeElement?.id).toBe('first-field');
    d.close();
    await settle();
    expect(document.activeElement).toBe(opener);
  });

  it('opened from another dialog, gives the focus back where the first would have', async () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const first = open('Add a provider', 'preset');
    await settle();
    // The first dialog's Save opens the second one and closes itself.
    const second = open('API key', 'key-input');
    first.close();
    await settle();
    expect(document.activeElement?.id).toBe('key-input');
    second.close();
    await settle();
    expect(document.activeElement).toBe(opener);
  });

  it('gives the focus to the composer when what had it is gone', async () => {
    const composer = document.createElement('textarea');
    composer.setAttribute('data-focus-home', '');
    const welcome = document.createElement('button');
    document.body.append(composer, welcome);
    welcome.focus();
    const d = open('Add a provider', 'preset');
    await settle();
    welcome.remove(); // the Welcome page goes once there is a provider
    d.close();
    await settle();
    expect(document.activeElement).toBe(composer);
  });
});
