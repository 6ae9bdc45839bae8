// paint puts a message's rendered blocks in the page and, as the message
// streams, changes only the blocks whose HTML changed. A code block's lines
// come in chunks (markdown.ts, span.code-chunk, each laid out on its own):
// while it streams only its changed chunks are set, so the work of a frame
// is that of its last lines, however long the block has grown. When its
// fence closes and the block comes back highlighted, the highlighted chunks
// replace the plain ones a few per frame, from the end (what the followed
// screen shows) up: WebKitGTK took 90-200 ms to lay out a 20 KB block's
// ~4,000 new spans in one frame. Once the text is final the page is the
// HTML given, all of it.
import { chunkOpen } from '../markdown';

interface Painted {
  html: string;
  nodes: ChildNode[];
  /** A code block: its <code>, and each chunk's HTML now in the page and wanted there. */
  code?: { el: Element; shown: string[]; want: string[] };
}

// A code block's HTML: its head, its chunks, its end.
const codeHtml = /^(<div class="code-block">[\s\S]*?<pre><code[^>]*>)([\s\S]*)(<\/code><\/pre><\/div>)$/;
/** How many chunks of a block that stays are set per frame, beside its last ones. */
const perFrame = 2;

function parse(html: string): ChildNode[] {
  const t = document.createElement('template');
  t.innerHTML = html;
  return [...t.content.childNodes];
}

function chunks(body: string): string[] {
  return body ? body.split(chunkOpen).slice(1).map((c) => c.slice(0, -'</span>'.length)) : [];
}

/** codeOf reads a painted code block's chunks, or null when the nodes are not one. */
function codeOf(p: Painted): Painted['code'] | null {
  if (p.code) return p.code;
  const m = codeHtml.exec(p.html);
  const el = p.nodes.length === 1 ? (p.nodes[0] as Element).querySelector?.('pre > code') : null;
  if (!m || !el || el.children.length !== chunks(m[2]).length) return null;
  const shown = chunks(m[2]);
  return (p.code = { el, shown, want: shown });
}

/** set puts chunk i's wanted HTML in the page. */
function set(code: NonNullable<Painted['code']>, i: number): void {
  const want = code.want[i];
  const have = code.shown[i];
  let el = code.el.children[i];
  if (!el) {
    el = code.el.appendChild(document.createElement('span'));
    el.className = 'code-chunk';
  }
  // The last lines of plain code grow: add the new text only.
  if (have !== undefined && want.startsWith(have) && !have.includes('<') && !want.includes('<')) el.insertAdjacentHTML('beforeend', want.slice(have.length));
  else el.innerHTML = want;
  code.shown[i] = want;
}

/**
 * change makes a painted code block show html, a code block with the same
 * head: at once its new and last chunks (or all when final), the others
 * later (step). False when html is not such a block.
 */
function change(old: Painted, html: string, final: boolean): boolean {
  const a = codeHtml.exec(old.html);
  const b = a && codeHtml.exec(html);
  const code = b && a[1] === b[1] ? codeOf(old) : null;
  if (!code) return false;
  code.want = chunks(b![2]);
  code.shown = code.shown.slice(0, code.want.length);
  while (code.el.children.length > code.want.length) code.el.lastElementChild!.remove();
  for (let i = 0; i < code.want.length; i++) {
    if (code.shown[i] !== code.want[i] && (final || i >= code.shown.length - 1 || i === code.want.length - 1)) set(code, i);
  }
  old.html = html;
  return true;
}

/** step sets a few of the chunks a block still waits for, from its end; it reports whether any are left. */
function step(code: NonNullable<Painted['code']>): boolean {
  let n = 0;
  for (let i = code.want.length - 1; i >= 0 && n < perFrame; i--) {
    if (code.shown[i] !== code.want[i]) {
      set(code, i);
      n++;
    }
  }
  return code.want.some((w, i) => code.shown[i] !== w);
}

/**
 * paint is a Svelte action: root's children are the HTML of blocks, in
 * order. Once final (the text is complete) the page equals the HTML given.
 */
export function paint(root: HTMLElement, { blocks, final }: { blocks: string[]; final: boolean }): { update: (p: { blocks: string[]; final: boolean }) => void; destroy: () => void } {
  let painted: Painted[] = [];
  let frame = 0;
  const later = () => {
    frame = 0;
    let left = false;
    for (const p of painted) if (p.code && step(p.code)) left = true;
    if (left) frame = requestAnimationFrame(later);
  };
  const update = ({ blocks: next, final }: { blocks: string[]; final: boolean }) => {
    const kept: Painted[] = [];
    for (let i = 0; i < next.length; i++) {
      const old = painted[i];
      if (old && (old.html === next[i] || change(old, next[i], final))) {
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
    painted = kept;
    if (final) for (const p of painted) if (p.code) while (step(p.code));
    if (!final && !frame && painted.some((p) => p.code?.want.some((w, i) => p.code!.shown[i] !== w))) frame = requestAnimationFrame(later);
  };
  update({ blocks, final });
  return { update, destroy: () => cancelAnimationFrame(frame) };
}
