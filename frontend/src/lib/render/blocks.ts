// The streaming renderer: a growing answer is re-rendered once per frame, so
// the work per frame must not grow with the answer. The text is split into
// top-level blocks; blocks that are no longer the tail keep the HTML they
// had, and only the last ones are parsed and rendered again. Once the text
// is final its output equals render() of the same text.
import { normalize, renderBlock, splitBlocks, type Block } from '../markdown';

interface Rendered extends Block {
  /** Where the block starts in the text, in characters. */
  offset: number;
  html: string;
  /** Rendered as final text, or with output that does not depend on it. */
  settled: boolean;
  /** Rendered as final text (renderBlock's final). */
  final: boolean;
  /** Shown without a module it needs, which was loading (render/lazy). */
  waiting: boolean;
  /** Rendered while the text streamed: its code highlighted off the main thread (render/offthread). */
  later: boolean;
}

/** BlockRenderer renders one message's text as it grows. */
export class BlockRenderer {
  /** How many times a block was rendered: the work done, for tests. */
  renders = 0;
  private text = '';
  private blocks: Rendered[] = [];
  /** The text ties its blocks together (references, footnotes): it renders whole. */
  private whole: Rendered | null = null;

  /**
   * update returns the HTML of each top-level block of text. While final is
   * false an unclosed code fence is shown as plain text; with final true the
   * output is that of render(text).
   */
  update(text: string, final: boolean): string[] {
    const src = normalize(text);
    if (!src.startsWith(this.text)) this.reset(); // not a continuation: another text
    this.text = src;
    // A definition can stop being one as the text grows ("[a]: http://x"
    // followed by more words): whole rendering lasts only while one exists.
    if (this.whole && !splitBlocks(src).global) this.reset(src);
    if (!this.whole) {
      // The last two blocks may still change (the tail grows, and what
      // follows can turn the tail into something else); earlier ones cannot.
      const keep = Math.max(0, this.blocks.length - 2);
      const offset = this.blocks[keep]?.offset ?? 0;
      const line = this.blocks[keep]?.start ?? 0;
      const { blocks, global } = splitBlocks(src.slice(offset), line);
      if (global) this.whole = { src: '', start: 0, end: 0, offset: 0, html: '', settled: false, final: false, waiting: false, later: false };
      else this.blocks = [...this.blocks.slice(0, keep), ...this.place(blocks, keep, offset, line, final)];
    }
    if (this.whole) return [this.renderWhole(src, final)];
    return this.blocks.map((b) => b.html);
  }

  private place(blocks: Block[], keep: number, offset: number, line: number, final: boolean): Rendered[] {
    const starts = lineOffsets(this.text, offset, line, blocks.length ? blocks[blocks.length - 1].start : line);
    return blocks.map((b, i) => {
      const settle = final || i < blocks.length - 1;
      const old = this.blocks[keep + i];
      if (old && old.src === b.src && old.start === b.start && (old.settled || !settle)) return old;
      const grown = !settle && old && old.start === b.start ? growOpenFence(old, b.src) : null;
      if (grown !== null) return { ...b, offset: starts.get(b.start)!, html: grown, settled: false, final: false, waiting: false, later: true };
      const { html, unfinished, waiting } = renderBlock(b.src, settle, !final);
      this.renders++;
      return { ...b, offset: starts.get(b.start)!, html, settled: settle || !unfinished, final: settle, waiting, later: !final };
    });
  }

  private renderWhole(src: string, final: boolean): string {
    const w = this.whole!;
    if (w.src !== src || (final && !w.settled)) {
      const { html, unfinished, waiting } = renderBlock(src, final, !final);
      this.renders++;
      Object.assign(w, { src, html, settled: final || !unfinished, final, waiting, later: !final });
    }
    return w.html;
  }

  /**
   * refresh renders again, as they were, the blocks shown without KaTeX or
   * highlight.js while it loaded (render/lazy) or the worker highlighted
   * them (render/offthread), and reports whether any changed: the rest of
   * a long answer is not rendered again.
   */
  refresh(): boolean {
    let changed = false;
    for (const b of this.whole ? [this.whole] : this.blocks) {
      if (!b.waiting) continue;
      const { html, unfinished, waiting } = renderBlock(b.src, b.final, b.later);
      this.renders++;
      changed ||= html !== b.html;
      Object.assign(b, { html, settled: b.final || !unfinished, waiting });
    }
    return changed;
  }

  private reset(text = ''): void {
    this.text = text;
    this.blocks = [];
    this.whole = null;
  }
}

/** lineOffsets maps line numbers from `line` to `upto` to their character offsets, counting from `offset`. */
function lineOffsets(text: string, offset: number, line: number, upto: number): Map<number, number> {
  const m = new Map<number, number>([[line, offset]]);
  let at = offset;
  for (let l = line + 1; l <= upto; l++) {
    at = text.indexOf('\n', at) + 1;
    m.set(l, at);
  }
  return m;
}

// An open code fence at the start of a line, and the HTML markdown.ts gives
// such a block while it is open: its head, its escaped text, its end.
const fenceStart = /^(`{3,}|~{3,})[^\n`]*\n/;
const openCodeHtml = /^(<div class="code-block">[\s\S]*?<pre><code[^>]*>)([^<]*)(<\/code><\/pre><\/div>)$/;

/**
 * growOpenFence is the HTML of a code block that is still open and has
 * grown from old (rendered open) to src by text only: old's HTML with the
 * new text escaped and appended, instead of rendering and sanitizing the
 * whole block again at every frame (the work of a frame would grow with
 * the block). Null when that may not be the same as rendering src: the
 * block is not an open fence at the start of a line, or a line of the new
 * text could close it (that frame renders it whole, highlighted).
 */
function growOpenFence(old: Rendered, src: string): string | null {
  const open = fenceStart.exec(old.src);
  const parts = open && !old.settled && src.startsWith(old.src) ? openCodeHtml.exec(old.html) : null;
  if (!open || !parts) return null;
  const mark = open[1][0];
  const closer = new RegExp(`^ {0,3}\\${mark}{3,}`);
  const changed = src.slice(old.src.lastIndexOf('\n') + 1); // the last line old had, as it is now, and the new ones
  if (changed.split('\n').some((line) => closer.test(line))) return null;
  return parts[1] + parts[2] + escapeText(src.slice(old.src.length)) + parts[3];
}

/** escapeText escapes text as the page serializes a text node, so that the HTML equals the sanitizer's. */
function escapeText(s: string): string {
  return s.replace(/[&<>\u00a0]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&nbsp;'));
}
