// KaTeX and highlight.js load only for a message that needs them, and once
// loaded a message renders exactly as with them loaded from the start.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';

const withBoth = 'Euler: $e^{i\\pi} + 1 = 0$\n\n```go\nfunc main() {}\n```\n\n$$\n\\int_0^1 x\\,dx\n$$';

async function fresh() {
  vi.resetModules();
  const lazy = await import('./lazy');
  const { render } = await import('../markdown');
  return { lazy, render };
}

describe('lazily loaded renderers', () => {
  beforeEach(() => vi.resetModules());

  it('are not imported for a plain-text message', async () => {
    const { lazy, render } = await fresh();
    const html = render('Just **words**, a [link](https://example.com), $5 and $10, and `code`.');
    expect(html).toContain('<strong>words</strong>');
    expect(lazy.requested()).toEqual({ katex: false, hljs: false });
    expect(lazy.katex).toBeNull();
    expect(lazy.hljs).toBeNull();
  });

  it('render math and code as escaped source first, then as before once loaded', async () => {
    const { lazy, render } = await fresh();
    const first = render(withBoth);
    expect(lazy.requested()).toEqual({ katex: true, hljs: true });
    expect(first).not.toContain('class="katex');
    expect(first).toContain('e^{i\\pi} + 1 = 0');
    const ready = get(lazy.modulesReady);
    await lazy.loadAll();
    expect(get(lazy.modulesReady)).toBe(ready + 2);
    const after = render(withBoth);
    expect(after).toContain('class="katex');
    expect(after).toContain('hljs-keyword');

    // The same text rendered in a fresh page whose modules loaded first.
    const other = await fresh();
    await other.lazy.loadAll();
    expect(other.render(withBoth)).toBe(after);
  });

  it('once loaded, render again only the blocks of a long answer that waited for them', async () => {
    const { lazy, render } = await fresh();
    const { BlockRenderer } = await import('./blocks');
    const text = 'Intro.\n\n' + 'Words and $x^2$ words.\n\n'.repeat(3) + 'Plain words.\n\n'.repeat(20) + '```go\nfunc main() {}\n```\n\nEnd.\n';
    const r = new BlockRenderer();
    expect(r.update(text, true).join('')).not.toContain('hljs-keyword');
    const before = r.renders;
    await lazy.loadAll();
    expect(r.refresh()).toBe(true);
    expect(r.renders - before).toBe(4); // three paragraphs with math, one code block
    expect(r.update(text, true).join('')).toBe(render(text));
    expect(r.refresh()).toBe(false);
  });

  it('sanitise the escaped source shown while loading', async () => {
    const { render } = await fresh();
    const html = render('$<img src=x onerror=alert(1)>$\n\n```js\n</code><script>alert(2)</script>\n```');
    const div = document.createElement('div');
    div.innerHTML = html;
    expect(div.querySelector('img, script, [onerror]')).toBeNull();
  });
});
