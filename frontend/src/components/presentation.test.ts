// Texts the components show, read as a user reads them.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import ProblemCard from './ProblemCard.svelte';
import MessageView from './MessageView.svelte';
import type { ChatMessage, Problem } from '../lib/types';
import { app } from '../lib/state.svelte';
import { setupI18n } from '../lib/i18n';

setupI18n('en');

let mounted: Record<string, unknown> | null = null;
afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  document.body.innerHTML = '';
});

function show<P extends Record<string, unknown>>(component: unknown, props: P): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  mounted = mount(component as any, { target, props });
  flushSync();
  return target;
}

const problem = (providerMessage: string, providerCode: string): Problem => ({
  kind: 'forbidden', title: 'Not allowed', detail: '', fix: '', providerMessage, providerCode,
});

describe('ProblemCard', () => {
  it("separates the provider's message from its code by a space", () => {
    const el = show(ProblemCard, { problem: problem('free accounts may only use these models: gpt-4o, embeddings', '403 FORBIDDEN') });
    expect(el.querySelector('.provider')?.textContent?.trim()).toBe(
      'free accounts may only use these models: gpt-4o, embeddings (403 FORBIDDEN)',
    );
  });

  it('does so after a full stop too', () => {
    const el = show(ProblemCard, { problem: problem('Please try again in 20s.', 'rate_limit_exceeded') });
    expect(el.querySelector('.provider')?.textContent?.trim()).toBe('Please try again in 20s. (rate_limit_exceeded)');
  });
});

const message = (over: Partial<ChatMessage>): ChatMessage => ({
  id: 'm1', conversationId: 'c1', role: 'assistant', content: 'The answer.', reasoning: '', status: 'done', problem: null,
  model: 'm', seq: 0, inputTokens: 0, outputTokens: 0, reasoningMs: 0, reasoningStart: 0, early: {}, ending: null, alternatives: ['m1'], finish: '', ...over,
});
const noop = () => {};

describe('MessageView', () => {
  it('says how long the model reasoned, with its spaces', () => {
    const el = show(MessageView, {
      message: message({ reasoning: 'Think **hard**.', reasoningMs: 4200 }),
      onOpenKey: noop, onEditProfile: noop, onPickModel: noop,
    });
    expect(el.querySelector('summary')?.textContent).toBe('Reasoning · 4.2 s');
    expect(el.querySelector('.reasoning-text strong')?.textContent).toBe('hard');
  });

  it("renders the user's own message as markdown", () => {
    const el = show(MessageView, {
      message: message({ role: 'user', content: 'Fix `main.go`:\n\n- **now**' }),
      onOpenKey: noop, onEditProfile: noop, onPickModel: noop,
    });
    expect(el.querySelector('code')?.textContent).toBe('main.go');
    expect(el.querySelector('li strong')?.textContent).toBe('now');
  });

  it('says an answer stopped at the token limit, and offers to continue it', () => {
    const cut = message({ content: 'The first three primes are 2, 3', finish: 'length' });
    app.messages = [cut];
    const el = show(MessageView, { message: cut, onOpenKey: noop, onEditProfile: noop, onPickModel: noop });
    expect(el.querySelector('[data-testid="token-limit-note"]')?.textContent).toContain('reached the token limit');
    expect(el.querySelector('button[aria-label="Continue"]')).not.toBeNull();
    app.messages = [];
  });

  it('says nothing of the sort for an answer that finished', () => {
    const done = message({ finish: 'stop' });
    app.messages = [done];
    const el = show(MessageView, { message: done, onOpenKey: noop, onEditProfile: noop, onPickModel: noop });
    expect(el.querySelector('[data-testid="token-limit-note"]')).toBeNull();
    expect(el.querySelector('button[aria-label="Continue"]')).toBeNull();
    app.messages = [];
  });
});
