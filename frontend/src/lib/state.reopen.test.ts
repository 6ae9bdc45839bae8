// Opening the conversation already shown while its answer streams (a click
// on the provider or on the conversation, as after a reload) loads Go's
// snapshot of the answer. Deltas sent after that snapshot may arrive before
// it: the answer must keep them, and go on growing.
import { describe, expect, it, vi } from 'vitest';
import type { DeltaEvent } from './types';
import type { StoredMessage } from './stream';

const chat = vi.hoisted(() => ({ delta: (_: unknown) => {}, pages: [] as Array<(page: unknown) => void> }));

vi.mock('./backend', () => ({
  onChat: (h: { delta: (e: unknown) => void }) => {
    chat.delta = h.delta;
    return () => {};
  },
  language: async () => ({ chosen: 'en', system: 'en' }),
  problemWords: async () => [],
  presets: async () => [],
  profiles: async () => [],
  lastPlace: async () => ({ profileId: '', conversationId: '' }),
  detectOllama: () => new Promise(() => {}),
  draft: async () => '',
  chatSettings: async () => ({}),
  messagePage: () => new Promise((resolve) => chat.pages.push(resolve)),
}));

const { app } = await import('./state.svelte');

const stored = (id: string, role: string, content: string, status: string, lastSeq: number): StoredMessage =>
  ({ id, conversationId: 'c1', role, content, reasoning: '', status, model: 'slow', lastSeq, alternatives: [id] }) as unknown as StoredMessage;

const page = (answer: string, seq: number) => ({
  messages: [stored('u1', 'user', 'story', 'done', 0), stored('a1', 'assistant', answer, 'streaming', seq)],
  from: 0,
  total: 2,
});

const delta = (seq: number, text: string) =>
  chat.delta({ conversationId: 'c1', messageId: 'a1', seq, text, reasoning: '' } satisfies DeltaEvent);

/** open opens c1 and answers its page load with the answer as Go saw it when the load began. */
async function open(answer: string, seq: number, meanwhile = () => {}) {
  const opened = app.openConversation('c1');
  await vi.waitFor(() => expect(chat.pages.length).toBe(1));
  meanwhile();
  chat.pages.shift()!(page(answer, seq));
  await opened;
}

const answer = () => app.messages.find((m) => m.id === 'a1')!;

/** loading starts opening c1 and returns a function that answers its page load with the answer as Go saw it. */
async function loading() {
  const n = chat.pages.length;
  const opened = app.openConversation('c1');
  await vi.waitFor(() => expect(chat.pages.length).toBe(n + 1));
  const resolve = chat.pages[n];
  return async (text: string, seq: number) => {
    resolve(page(text, seq));
    await opened;
  };
}

/** closed shows no conversation, as after a reload. */
function closed() {
  chat.pages.length = 0;
  app.conversationId = null;
  app.messages = [];
}

describe('opening the conversation shown again while its answer streams', () => {
  it('keeps the deltas that came during the load and goes on growing', async () => {
    await app.init();
    await open('Parley ', 1);
    delta(2, 'keeps ');
    // Go's snapshot is taken at seq 2; delta 3 is sent after it but arrives first.
    await open('Parley keeps ', 2, () => delta(3, 'every '));
    delta(4, 'word');
    // Deltas reach the screen at the next frame (lib/batch.ts).
    await vi.waitFor(() => expect(answer().content).toBe('Parley keeps every word'));
    expect(answer().seq).toBe(4);
  });

  it('keeps the deltas that came while an earlier load of it was on its way', async () => {
    closed();
    // The window opens c1 (after a reload, where the user was) and the user opens it again meanwhile.
    const first = await loading();
    delta(2, 'keeps ');
    const second = await loading();
    await first('Parley ', 1);
    delta(3, 'every ');
    await second('Parley keeps ', 2);
    delta(4, 'word');
    await vi.waitFor(() => expect(answer().content).toBe('Parley keeps every word'));
  });

  it('keeps a delta that came ahead of its turn when the page is further along', async () => {
    closed();
    await open('Parley ', 1);
    // Delta 3 arrives before 2 (the transport does not promise order); the page has 2.
    await open('Parley keeps ', 2, () => delta(3, 'every '));
    delta(2, 'keeps ');
    delta(4, 'word');
    await vi.waitFor(() => expect(answer().content).toBe('Parley keeps every word'));
  });
});
