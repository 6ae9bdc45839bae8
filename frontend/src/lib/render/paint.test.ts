import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadAll } from './lazy';
import { render } from '../markdown';
import { BlockRenderer } from './blocks';
import { paint } from './paint';

const code = Array.from({ length: 100 }, (_, i) => `\tx${i} := a < b && c > "d" /* ${i}\n still */ // ${i}\n`).join('');
const answer = `# Title\n\nSome words.\n\n\`\`\`go\n${code}\`\`\`\n\nAfter the code.\n`;

// The final output is with KaTeX and highlight.js loaded.
beforeAll(loadAll);

let frames: FrameRequestCallback[] = [];
beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});
afterEach(() => vi.unstubAllGlobals());

function nextFrame(): void {
  const due = frames;
  frames = [];
  due.forEach((f) => f(performance.now()));
}

describe('paint', () => {
  it('grows an open code block in place, chunk by chunk, and ends with the finished rendering', () => {
    const root = document.createElement('div');
    const r = new BlockRenderer();
    const action = paint(root, { blocks: r.update(answer.slice(0, 30), false), final: false });
    let codeEl: Element | null = null;
    let firstChunk: Element | null = null;
    const start = answer.indexOf('```go') + 12;
    const end = answer.indexOf('```\n\nAfter');
    for (let n = start; n <= end; n += 37) {
      action.update({ blocks: r.update(answer.slice(0, n), false), final: false });
      const el = root.querySelector('pre > code');
      codeEl ??= el;
      firstChunk ??= el!.firstElementChild;
      // The same elements, holding the text so far, as a fresh rendering has it.
      expect(el).toBe(codeEl);
      expect(el!.firstElementChild).toBe(firstChunk);
      expect(code.startsWith(el!.textContent!)).toBe(true);
      expect(root.innerHTML).toBe(r.update(answer.slice(0, n), false).join(''));
    }
    expect(codeEl!.children.length).toBe(Math.ceil(code.split('\n').length / 32));
    action.update({ blocks: r.update(answer, true), final: true });
    expect(root.innerHTML).toBe(render(answer));
    expect(root.querySelector('pre > code')!.textContent).toBe(code);
  });

  it('highlights a closed block a few chunks a frame, from its end, while the answer streams', () => {
    const root = document.createElement('div');
    const r = new BlockRenderer();
    const open = answer.indexOf('```\n\nAfter');
    const action = paint(root, { blocks: r.update(answer.slice(0, open), false), final: false });
    const chunks = [...root.querySelectorAll('.code-chunk')];
    const text = answer.slice(0, open + 12);
    action.update({ blocks: r.update(text, false), final: false });
    const lit = () => chunks.map((c) => (c.querySelector('.hljs-keyword, .hljs-comment') ? 1 : 0)).join('');
    const from = (k: number) => '0'.repeat(Math.max(0, chunks.length - k)) + '1'.repeat(Math.min(k, chunks.length));
    expect(chunks.length).toBe(7);
    expect(lit()).toBe(from(1)); // the last chunk at once
    for (let k = 3; k < 7 + 2; k += 2) {
      nextFrame();
      expect(lit()).toBe(from(k)); // two more a frame, upwards
    }
    expect(frames).toHaveLength(0);
    expect([...root.querySelectorAll('.code-chunk')]).toEqual(chunks); // the same elements
    expect(root.innerHTML).toBe(r.update(text, false).join(''));
    action.update({ blocks: r.update(answer, true), final: true });
    expect(root.innerHTML).toBe(render(answer));
  });

  it('puts a block waiting for its highlighting in full when the text is final', () => {
    const root = document.createElement('div');
    const r = new BlockRenderer();
    const open = answer.indexOf('```\n\nAfter');
    const action = paint(root, { blocks: r.update(answer.slice(0, open), false), final: false });
    action.update({ blocks: r.update(answer.slice(0, open + 5), false), final: false });
    action.update({ blocks: r.update(answer, true), final: true });
    expect(root.innerHTML).toBe(render(answer));
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
