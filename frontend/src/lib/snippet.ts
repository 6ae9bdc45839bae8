// Search snippets hold the matched words between <mark> and </mark> around
// plain text (store.Search): split so the window shows it as text.

/** snippetParts splits a search snippet into text and marked matches, so it is shown as text, never as HTML. */
export function snippetParts(snippet: string): { text: string; mark: boolean }[] {
  const out: { text: string; mark: boolean }[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let at = 0;
  for (const m of snippet.matchAll(re)) {
    if (m.index! > at) out.push({ text: snippet.slice(at, m.index), mark: false });
    out.push({ text: m[1], mark: true });
    at = m.index! + m[0].length;
  }
  if (at < snippet.length) out.push({ text: snippet.slice(at), mark: false });
  return out;
}
