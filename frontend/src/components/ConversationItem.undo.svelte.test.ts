// Deleting the conversation that is open, then pressing Undo in the toast,
// puts the user back where they were: the conversation is in the list and
// open again, its messages on screen.
import { describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { StoredMessage } from '../lib/stream';

const stored = (id: string, role: string, content: string): StoredMessage =>
  ({ id, conversationId: 'c1', role, content, reasoning: '', status: 'done', model: 'm', lastSeq: 0, alternatives: [id] }) as unknown as StoredMessage;

vi.mock('../lib/backend', () => ({
  onChat: () => () => {},
  draft: async () => '',
  saveDraft: async () => {},
  setLastPlace: async () => {},
  chatSettings: async () => ({}),
  messagePage: async () => ({ messages: [stored('u1', 'user', 'the tide tables'), stored('a1', 'assistant', 'High water at noon.')], from: 0, total: 2 }),
  deleteConversation: vi.fn(async () => {}),
}));

const { setupI18n } = await import('../lib/i18n');
const { app } = await import('../lib/state.svelte');
const { history } = await import('../lib/history.svelte');
const ConversationItem = (await import('./ConversationItem.svelte')).default;
const Toast = (await import('./Toast.svelte')).default;
setupI18n('en');

const conv = { id: 'c1', profileId: 'p1', title: 'Tides', pinned: false, createdAt: 1, updatedAt: 1, messages: 2, inputTokens: 0, outputTokens: 0 };

describe('Undo after deleting the open conversation', () => {
  it('brings it back open', async () => {
    app.profileId = 'p1';
    app.conversations = [conv as never];
    await app.openConversation('c1');
    const target = document.createElement('div');
    const toast = mount(Toast, { target });
    const item = mount(ConversationItem, { target, props: { conversation: app.conversations[0] } });
    flushSync();
    const li = () => target.querySelector('[data-testid="conversation"]')!;
    expect(li().classList.contains('active')).toBe(true);

    (target.querySelector('button[aria-label="Delete conversation"]') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(app.messages).toEqual([]));
    flushSync();
    expect(li().classList.contains('active')).toBe(false);

    (target.querySelector('button.undo') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(app.messages.map((m) => m.content)).toEqual(['the tide tables', 'High water at noon.']));
    flushSync();
    expect(history.deleting).toEqual({});
    expect(li().classList.contains('active')).toBe(true);
    unmount(item);
    unmount(toast);
  });
});
