// What the next request sends of the shown conversation (the newest
// messages that fit its context budget), for the line under the composer.
// Go decides what fits; this only asks and keeps the last answer.
import * as backend from './backend';
import type { ChatContext } from './types';

class ContextPreview {
  info = $state<ChatContext | null>(null);
  private asked = 0;

  /** refresh asks Go again; an answer to an older question is dropped. */
  async refresh(conversationId: string | null): Promise<void> {
    const n = ++this.asked;
    if (!conversationId) {
      this.info = null;
      return;
    }
    try {
      const c = await backend.chatContext(conversationId);
      if (n === this.asked) this.info = c;
    } catch {
      if (n === this.asked) this.info = null;
    }
  }
}

export const contextPreview = new ContextPreview();

/** shortTokens writes a token count the way the composer shows it: 950, 1.2k, 12k, 1.5M. */
export function shortTokens(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  if (n < 1_000_000) return `${Math.round(n / 1000)}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, '')}M`;
}
