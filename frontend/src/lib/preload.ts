// A page of messages is shown once the renderers its text needs have
// loaded (render/lazy): code is highlighted from its first paint, instead of
// showing escaped for a frame and then rendering every shown message a
// second time when highlight.js arrives (which, for a long conversation
// opened at start, was most of the rendering work and of the memory it left
// behind). KaTeX still loads on first use: telling math from dollar amounts
// takes markdown-it's parse.
import { needHighlight } from './render/lazy';

// A fence with a language (```go, ~~~ python), at the start of a line or of
// a quoted one: what makes render/highlight load highlight.js.
const fenceWithLanguage = /^ {0,3}(?:>[ \t]*)*(?:`{3,}|~{3,})[ \t]*[^\s`~]/m;

/** needsHighlight tells whether a text has a code block that highlight.js would colour. */
export function needsHighlight(text: string): boolean {
  return fenceWithLanguage.test(text);
}

/**
 * renderersFor resolves when the renderers the messages need are there. A
 * renderer that fails to load is not waited for: the messages show with
 * their code as plain text, as they would without this.
 */
export async function renderersFor(messages: readonly { content: string; reasoning?: string }[]): Promise<void> {
  if (!messages.some((m) => needsHighlight(m.content) || needsHighlight(m.reasoning ?? ''))) return;
  await needHighlight().catch(() => {});
}
