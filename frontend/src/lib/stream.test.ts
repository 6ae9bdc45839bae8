import { describe, expect, it } from 'vitest';
import { applyDelta, applyDone, applyError, cutByTokenLimit, fromStored, toProblem } from './stream';
import type { ChatMessage, Problem } from './types';

/** What Go sends of a message beyond the fields a test sets: core.MessageView's zero values. */
const row = { seq: 0, createdAt: 0, updatedAt: 0, parentId: '', finish: '', lastSeq: 0, alternatives: [] };

function streaming(): ChatMessage {
  return fromStored({
    ...row,
    id: 'm1', conversationId: 'c1', role: 'assistant', content: '', reasoning: '', status: 'streaming',
    model: 'gpt', inputTokens: 0, outputTokens: 0, reasoningMs: 0,
  });
}

const delta = (seq: number, text: string, reasoning = '') => ({ messageId: 'm1', conversationId: 'c1', seq, text, reasoning });

describe('applyDelta', () => {
  it('appends text and reasoning in order', () => {
    let m = streaming();
    m = applyDelta(m, delta(1, 'Hel', 'think'));
    m = applyDelta(m, delta(2, 'lo', 'ing'));
    expect(m.content).toBe('Hello');
    expect(m.reasoning).toBe('thinking');
    expect(m.seq).toBe(2);
  });

  it('times the reasoning from its first piece to the first piece of answer', () => {
    let m = applyDelta(streaming(), delta(1, '', 'hmm'), 1000);
    m = applyDelta(m, delta(2, '', ' more'), 1800);
    expect(m.reasoningMs).toBe(0);
    m = applyDelta(m, delta(3, 'Answer'), 3500);
    expect(m.reasoningMs).toBe(2500);
  });

  it('puts deltas that arrive out of order back in order', () => {
    let m = applyDelta(streaming(), delta(2, ' world'));
    expect(m.content).toBe('');
    m = applyDelta(m, delta(3, '!'));
    m = applyDelta(m, delta(1, 'Hello'));
    expect(m.content).toBe('Hello world!');
    expect(m.seq).toBe(3);
  });

  it('waits for the last deltas when the end arrives before them', () => {
    let m = applyDelta(streaming(), delta(1, 'The '));
    m = applyDone(m, { messageId: 'm1', conversationId: 'c1', status: 'done', finish: 'stop', usage: null, reasoningMs: 0, lastSeq: 3 });
    expect(m.status).toBe('streaming');
    m = applyDelta(m, delta(3, 'end.'));
    expect(m.status).toBe('streaming');
    m = applyDelta(m, delta(2, 'whole '));
    expect(m.content).toBe('The whole end.');
    expect(m.status).toBe('done');
  });

  it('ignores a repeated delta and one for another message', () => {
    let m = applyDelta(streaming(), delta(1, 'a'));
    m = applyDelta(m, delta(1, 'a'));
    m = applyDelta(m, { ...delta(2, 'x'), messageId: 'other' });
    expect(m.content).toBe('a');
  });

  it('adds nothing after the message ended', () => {
    let m = applyDelta(streaming(), delta(1, 'kept'));
    m = applyDone(m, { messageId: 'm1', conversationId: 'c1', status: 'stopped', finish: 'stopped', usage: null, reasoningMs: 0, lastSeq: 1 });
    m = applyDelta(m, delta(2, ' late'));
    expect(m.content).toBe('kept');
    expect(m.status).toBe('stopped');
  });
});

describe('terminal events', () => {
  it('done records usage', () => {
    const m = applyDone(streaming(), { messageId: 'm1', conversationId: 'c1', status: 'done', finish: 'stop', usage: { inputTokens: 3, outputTokens: 9 }, reasoningMs: 1200, lastSeq: 0 });
    expect(m.reasoningMs).toBe(1200);
    expect(m.status).toBe('done');
    expect(m.outputTokens).toBe(9);
  });

  it('an answer the token limit ended is known as cut, live and once stored', () => {
    const live = applyDone(streaming(), { messageId: 'm1', conversationId: 'c1', status: 'done', finish: 'length', usage: null, reasoningMs: 0, lastSeq: 0 });
    expect(cutByTokenLimit(live)).toBe(true);
    const stored = fromStored({ ...row, id: 'm2', conversationId: 'c1', role: 'assistant', content: 'cut', reasoning: '', status: 'done', model: 'm',
      inputTokens: 0, outputTokens: 0, reasoningMs: 0, finish: 'length' });
    expect(cutByTokenLimit(stored)).toBe(true);
    expect(cutByTokenLimit({ ...stored, finish: 'stop' })).toBe(false);
  });

  it('an error keeps the text that arrived', () => {
    const problem: Problem = { kind: 'stream_broken', title: 'The answer broke off mid-way', detail: '', fix: 'Retry.' };
    const m = applyError(applyDelta(streaming(), delta(1, 'partial')), { messageId: 'm1', conversationId: 'c1', problem, lastSeq: 1 });
    expect(m.status).toBe('error');
    expect(m.content).toBe('partial');
    expect(m.problem?.title).toBe('The answer broke off mid-way');
  });
});

describe('fromStored', () => {
  it('keeps the problem Go read from the stored message', () => {
    const m = fromStored({
    ...row,
      id: 'm', conversationId: 'c', role: 'assistant', content: '', reasoning: '', status: 'error',
      problem: { kind: 'auth', title: 'The key was rejected', detail: 'd', fix: 'f', status: 401 },
      model: '', inputTokens: 0, outputTokens: 0, reasoningMs: 0,
    });
    expect(m.problem?.status).toBe(401);
  });
});

describe('toProblem', () => {
  it('reads the JSON problem Go sends inside an Error', () => {
    const p = toProblem(new Error('{"kind":"keychain","title":"The system keychain is not available","detail":"d","fix":"Unlock it"}'));
    expect(p.kind).toBe('keychain');
    expect(p.fix).toBe('Unlock it');
  });

  it('explains a plain runtime error instead of dropping it', () => {
    const p = toProblem(new Error('Call to Send timed out'));
    expect(p.kind).toBe('internal');
    expect(p.detail).toBe('Call to Send timed out');
    expect(p.title).not.toMatch(/Failed to fetch/);
  });
});

describe('picking up a live stream', () => {
  it('starts from the text Go has shown up to lastSeq and applies only later deltas', () => {
    let m = fromStored({
    ...row,
      id: 'm1', conversationId: 'c1', role: 'assistant', content: 'Hello wor', reasoning: '', status: 'streaming',
      model: 'gpt', inputTokens: 0, outputTokens: 0, reasoningMs: 0, lastSeq: 3,
    });
    m = applyDelta(m, delta(3, 'wor')); // already in the text
    m = applyDelta(m, delta(5, '!'));
    m = applyDelta(m, delta(4, 'ld'));
    expect(m.content).toBe('Hello world!');
    m = applyDone(m, { messageId: 'm1', conversationId: 'c1', status: 'done', finish: 'stop', usage: null, reasoningMs: 0, lastSeq: 5 });
    expect(m.status).toBe('done');
  });
});
