// The composer takes the cursor when a conversation opens, but not from a
// dialog that has just taken it (Add provider's first field is a select).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';

vi.mock('../lib/backend');

const { setupI18n } = await import('../lib/i18n');
const Composer = (await import('./Composer.svelte')).default;
setupI18n('en');

afterEach(() => document.body.replaceChildren());

describe('the composer and the focus', () => {
  it('takes the focus when nothing else holds it', () => {
    const target = document.createElement('div');
    document.body.append(target);
    const view = mount(Composer, { target });
    flushSync();
    expect(document.activeElement?.hasAttribute('data-focus-home')).toBe(true);
    unmount(view);
  });

  it('leaves it in an open dialog', () => {
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const select = document.createElement('select');
    dialog.append(select);
    const target = document.createElement('div');
    document.body.append(dialog, target);
    select.focus();
    const view = mount(Composer, { target });
    flushSync();
    expect(document.activeElement).toBe(select);
    unmount(view);
  });
});
