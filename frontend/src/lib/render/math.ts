// TeX math for markdown-it, in the delimiters models emit: $…$ and \(…\)
// inline, $$…$$ and \[…\] displayed (on their own lines or inside a
// paragraph). A dollar opens math only when a non-space follows it and closes
// only after a non-space and before a non-digit, so "$5 and $10" stays text.
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import * as lazy from './lazy';

const cache = new Map<string, string>();

/**
 * tex renders one formula with KaTeX; errors show the source, never throw.
 * Until KaTeX has loaded (this starts loading it) it is the escaped source.
 */
export function tex(source: string, display: boolean): string {
  const katex = lazy.katex;
  if (!katex) {
    lazy.missed();
    void lazy.needKatex();
    return `<code class="math-source">${escapeHtml(source)}</code>`;
  }
  const key = (display ? 'D' : 'I') + source;
  let html = cache.get(key);
  if (html === undefined) {
    html = katex.renderToString(source, {
      displayMode: display,
      throwOnError: false,
      trust: false, // no \href, \url, \includegraphics, \htmlClass …
      strict: 'ignore',
      maxSize: 50,
      maxExpand: 1000,
      output: 'htmlAndMathml',
    });
    if (cache.size > 2000) cache.clear();
    cache.set(key, html);
  }
  return html;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
}

/** findClose returns where `close` next occurs in src from pos, skipping backslash escapes. */
function findClose(src: string, close: string, pos: number, max: number): number {
  for (let i = pos; i <= max - close.length; i++) {
    if (src.charCodeAt(i) === BACKSLASH && close !== '\\)' && close !== '\\]') {
      i++;
      continue;
    }
    if (src.startsWith(close, i)) return i;
  }
  return -1;
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const { src, pos, posMax: max } = state;
  const c = src.charCodeAt(pos);
  let open: string, close: string, display: boolean;
  if (c === BACKSLASH && (src[pos + 1] === '(' || src[pos + 1] === '[')) {
    open = src.slice(pos, pos + 2);
    close = open === '\\(' ? '\\)' : '\\]';
    display = open === '\\[';
  } else if (c === DOLLAR && src.charCodeAt(pos + 1) === DOLLAR) {
    [open, close, display] = ['$$', '$$', true];
  } else if (c === DOLLAR) {
    [open, close, display] = ['$', '$', false];
  } else return false;

  const start = pos + open.length;
  let end = -1;
  if (open === '$') {
    if (start >= max || isSpace(src.charCodeAt(start))) return false;
    for (let from = start; ; ) {
      const at = findClose(src, '$', from, max);
      if (at < 0) return false;
      const before = src.charCodeAt(at - 1);
      const after = at + 1 < max ? src.charCodeAt(at + 1) : -1;
      if (at > start && !isSpace(before) && !(after >= 0x30 && after <= 0x39)) {
        end = at;
        break;
      }
      from = at + 1;
    }
  } else {
    end = findClose(src, close, start, max);
    if (end < 0 || !src.slice(start, end).trim()) return false;
  }
  if (!silent) {
    const token = state.push(display ? 'math_inline_display' : 'math_inline', 'math', 0);
    token.content = src.slice(start, end);
    token.markup = open;
  }
  state.pos = end + close.length;
  return true;
}

/** mathBlock takes $$ … $$ or \[ … \] starting a line, closed on the same line or a later one. */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const head = state.src.slice(pos, max);
  const open = head.startsWith('$$') ? '$$' : head.startsWith('\\[') ? '\\[' : '';
  if (!open) return false;
  const close = open === '$$' ? '$$' : '\\]';
  pos += 2;

  let line = startLine;
  let body = '';
  const first = state.src.slice(pos, max);
  const sameLine = first.trimEnd().endsWith(close) && first.trimEnd().length >= close.length;
  if (sameLine) {
    const t = first.trimEnd();
    body = t.slice(0, t.length - close.length);
    if (!body.trim()) return false;
  } else {
    const lines: string[] = first.trim() ? [first] : [];
    let found = false;
    while (++line < endLine) {
      pos = state.bMarks[line] + state.tShift[line];
      max = state.eMarks[line];
      if (pos >= max || state.sCount[line] < state.blkIndent) break; // display math has no blank line
      const text = state.src.slice(pos, max).trimEnd();
      if (text.endsWith(close)) {
        lines.push(text.slice(0, text.length - close.length));
        found = true;
        break;
      }
      lines.push(state.src.slice(state.bMarks[line], max));
    }
    if (!found) return false;
    body = lines.join('\n');
  }
  if (silent) return true;
  state.line = line + 1;
  const token = state.push('math_block', 'math', 0);
  token.block = true;
  token.content = body;
  token.markup = open;
  token.map = [startLine, state.line];
  return true;
}

/** mathPlugin adds the math rules and their KaTeX rendering to md. */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, idx) => `<span class="math">${tex(tokens[idx].content, false)}</span>`;
  md.renderer.rules.math_inline_display = (tokens, idx) =>
    `<span class="math math-display">${tex(tokens[idx].content, true)}</span>`;
  md.renderer.rules.math_block = (tokens, idx) => `<div class="math math-display">${tex(tokens[idx].content, true)}</div>\n`;
}
