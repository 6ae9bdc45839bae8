import { describe, expect, it } from 'vitest';
import { applyIdle, applyRetry, clearNote } from './netnote';
import type { ChatMessage } from './types';

const msg = (over: Partial<ChatMessage> = {}): ChatMessage => ({
  id: 'm1', conversationId: 'c1', role: 'assistant', content: '', reasoning: '', status: 'streaming', problem: null,
  model: 'x', seq: 0, inputTokens: 0, outputTokens: 0, reasoningMs: 0, reasoningStart: 0, early: {}, ending: null,
  alternatives: ['m1'], finish: '', ...over,
});

describe('network notes', () => {
  it('show a retry with its reason, its wait and its number', () => {
    const m = applyRetry(msg(), { messageId: 'm1', conversationId: 'c1', attempt: 1, max: 2, inMs: 1400,
      problem: { kind: 'overloaded', title: 'The provider is overloaded', detail: '', fix: '' } });
    expect(m.net).toEqual({ kind: 'retry', attempt: 1, max: 2, seconds: 1, title: 'The provider is overloaded' });
  });

  it('show a silence in whole seconds, and go once data arrives', () => {
    const m = applyIdle(msg(), { messageId: 'm1', conversationId: 'c1', silentMs: 60000, phase: 'idle' });
    expect(m.net).toEqual({ kind: 'idle', seconds: 60 });
    expect(clearNote(m).net).toBeNull();
  });

  it('leave other messages and finished answers alone', () => {
    const e = { messageId: 'm1', conversationId: 'c1', silentMs: 1000, phase: 'idle' as const };
    expect(applyIdle(msg({ id: 'm2' }), e).net).toBeUndefined();
    expect(applyIdle(msg({ status: 'done' }), e).net).toBeUndefined();
  });
});
