// What a window shows after another window changed the data. Pure
// functions, so the rules are tested without a window.
import type { ChatMessage, Conversation } from './types';

/**
 * live is true for a message streaming in this window: its events have
 * begun to arrive here. A message streaming in another window only grows
 * by being read again from the database.
 */
export function live(m: ChatMessage): boolean {
  return m.status === 'streaming' && (m.seq > 0 || Object.keys(m.early).length > 0 || m.ending !== null);
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

/** windowTitle names the open conversation and the window: "Title — Parley". */
export function windowTitle(windowName: string, conversations: Conversation[], conversationId: string | null): string {
  const title = conversations.find((c) => c.id === conversationId)?.title;
  return title ? `${title} — ${windowName}` : windowName;
}
