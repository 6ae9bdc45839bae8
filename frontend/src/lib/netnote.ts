// Notes on what the network is doing to a streaming answer: a retry after a
// failure that came before any text (chat:retry), a stream silent for its
// wait (chat:idle). A note lasts until the answer moves on.
import type { ChatMessage, IdleEvent, RetryEvent } from './types';

const secs = (ms: number) => Math.max(1, Math.round(ms / 1000));

/** applyRetry shows that the request is sent again, and why. */
export function applyRetry(m: ChatMessage, e: RetryEvent): ChatMessage {
  if (e.messageId !== m.id || m.status !== 'streaming') return m;
  return { ...m, net: { kind: 'retry', attempt: e.attempt, max: e.max, seconds: secs(e.inMs), title: e.problem?.title ?? '' } };
}

/** applyIdle shows that nothing has arrived for a while. */
export function applyIdle(m: ChatMessage, e: IdleEvent): ChatMessage {
  if (e.messageId !== m.id || m.status !== 'streaming') return m;
  return { ...m, net: { kind: 'idle', seconds: secs(e.silentMs) } };
}

/** clearNote drops the note once data, or the end, arrived. */
export function clearNote(m: ChatMessage): ChatMessage {
  return m.net ? { ...m, net: null } : m;
}
