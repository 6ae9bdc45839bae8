// Windows: a provider's own window shows only that provider, and every
// window shows what the others change (profiles, conversations, a stream
// running in another window, settings) by reading the database again when
// Go says another process wrote to it.
import * as backend from './backend';
import { app } from './state.svelte';
import { settings } from './settings.svelte';
import { toProblem } from './stream';
import { windowTitle, withoutRepeats } from './refresh';

class WindowState {
  /** The provider whose own window this is; null in the main window. */
  profileId = $state<string | null>(null);
}

export const win = new WindowState();

/** openWindow opens a provider in its own window (or raises it). */
export function openWindow(profileId: string): void {
  void app.attempt(() => backend.openProfileWindow(profileId));
}

/** startSync runs beside loading, which it waits for before it syncs. */
export async function startSync(loading: Promise<void>): Promise<void> {
  // Listen before anything loads: a setting another window changes while
  // this one loads would otherwise be missed (its first read came before).
  let loaded = false;
  let missed = false;
  backend.onDataChanged((c) => {
    if (c.settings) void settings.load(); // language, theme, text size, defaults, proxies: at once
    if (loaded) void refreshSoon();
    else missed = true; // read again once loaded
  });
  win.profileId = (await backend.windowProfile()) || null; // hides the provider rail at once
  await loading;
  loaded = true;
  if (missed) void refreshSoon();
  if (win.profileId && app.profileId !== win.profileId) await app.attempt(() => app.selectProfile(win.profileId!));
  window.addEventListener('keydown', onKeydown);
  $effect.root(() => {
    $effect.pre(() => {
      const once = withoutRepeats(app.messages);
      if (once !== app.messages) app.messages = once;
    });
    $effect(() => backend.setWindowTitle(windowTitle(win.profileId ? (app.profile?.name ?? 'Parley') : 'Parley', app.conversations, app.conversationId)));
  });
}

function onKeydown(e: KeyboardEvent): void {
  if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key.toLowerCase() === 'o' && app.profileId && !win.profileId) {
    e.preventDefault();
    openWindow(app.profileId);
  }
}

// One refresh at a time; changes during one cause one more after it.
let running: Promise<void> | null = null;
let again = false;

function refreshSoon(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      try {
        await refresh();
      } catch (e) {
        app.notice = toProblem(e);
      }
    } while (again);
    running = null;
  })();
  return running;
}

async function refresh(): Promise<void> {
  app.profiles = await backend.profiles();
  await Promise.all(app.profiles.map((p) => app.refreshKey(p.id)));
  if (!app.profiles.some((p) => p.id === app.profileId)) {
    if (win.profileId) return backend.closeWindow(); // this window's provider was removed
    app.profileId = null;
    app.conversationId = null;
    app.conversations = [];
    app.messages = [];
    if (app.profiles.length > 0) await app.selectProfile(app.profiles[0].id);
    return;
  }
  const profileId = app.profileId!;
  const conversations = await backend.conversations(profileId);
  if (app.profileId !== profileId) return;
  app.conversations = conversations;
  const id = app.conversationId;
  if (!id) return;
  if (!conversations.some((c) => c.id === id)) {
    app.conversationId = null; // deleted in another window
    app.messages = [];
    return;
  }
  await app.refreshMessages();
}
