// The provider's context menu in the sidebar, in the real Sidebar with the
// Go binding it calls stubbed.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Sidebar from './Sidebar.svelte';
import { app } from '../lib/state.svelte';
import { emptyProfile, type Profile } from '../lib/types';

const profile: Profile = {
  ...emptyProfile(), id: 'p_beta', name: 'Beta', kind: 'openai', preset: 'custom', baseUrl: 'http://127.0.0.1:1/v1', model: 'echo',
  keyNeed: 'required', reasoning: [],
};
const opened = vi.fn(() => Promise.resolve());

describe('a provider\'s context menu', () => {
  let sidebar: ReturnType<typeof mount>;
  beforeEach(() => {
    (window as unknown as { go: unknown }).go = { main: { App: { OpenProfileWindow: opened } } };
    app.profiles = [profile];
    sidebar = mount(Sidebar, { target: document.body });
  });
  afterEach(() => {
    unmount(sidebar);
    document.body.innerHTML = '';
    opened.mockClear();
  });

  function openMenu() {
    const row = [...document.querySelectorAll('li')].find((li) => li.textContent?.includes('Beta'))!;
    row.dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, cancelable: true, clientX: 40, clientY: 60 }));
    flushSync();
    return document.querySelector<HTMLButtonElement>('[role="menuitem"]')!;
  }

  it('opens the provider in a new window and closes', () => {
    openMenu().click();
    flushSync();
    expect(opened).toHaveBeenCalledWith('p_beta');
    expect(document.querySelector('[role="menu"]')).toBeNull();
  });

  it('closes on Escape without opening anything', () => {
    openMenu();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    flushSync();
    expect(document.querySelector('[role="menu"]')).toBeNull();
    expect(opened).not.toHaveBeenCalled();
  });

  it('has a button beside the provider that opens its window', () => {
    document.querySelector<HTMLButtonElement>('button[aria-label="Open Beta in a new window"]')!.click();
    expect(opened).toHaveBeenCalledWith('p_beta');
  });
});
