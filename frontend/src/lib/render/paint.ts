// paint puts a message's rendered blocks in the page and, as the message
// streams, changes only the blocks whose HTML changed. A code block that is
// still open grows by appending its new text to the code element, instead
// of replacing the whole block (and the engine laying out its every line
// again) at each frame: the work per frame stays that of the new lines,
// however long the block has grown.

import { chunkLines } from './chunks';

interface Painted {
  html: string;
  nodes: ChildNode[];
  /** Its code grew in chunks of lines (see append). */
  chunked?: boolean;
}

// The HTML markdown.ts gives a code block that is not highlighted (an open
// fence while streaming): its head, its escaped text, its end.
const openCode = /^(<div class="code-block">[\s\S]*?<pre><code[^>]*>)([^<]*)(<\/code><\/pre><\/div>)$/;

function parse(html: string): ChildNode[] {
  const t = document.createElement('template');
  t.innerHTML = html;
  return [...t.content.childNodes];
}

/**
 * grow appends to an open code block what html adds to its text, if that
 * is all it changes; or takes off the end of its text what html lacks:
 * the start of a closing fence (its block shows plain until highlighted,
 * render/offthread), which would otherwise replace the whole block.
 */
function grow(old: Painted, html: string): boolean {
  const a = openCode.exec(old.html);
  const b = a && openCode.exec(html);
  if (!a || !b || a[1] !== b[1] || old.nodes.length !== 1) return false;
  if (!b[2].startsWith(a[2]) && !a[2].startsWith(b[2])) return false;
  const code = (old.nodes[0] as Element).querySelector?.('pre > code');
  if (!code) return false;
  if (b[2].length >= a[2].length) append(code, b[2].slice(a[2].length));
  else if (!trimEnd(code, unescape(a[2].slice(b[2].length)).length)) return false;
  old.html = html;
  old.chunked = true;
  return true;
}

function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|nbsp);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', nbsp: '\u00a0' })[e as 'amp']);
}

/** trimEnd takes n characters off the end of an open code block's text (text nodes only, in chunks or not). */
function trimEnd(code: Element, n: number): boolean {
  while (n > 0) {
    let node = code.lastChild;
    while (node?.nodeType === Node.ELEMENT_NODE && node.lastChild) node = node.lastChild;
    if (!node || node === code) return false;
    if (node.nodeType === Node.TEXT_NODE && (node as Text).data.length > n) {
      (node as Text).data = (node as Text).data.slice(0, -n);
      n = 0;
    } else {
      n -= node.nodeType === Node.TEXT_NODE ? (node as Text).data.length : 0;
      node.remove();
    }
  }
  const chunk = code.lastElementChild;
  if (chunk?.classList.contains('code-chunk')) linesIn.set(chunk, (chunk.textContent!.match(/\n/g) ?? []).length);
  return true;
}

// An open code block's text is held in chunks of lines (render/chunks):
// WebKitGTK laid out all the lines of one growing <code> again at each
// frame (50-70 ms a frame by the end of a 20 KB block), and lays out only
// the last chunk this way. Chunks end at a line's end, so the block shows
// the same lines; the block is replaced whole, highlighted (and chunked
// alike), when its fence closes.
const linesIn = new WeakMap<Element, number>();

/** append adds escaped text (text nodes only) at the end of an open code block's last chunk. */
function append(code: Element, escaped: string): void {
  let chunk = code.lastElementChild;
  if (!chunk?.classList.contains('code-chunk')) {
    chunk = document.createElement('span');
    chunk.className = 'code-chunk';
    chunk.append(...code.childNodes);
    code.append(chunk);
    linesIn.set(chunk, (chunk.textContent!.match(/\n/g) ?? []).length);
  }
  let at = 0;
  while (at < escaped.length) {
    let lines = linesIn.get(chunk)!;
    if (lines >= chunkLines) {
      chunk = code.appendChild(document.createElement('span'));
      chunk.className = 'code-chunk';
      lines = 0;
    }
    // Up to the chunk's last line's end, or all that is left.
    let end = at;
    while (lines < chunkLines) {
      const nl = escaped.indexOf('\n', end);
      if (nl < 0) break;
      end = nl + 1;
      lines++;
    }
    if (lines < chunkLines) end = escaped.length;
    chunk.insertAdjacentHTML('beforeend', escaped.slice(at, end));
    linesIn.set(chunk, lines);
    at = end;
  }
}

/** unchunk puts an open code block's chunks of lines back together, as a fresh rendering has them. */
function unchunk(p: Painted): void {
  const code = (p.nodes[0] as Element).querySelector('pre > code')!;
  for (const chunk of [...code.querySelectorAll(':scope > .code-chunk')]) chunk.replaceWith(...chunk.childNodes);
  code.normalize();
  p.chunked = false;
}

/**
 * paint is a Svelte action: root's children are the HTML of blocks, in
 * order. Once final (the text is complete) the page equals the HTML given.
 */
export function paint(root: HTMLElement, { blocks, final }: { blocks: string[]; final: boolean }): { update: (p: { blocks: string[]; final: boolean }) => void } {
  let painted: Painted[] = [];
  const update = ({ blocks: next, final }: { blocks: string[]; final: boolean }) => {
    const kept: Painted[] = [];
    for (let i = 0; i < next.length; i++) {
      const old = painted[i];
      if (old && (old.html === next[i] || grow(old, next[i]))) {
        kept.push(old);
        continue;
      }
      const nodes = parse(next[i]);
      // Before the old block's nodes, else before the next block that has some, else at the end.
      const ref = painted.slice(i).find((p) => p.nodes.length)?.nodes[0] ?? null;
      for (const n of nodes) root.insertBefore(n, ref);
      old?.nodes.forEach((n) => n.remove());
      kept.push({ html: next[i], nodes });
    }
    for (const p of painted.slice(next.length)) p.nodes.forEach((n) => n.remove());
    // A code block that grew and did not change when done (no highlighting
    // for its language) still holds its chunks.
    if (final) kept.filter((p) => p.chunked).forEach(unchunk);
    painted = kept;
  };
  update({ blocks, final });
  return { update };
}
