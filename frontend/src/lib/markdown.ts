// Markdown rendering for model output, which is untrusted. markdown-it runs
// without raw HTML; only http(s), mailto and same-message fragment links
// survive; images become a link saying they are remote (the CSP would block
// them anyway); and every rendered block passes DOMPurify (render/sanitize).
// GFM tables, strikethrough, task lists and footnotes, highlighted code with
// a language label and a Copy button, KaTeX math, and Mermaid diagrams
// (drawn later, in the page, by render/enhance) are supported. KaTeX and
// highlight.js load on first need (render/lazy); until then math and code
// render as escaped source.
//
// A message renders block by block: render() splits the text into top-level
// blocks and renders each on its own, which is what lets the streaming
// renderer (render/blocks.ts) keep finished blocks and redo only the tail.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import footnote from 'markdown-it-footnote';
import { highlight } from './render/highlight';
import { mathPlugin } from './render/math';
import { sanitizeHtml } from './render/sanitize';
import { chunkCode } from './render/chunks';
import * as lazy from './render/lazy';
import * as offthread from './render/offthread';
import { tr } from './i18n';

/** Env is what one rendering passes to the rules. */
export interface Env {
  /** The text is complete: an unclosed code fence is shown as finished. */
  final?: boolean;
  /** Set when the output depends on `final` (an unclosed fence). */
  unfinished?: boolean;
  references?: Record<string, unknown>;
  footnotes?: unknown;
  /** Highlighted code bodies, set in the output after it is sanitized (see renderBlock). */
  code?: string[];
  /** The text streams: code is highlighted off the main thread (render/offthread). */
  later?: boolean;
}

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });
md.use(footnote);
md.use(mathPlugin);

const safeLink = /^(https?:|mailto:|#)/i;
md.validateLink = (url: string) => safeLink.test(url.trim());
const esc = md.utils.escapeHtml;

md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx];
  const src = token.attrGet('src') ?? '';
  const alt = esc(token.content || tr('render.imageAlt'));
  if (!/^https?:/i.test(src)) return `<span class="md-image">${tr('render.image', { alt })}</span>`;
  return `<a class="md-image" href="${esc(src)}" title="${esc(tr('render.remoteImageTitle'))}">${tr('render.remoteImage', { alt })}</a>`;
};

md.renderer.rules.table_open = () => '<div class="table-wrap"><table>\n';
md.renderer.rules.table_close = () => '</table></div>\n';

// A fence is closed when its last line is a closing fence of its kind.
md.core.ruler.after('block', 'fence_closed', (state) => {
  let lines: string[] | null = null;
  for (const t of state.tokens) {
    if (t.type !== 'fence' || !t.map) continue;
    lines ??= state.src.split('\n');
    const last = (lines[t.map[1] - 1] ?? '').replace(/^(?:[ \t]*>)*[ \t]*/, '').trimEnd();
    const ch = t.markup[0];
    t.meta = { closed: t.map[1] - 1 > t.map[0] && last.length >= t.markup.length && [...last].every((c) => c === ch) };
  }
});

md.renderer.rules.fence = (tokens, idx, _options, env: Env) => {
  const t = tokens[idx];
  const lang = (t.info ? md.utils.unescapeAll(t.info).trim().split(/\s+/)[0] : '').toLowerCase();
  const closed = Boolean(t.meta?.closed);
  if (!closed) env.unfinished = true;
  const ready = closed || Boolean(env.final);
  const label = esc(lang || 'text');
  const copy = `<button type="button" class="code-copy" title="${esc(tr('render.copyCode'))}">${esc(tr('render.copy'))}</button>`;
  if (lang === 'mermaid') {
    return (
      `<div class="mermaid-block" data-mermaid="${ready ? 'pending' : 'streaming'}">` +
      `<div class="code-head"><span class="code-lang">mermaid</span>` +
      `<button type="button" class="mermaid-toggle" aria-pressed="false">${esc(tr('render.showSource'))}</button>${copy}</div>` +
      `<div class="mermaid-view"></div><pre class="mermaid-source"><code>${esc(t.content)}</code></pre></div>\n`
    );
  }
  // An open fence of a language (a streaming answer's) starts the
  // highlighting worker, so that it is ready when the fence closes.
  if (!ready && lang && env.later) offthread.warm();
  const lit = !ready ? null : env.later ? offthread.highlightLater(t.content, lang) : highlight(t.content, lang);
  let body = lit ?? esc(t.content);
  if (lit && env.code) body = `${codeMark}${env.code.push(lit) - 1}${codeEnd}`;
  const cls = lang ? ` class="hljs language-${esc(lang)}"` : ' class="hljs"';
  return (
    `<div class="code-block"><div class="code-head"><span class="code-lang">${label}</span>${copy}</div>` +
    `<pre><code${cls}>${body}</code></pre></div>\n`
  );
};

// Task lists: "- [ ] a" and "- [x] b" become disabled checkboxes.
md.core.ruler.push('task_lists', (state) => {
  const tokens = state.tokens;
  for (let i = 2; i < tokens.length; i++) {
    const [li, p, inline] = [tokens[i - 2], tokens[i - 1], tokens[i]];
    if (inline.type !== 'inline' || p.type !== 'paragraph_open' || li.type !== 'list_item_open') continue;
    const first = inline.children?.[0];
    const m = first?.type === 'text' ? /^\[([ xX])\](?:[ \t]|$)/.exec(first.content) : null;
    if (!first || !m) continue;
    first.content = first.content.slice(m[0].length);
    const box = new state.Token('html_inline', '', 0);
    box.content = `<input type="checkbox" disabled${m[1] === ' ' ? '' : ' checked'}> `;
    inline.children!.unshift(box);
    li.attrJoin('class', 'task-list-item');
    for (let j = i - 3; j >= 0; j--) {
      const list = tokens[j];
      if (list.level === li.level - 1 && (list.type === 'bullet_list_open' || list.type === 'ordered_list_open')) {
        if (!list.attrGet('class')?.includes('contains-task-list')) list.attrJoin('class', 'contains-task-list');
        break;
      }
    }
  }
});

/** A top-level block of a message's text: its source and its lines [start, end). */
export interface Block {
  src: string;
  start: number;
  end: number;
}

/** normalize does what markdown-it does to its input first, so line numbers agree. */
export function normalize(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
}

/**
 * splitBlocks cuts text (normalized, from line `from` on) into its top-level
 * blocks. `global` is true when the text defines link references or
 * footnotes, which tie blocks together: such a text renders as one block.
 */
export function splitBlocks(text: string, from = 0): { blocks: Block[]; global: boolean } {
  const env: Env = {};
  const tokens: Token[] = [];
  md.block.parse(text, md, env, tokens);
  const global = Boolean(env.footnotes) || Object.keys(env.references ?? {}).length > 0;
  const starts = lineStarts(text);
  const blocks: Block[] = [];
  for (const t of tokens) {
    if (t.level !== 0 || t.nesting === -1 || !t.map) continue;
    const [a, b] = t.map;
    blocks.push({ src: text.slice(starts[a], b < starts.length ? starts[b] : text.length), start: a + from, end: b + from });
  }
  return { blocks, global };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

// A highlighted code body is held out of the HTML that DOMPurify walks,
// under a mark of two private-use characters around its index, and set
// back in after: a 20 KB block highlighted is ~4,000 elements, which cost
// DOMPurify 130-600 ms in WebKitGTK (a frame lost at the close of its
// fence). The body is highlight.js' output, checked (safeHighlight) to be
// nothing but its spans and escaped text; a text with the mark in it
// renders without this.
const codeMark = '\uE000';
const codeEnd = '\uE001';
const codeMarks = /\uE000(\d+)\uE001/g;

/**
 * safeHighlight returns highlight.js' HTML of a code body as DOMPurify
 * would write it (a quote or apostrophe as itself, a no-break space as
 * &nbsp;), or null unless it holds only `<span class="…">` with a class
 * of letters, digits, _ - and spaces, `</span>`, escaped text and its five
 * entities.
 */
export function safeHighlight(html: string): string | null {
  const rest = html.replace(/<span class="[\w -]*">|<\/span>|&(?:amp|lt|gt|quot|#x27);/g, '');
  if (/[<>&]/.test(rest)) return null;
  return html.replace(/&quot;|&#x27;|\u00a0/g, (e) => (e === '&quot;' ? '"' : e === '&#x27;' ? "'" : '&nbsp;'));
}

/** highlighted is a highlighted code body made safe: checked and in chunks of lines (render/chunks), or sanitized. */
function highlighted(html: string): string {
  const safe = safeHighlight(html);
  return safe === null ? sanitizeHtml(html) : chunkCode(safe);
}

/**
 * renderBlock renders one block (or a whole text) to sanitized HTML;
 * waiting says it shows math or code as source because KaTeX or
 * highlight.js is still loading (render/lazy), or the highlighting worker
 * has not answered yet (later: a streaming answer's, render/offthread).
 */
export function renderBlock(src: string, final: boolean, later = false): { html: string; unfinished: boolean; waiting: boolean } {
  const env: Env = { final, later, code: src.includes(codeMark) ? undefined : [] };
  const misses = lazy.misses;
  let html = sanitizeHtml(md.render(src, env));
  if (env.code?.length) html = html.replace(codeMarks, (_, i) => highlighted(env.code![Number(i)]));
  // Without the newline markdown-it ends a block with, a message's text is
  // just its words (as a user selecting or a test reading it expects).
  return { html: html.replace(/\n+$/, ''), unfinished: Boolean(env.unfinished), waiting: lazy.misses !== misses };
}

/**
 * render turns a finished message's markdown into HTML that is safe to put
 * in the page: synchronous; complete once render/lazy has loaded what the
 * text needs (highlighting, math).
 */
export function render(text: string): string {
  const src = normalize(text);
  const { blocks, global } = splitBlocks(src);
  if (global) return renderBlock(src, true).html;
  return blocks.map((b) => renderBlock(b.src, true).html).join('');
}

/** linkTarget returns the http(s) URL an anchor in rendered output points to. */
export function linkTarget(el: EventTarget | null): string | null {
  const a = el instanceof Element ? el.closest('a') : null;
  const href = a?.getAttribute('href') ?? '';
  return /^https?:\/\//i.test(href) ? href : null;
}
