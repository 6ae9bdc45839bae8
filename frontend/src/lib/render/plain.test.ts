// Copy (as text) gives the words a reader sees: blocks apart, none of the
// window's labels, math as its source, the same before and after KaTeX and
// highlight.js have loaded.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const message = [
  'Euler wrote $e^{i\\pi} + 1 = 0$.',
  'Then:',
  '```go\nfunc main() {}\n```',
  '$$\n\\int_0^1 x\\,dx\n$$',
  '- one\n- two',
].join('\n\n');

const expected = [
  'Euler wrote e^{i\\pi} + 1 = 0.',
  'Then:',
  'func main() {}',
  '\\int_0^1 x\\,dx',
  'one\ntwo',
].join('\n\n');

async function fresh() {
  vi.resetModules();
  const lazy = await import('./lazy');
  const { plainText } = await import('./plain');
  return { lazy, plainText };
}

describe('plainText', { timeout: 30_000 }, () => {
  beforeEach(() => vi.resetModules());

  it('is the words as shown, blocks apart, without code labels or Copy buttons', async () => {
    const { plainText } = await fresh();
    expect(plainText(message)).toBe(expected);
  });

  it('is the same once KaTeX and highlight.js have loaded', async () => {
    const { lazy, plainText } = await fresh();
    await lazy.loadAll();
    expect(lazy.katex).not.toBeNull();
    expect(plainText(message)).toBe(expected);
  });

  it('keeps a diagram as its source, without Show source', async () => {
    const { plainText } = await fresh();
    expect(plainText('```mermaid\ngraph TD; A-->B\n```')).toBe('graph TD; A-->B');
  });
});
