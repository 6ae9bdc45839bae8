// What a window shows after another window changed the data. Pure
// functions, so the rules are tested without a window.
import { applyDelta, applyDone, applyError } from './stream';
import type { ChatMessage, Conversation } from './types';

/**
 * live is true for a message streaming in this window: its events have
 * begun to arrive here (a retry or stall note is one, before any text). A
 * message streaming in another window only grows by being read again from
 * the database.
 */
export function live(m: ChatMessage): boolean {
  return m.status === 'streaming' && (m.seq > 0 || Object.keys(m.early).length > 0 || m.ending !== null || !!m.net);
}

/**
 * mergeStored takes the conversation's messages as stored, keeping the
 * ones this window is streaming as they are (their events are ahead of
 * what has been saved).
 */
export function mergeStored(shown: ChatMessage[], stored: ChatMessage[]): ChatMessage[] {
  const here = new Map(shown.filter(live).map((m) => [m.id, m]));
  return stored.map((m) => here.get(m.id) ?? m);
}

/**
 * newest takes a page of messages as Go sent it, keeping what a shown
 * message has that the page's copy lacks. Deltas sent after Go read the
 * page may have been applied here before the page arrived: a shown message
 * further along stays. One that is behind gives way to the page's copy, with
 * the deltas (and the end) it held back for a gap carried over, since the
 * page may fill that gap. Dropping either would leave a gap no later delta
 * fills, and the answer would stop growing.
 */
export function newest(shown: ChatMessage[], page: ChatMessage[]): ChatMessage[] {
  const here = new Map(shown.map((m) => [m.id, m]));
  return page.map((m) => {
    const l = here.get(m.id);
    if (!l) return m;
    if (l.seq > m.seq || (l.status !== 'streaming' && m.status === 'streaming')) return { ...l, alternatives: m.alternatives };
    let next = Object.values(l.early).reduce((acc, d) => applyDelta(acc, d), m);
    if (l.ending) next = 'problem' in l.ending ? applyError(next, l.ending) : applyDone(next, l.ending);
    return next;
  });
}

/** windowTitle names the open conversation and the window: "Title — Parley". */
export function windowTitle(windowName: string, conversations: Pick<Conversation, 'id' | 'title'>[], conversationId: string | null): string {
  const title = conversations.find((c) => c.id === conversationId)?.title;
  return title ? `${title} — ${windowName}` : windowName;
}

/**
 * withoutRepeats keeps one copy of each message, the one furthest along,
 * where the last copy stood. A refresh that lands while Send is answering
 * has already added the two messages Send then appends.
 */
export function withoutRepeats(list: ChatMessage[]): ChatMessage[] {
  const best = new Map<string, ChatMessage>();
  for (const m of list) {
    const b = best.get(m.id);
    if (!b || m.seq >= b.seq) best.set(m.id, m);
  }
  if (best.size === list.length) return list;
  const last = new Map(list.map((m, i) => [m.id, i]));
  return list.filter((m, i) => last.get(m.id) === i).map((m) => best.get(m.id)!);
}
