import { describe, expect, it } from 'vitest';
import { chunkCode, chunkLines } from './chunks';

const unchunk = (html: string) => html.replace(/<span class="code-chunk">|<\/span>(?=<span class="code-chunk">|$)/g, '');

describe('chunkCode', () => {
  it('leaves a short body as it is', () => {
    const html = '<span class="hljs-keyword">func</span> main() {}\n'.repeat(chunkLines);
    expect(chunkCode(html)).toBe(html);
  });

  it('cuts a long body every chunkLines lines, closing and opening again a span across a cut', () => {
    const lines = Array.from({ length: 70 }, (_, i) => `x${i} &lt; y\n`);
    // A comment from line 30 to line 40, across the first cut.
    const html = lines.slice(0, 30).join('') + '<span class="hljs-comment">/*\n' + lines.slice(31, 40).join('') + '*/</span>\n' + lines.slice(41).join('');
    const out = chunkCode(html);
    const div = document.createElement('div');
    div.innerHTML = out;
    const chunks = [...div.children];
    expect(chunks.map((c) => c.className)).toEqual(['code-chunk', 'code-chunk', 'code-chunk']);
    expect(chunks.map((c) => c.textContent!.split('\n').length - 1)).toEqual([32, 32, 6]);
    expect(div.textContent).toBe(new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html').body.textContent);
    // The comment's lines in both chunks are still a comment.
    expect(chunks[0].querySelector('.hljs-comment')!.textContent).toBe('/*\nx31 < y\n');
    expect(chunks[1].firstElementChild!.className).toBe('hljs-comment');
    expect(chunks[1].firstElementChild!.textContent!.endsWith('*/')).toBe(true);
    expect(out).not.toMatch(/<span class="[^"]*"><\/span>/);
  });

  it('makes no empty chunk when the lines end at a cut', () => {
    const html = 'a\n'.repeat(chunkLines * 2);
    const out = chunkCode(html);
    expect(out).toBe(`<span class="code-chunk">${'a\n'.repeat(chunkLines)}</span><span class="code-chunk">${'a\n'.repeat(chunkLines)}</span>`);
    expect(unchunk(out)).toBe(html);
  });

  it('opens no span after a cut that closes at the cut', () => {
    const html = 'a\n'.repeat(chunkLines - 1) + '<span class="hljs-string">"s\n</span>' + 'b\n'.repeat(5);
    const out = chunkCode(html);
    expect(out).toBe(`<span class="code-chunk">${'a\n'.repeat(chunkLines - 1)}<span class="hljs-string">"s\n</span></span><span class="code-chunk">${'b\n'.repeat(5)}</span>`);
  });
});
