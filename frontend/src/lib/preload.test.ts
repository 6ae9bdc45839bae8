// A conversation opens with its code already highlighted: its page is shown
// once highlight.js has loaded, when a message of the page has a code block
// with a language, and highlight.js stays out when none has.
import { describe, expect, it, vi } from 'vitest';
import * as lazy from './render/lazy';
import { needsHighlight } from './preload';
import type { StoredMessage } from './stream';

const pages = vi.hoisted(() => new Map<string, unknown>());

vi.mock('./backend', () => ({
  draft: async () => '',
  chatSettings: async () => ({}),
  setLastPlace: async () => {},
  messagePage: async (id: string) => pages.get(id),
}));

const { app } = await import('./state.svelte');
const { render } = await import('./markdown');

const stored = (id: string, conversationId: string, content: string) =>
  ({ id, conversationId, role: 'assistant', content, reasoning: '', status: 'done', model: 'm', lastSeq: 0, alternatives: [id] }) as unknown as StoredMessage;

describe('needsHighlight', () => {
  it.each([
    ['```go\nfunc main() {}\n```', true],
    ['Text first.\n\n~~~python\nprint(1)\n~~~', true],
    ['> ```js\n> let a\n> ```', true],
    ['```\nno language\n```', false],
    ['inline ```go``` is not a block', false],
    ['no code at all', false],
  ])('%j → %s', (text, want) => expect(needsHighlight(text)).toBe(want));
});

describe('opening a conversation', () => {
  it('does not load highlight.js for a page without code', async () => {
    pages.set('plain', { messages: [stored('p1', 'plain', 'Just words.\n\n- and a list')], from: 0, total: 1 });
    await app.openConversation('plain');
    expect(app.messages.map((m) => m.id)).toEqual(['p1']);
    expect(lazy.requested().hljs).toBe(false);
  });

  it('shows a page with code only once highlight.js is there, so the code is highlighted from the start', async () => {
    const code = 'Here:\n\n```go\nfor i := range 3 {\n\treturn i\n}\n```';
    pages.set('code', { messages: [stored('c1', 'code', code)], from: 0, total: 1 });
    const opened = app.openConversation('code');
    let shownBeforeLoaded = false;
    let done = false;
    void opened.then(() => (done = true));
    const look = () => {
      if (app.messages.some((m) => m.id === 'c1') && !lazy.hljs) shownBeforeLoaded = true;
    };
    while (!done) {
      look();
      await new Promise((r) => setTimeout(r, 0));
    }
    look();
    expect(shownBeforeLoaded).toBe(false);
    expect(app.messages.map((m) => m.id)).toEqual(['c1']);
    expect(render(app.messages[0].content)).toContain('hljs-keyword');
  });
});
