import { beforeAll, describe, expect, it } from 'vitest';
import { loadAll } from './lazy';
import { render } from '../markdown';
import { BlockRenderer } from './blocks';
import { paint } from './paint';

const code = Array.from({ length: 60 }, (_, i) => `\tx${i} := a < b && c > "d" // ${i}\n`).join('');
const answer = `# Title\n\nSome words.\n\n\`\`\`go\n${code}\`\`\`\n\nAfter the code.\n`;


// The final output is with KaTeX and highlight.js loaded.
beforeAll(loadAll);

describe('paint', () => {
  it('grows an open code block in place and ends with the finished rendering', () => {
    const root = document.createElement('div');
    const r = new BlockRenderer();
    const action = paint(root, { blocks: r.update(answer.slice(0, 30), false), final: false });
    let codeEl: Element | null = null;
    const start = answer.indexOf('```go') + 12;
    const end = answer.indexOf('```\n\nAfter');
    for (let n = start; n <= end; n += 37) {
      action.update({ blocks: r.update(answer.slice(0, n), false), final: false });
      const el = root.querySelector('pre > code');
      codeEl ??= el;
      // The same element, holding the text so far (its last line may still be blank-trimmed).
      expect(el).toBe(codeEl);
      expect(code.startsWith(el!.textContent!)).toBe(true);
      expect(el!.textContent!.length).toBeGreaterThan(n - start - 40);
      // The text as rendered, in chunks of lines while it grows.
      expect(root.innerHTML.replace(/<span class="code-chunk">([^<]*)<\/span>/g, '$1')).toBe(r.update(answer.slice(0, n), false).join(''));
      if (n > start + 37) expect(el!.children.length).toBe(Math.ceil(el!.textContent!.split('\n').length / 32));
    }
    action.update({ blocks: r.update(answer, true), final: true });
    expect(root.innerHTML).toBe(render(answer));
    expect(root.querySelector('pre > code')!.textContent).toBe(code);
  });

  it('ends a code block that grew and is not highlighted as a fresh rendering has it', () => {
    const text = '```\n' + code;
    const root = document.createElement('div');
    const r = new BlockRenderer();
    const action = paint(root, { blocks: r.update(text.slice(0, 20), false), final: false });
    for (let n = 20; n <= text.length; n += 50) action.update({ blocks: r.update(text.slice(0, n), false), final: false });
    action.update({ blocks: r.update(text, false), final: false });
    expect(root.querySelectorAll('.code-chunk').length).toBeGreaterThan(1);
    action.update({ blocks: r.update(text, true), final: true });
    expect(root.innerHTML).toBe(render(text));
    expect(root.querySelector('pre > code')!.childNodes.length).toBe(1);
  });

  it('replaces, inserts and removes whole blocks', () => {
    const root = document.createElement('div');
    const action = paint(root, { blocks: ['<p>a</p>', '<p>b</p>', '<p>c</p>'], final: false });
    const first = root.firstChild;
    action.update({ blocks: ['<p>a</p>', '<h2>B</h2>', '', '<p>d</p>'], final: false });
    expect(root.innerHTML).toBe('<p>a</p><h2>B</h2><p>d</p>');
    expect(root.firstChild).toBe(first);
    action.update({ blocks: ['<p>a</p>', '<p>x</p>', '<p>y</p>'], final: false });
    expect(root.innerHTML).toBe('<p>a</p><p>x</p><p>y</p>');
    action.update({ blocks: ['<p>z</p>'], final: false });
    expect(root.innerHTML).toBe('<p>z</p>');
  });
});
