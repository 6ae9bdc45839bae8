// "Test connection" shows what it found for the key it tested. Once that key
// is saved anew or removed, the result describes a key that is gone: it
// leaves the screen, and the test can be run again for the new key.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';

const keys = vi.hoisted(() => ({ n: 0 }));

vi.mock('../lib/backend', () => ({
  openLink: () => {},
  testConnection: async () => [
    { name: 'Authentication', status: 'failed', millis: 12, detail: 'The provider refused the key' },
  ],
  setKey: async () => ({ set: true, hint: `…new${++keys.n}`, advice: [] }),
  deleteKey: async () => {},
  keyStatus: async () => ({ set: true, hint: '…old1' }),
}));

const { setupI18n } = await import('../lib/i18n');
const { app } = await import('../lib/state.svelte');
const KeyDialog = (await import('./KeyDialog.svelte')).default;
setupI18n('en');

const profile = (keyNeed: string) =>
  ({ id: 'p1', name: 'Tidewater', preset: 'openai', baseUrl: 'http://127.0.0.1:9/v1', keyNeed }) as never;

function open(keyNeed: string) {
  app.profileId = 'p1';
  app.keys = { p1: { set: true, hint: '…old1' } };
  const target = document.createElement('div');
  document.body.append(target);
  const view = mount(KeyDialog, { target, props: { profile: profile(keyNeed), onClose: () => {} } });
  flushSync();
  return { target, close: () => unmount(view) };
}

const steps = (target: HTMLElement) => [...target.querySelectorAll('[data-testid="doctor-step"]')].map((li) => li.textContent);
const button = (target: HTMLElement, text: string) =>
  [...target.querySelectorAll('button')].find((b) => b.textContent === text) as HTMLButtonElement;

async function test(target: HTMLElement) {
  button(target, 'Test connection').click();
  await vi.waitFor(() => expect(steps(target).join()).toContain('The provider refused the key'));
}

afterEach(() => document.body.replaceChildren());

describe('a connection test and the key it tested', () => {
  it('is cleared when another key is saved', async () => {
    const d = open('required');
    await test(d.target);
    const input = d.target.querySelector('#key-input') as HTMLInputElement;
    input.value = 'sk-another';
    input.dispatchEvent(new Event('input'));
    flushSync();
    button(d.target, 'Save key').click();
    await vi.waitFor(() => expect(d.target.textContent).toContain('Saved in the system keychain.'));
    flushSync();
    expect(steps(d.target)).toEqual([]);
    expect(d.target.querySelector('ol')).toBeNull();
    // The new key can be tested.
    await test(d.target);
    d.close();
  });

  // Another window's change of a setting has the window read every key's
  // status again: the same key, so the result stays.
  it('stays when the same key is read again', async () => {
    const d = open('required');
    await test(d.target);
    await app.refreshKey('p1');
    flushSync();
    expect(steps(d.target).join()).toContain('The provider refused the key');
    d.close();
  });

  it('is cleared when the key is removed', async () => {
    const d = open('optional');
    await test(d.target);
    button(d.target, 'Remove key').click();
    await vi.waitFor(() => expect(d.target.textContent).toContain('Key removed from the keychain.'));
    flushSync();
    expect(steps(d.target)).toEqual([]);
    d.close();
  });
});
