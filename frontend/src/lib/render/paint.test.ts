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
    const action = paint(root, r.update(answer.slice(0, 30), false));
    let codeEl: Element | null = null;
    const start = answer.indexOf('```go') + 12;
    const end = answer.indexOf('```\n\nAfter');
    for (let n = start; n <= end; n += 37) {
      action.update(r.update(answer.slice(0, n), false));
      const el = root.querySelector('pre > code');
      codeEl ??= el;
      // The same element, holding the text so far (its last line may still be blank-trimmed).
      expect(el).toBe(codeEl);
      expect(code.startsWith(el!.textContent!)).toBe(true);
      expect(el!.textContent!.length).toBeGreaterThan(n - start - 40);
      expect(root.innerHTML).toBe(r.update(answer.slice(0, n), false).join(''));
    }
    action.update(r.update(answer, true));
    expect(root.innerHTML).toBe(render(answer));
    expect(root.querySelector('pre > code')!.textContent).toBe(code);
  });

  it('replaces, inserts and removes whole blocks', () => {
    const root = document.createElement('div');
    const action = paint(root, ['<p>a</p>', '<p>b</p>', '<p>c</p>']);
    const first = root.firstChild;
    action.update(['<p>a</p>', '<h2>B</h2>', '', '<p>d</p>']);
    expect(root.innerHTML).toBe('<p>a</p><h2>B</h2><p>d</p>');
    expect(root.firstChild).toBe(first);
    action.update(['<p>a</p>', '<p>x</p>', '<p>y</p>']);
    expect(root.innerHTML).toBe('<p>a</p><p>x</p><p>y</p>');
    action.update(['<p>z</p>']);
    expect(root.innerHTML).toBe('<p>z</p>');
  });
});
