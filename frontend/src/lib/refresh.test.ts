import { describe, expect, it } from 'vitest';
import { mergeStored, newest, windowTitle, withoutRepeats } from './refresh';
import { applyDelta, applyDone, fromStored, type StoredMessage } from './stream';
import { applyRetry } from './netnote';
import type { DoneEvent, MessageStatus, Problem } from './types';

/** What Go sends of a message beyond the fields a test sets: core.MessageView's zero values. */
const row = { seq: 0, createdAt: 0, updatedAt: 0, parentId: '', finish: '', lastSeq: 0, alternatives: [] };

const stored = (id: string, content: string, status: MessageStatus = 'done'): StoredMessage => ({
  ...row,
  id, conversationId: 'c', role: 'assistant', content, reasoning: '', status, model: 'm',
  inputTokens: 0, outputTokens: 0, reasoningMs: 0,
});

describe('mergeStored', () => {
  it('shows a stream of another window growing as it is stored', () => {
    const shown = [fromStored(stored('u', 'hi')), fromStored(stored('a', 'Hel', 'streaming'))];
    const next = mergeStored(shown, [fromStored(stored('u', 'hi')), fromStored(stored('a', 'Hello wor', 'streaming'))]);
    expect(next[1].content).toBe('Hello wor');
    const done = mergeStored(next, [fromStored(stored('u', 'hi')), fromStored(stored('a', 'Hello world'))]);
    expect(done[1]).toMatchObject({ content: 'Hello world', status: 'done' });
  });

  it("keeps this window's own stream, which is ahead of what is saved", () => {
    const mine = applyDelta(fromStored(stored('a', '', 'streaming')), { messageId: 'a', conversationId: 'c', seq: 1, text: 'Hello world', reasoning: '' });
    const next = mergeStored([mine], [fromStored(stored('a', 'Hello', 'streaming'))]);
    expect(next[0].content).toBe('Hello world');
    expect(next[0].seq).toBe(1); // the next delta still applies once
  });

  it("keeps this window's answer waiting to retry, with its note, before any text came", () => {
    const waiting = applyRetry(fromStored(stored('a', '', 'streaming')), {
      messageId: 'a', conversationId: 'c', attempt: 1, max: 2, inMs: 2000, problem: { kind: 'overloaded', title: 'The provider is overloaded' } as Problem,
    });
    const next = mergeStored([waiting], [fromStored(stored('a', '', 'streaming'))]);
    expect(next[0].net).toMatchObject({ kind: 'retry', attempt: 1, seconds: 2 });
  });

  it('adds messages sent in another window and drops deleted ones', () => {
    const next = mergeStored([fromStored(stored('gone', 'x'))], [fromStored(stored('u', 'new'))]);
    expect(next.map((m) => m.id)).toEqual(['u']);
  });
});

describe('newest', () => {
  const live = (content: string, lastSeq: number) => fromStored({ ...stored('a', content, 'streaming'), lastSeq });

  it('keeps the shown answer when deltas after the page reached it first', () => {
    const next = newest([live('Hello wor', 3)], [live('Hello', 2)]);
    expect(next[0]).toMatchObject({ content: 'Hello wor', seq: 3 });
  });

  it("takes the page's copy when it is further along", () => {
    const next = newest([live('Hel', 1)], [live('Hello', 2)]);
    expect(next[0]).toMatchObject({ content: 'Hello', seq: 2 });
  });

  it("carries over to the page's copy the delta and the end the shown one held back for a gap", () => {
    const d = (seq: number, text: string) => ({ messageId: 'a', conversationId: 'c', seq, text, reasoning: '' });
    let shown = applyDelta(live('Hel', 1), d(3, ' world'));
    const done: DoneEvent = { messageId: 'a', conversationId: 'c', status: 'done', finish: 'stop', usage: null, reasoningMs: 0, lastSeq: 3 };
    shown = applyDone(shown, done);
    expect(shown).toMatchObject({ content: 'Hel', status: 'streaming' });
    const next = newest([shown], [live('Hello', 2)]);
    expect(next[0]).toMatchObject({ content: 'Hello world', seq: 3, status: 'done' });
  });
});

describe('windowTitle', () => {
  const convs = [{ id: 'c1', profileId: 'p', title: 'Trip to Kyoto', updatedAt: 0 }];
  it('names the open conversation, then the window', () => {
    expect(windowTitle('Parley', convs, 'c1')).toBe('Trip to Kyoto — Parley');
    expect(windowTitle('DeepSeek', convs, null)).toBe('DeepSeek');
  });
});

describe('withoutRepeats', () => {
  it('keeps the copy furthest along, once, where the last copy stood', () => {
    const early = applyDelta(fromStored(stored('a', '', 'streaming')), { messageId: 'a', conversationId: 'c', seq: 1, text: 'Hi', reasoning: '' });
    const list = [fromStored(stored('u', 'q')), early, fromStored(stored('u', 'q')), fromStored(stored('a', '', 'streaming'))];
    const once = withoutRepeats(list);
    expect(once.map((m) => m.id)).toEqual(['u', 'a']);
    expect(once[1].content).toBe('Hi');
  });
  it('returns the same list when nothing repeats', () => {
    const list = [fromStored(stored('u', 'q'))];
    expect(withoutRepeats(list)).toBe(list);
  });
});
