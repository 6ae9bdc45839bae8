// A long code block is held in chunks of lines, each a block of its own
// (span.code-chunk, display: block), while it streams (render/paint) and,
// highlighted, once its fence has closed (markdown.ts): the engine lays out
// only the chunk that grows, and skips the style, layout and painting of
// the chunks off screen (markdown.css: content-visibility). The close of a
// 20 KB fence puts ~4,000 highlighted spans in the page at once: without
// chunks WebKitGTK styled and laid them all out in that frame (86-200 ms).

/** chunkLines is how many lines a chunk holds (the last one may hold fewer). */
export const chunkLines = 32;

const chunkOpen = '<span class="code-chunk">';
const token = /<span class="[^"]*">|<\/span>|[^<]+/g;

/**
 * chunkCode cuts highlight.js' HTML of a code body (spans and escaped text
 * only, as safeHighlight checked it) into chunks of chunkLines lines; a
 * span open across a cut is closed before it and opened again after. A
 * body of chunkLines lines or fewer is returned as it is.
 */
export function chunkCode(html: string): string {
  if ((html.match(/\n/g)?.length ?? 0) <= chunkLines) return html;
  const open: string[] = [];
  let out = chunkOpen;
  let lines = 0;
  // A cut is made only when more follows, so no chunk is empty.
  let cut = false;
  const flush = () => {
    out += '</span>'.repeat(open.length) + '</span>' + chunkOpen + open.join('');
    cut = false;
  };
  for (const [t] of html.matchAll(token)) {
    if (t === '</span>') {
      open.pop();
      out += t;
      continue;
    }
    if (cut) flush();
    if (t.startsWith('<span')) {
      open.push(t);
      out += t;
      continue;
    }
    let at = 0;
    for (let nl = t.indexOf('\n'); nl >= 0; nl = t.indexOf('\n', nl + 1)) {
      if (++lines % chunkLines) continue;
      out += t.slice(at, nl + 1);
      at = nl + 1;
      if (at < t.length) flush();
      else cut = true;
    }
    out += t.slice(at);
  }
  return out + '</span>';
}
