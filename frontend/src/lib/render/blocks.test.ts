import { beforeAll, describe, expect, it } from 'vitest';
import { loadAll } from './lazy';
import { render } from '../markdown';
import { BlockRenderer } from './blocks';

const longAnswer = `# Setting up the cache

Here is how to put a **read-through cache** in front of the store. It costs $5 and $10 a month
depending on the plan, and the hit rate $h$ satisfies \\(0 \\le h \\le 1\\).

1. Install the client:

   \`\`\`bash
   npm install --save lru-cache
   \`\`\`

2. Wrap the store:

   \`\`\`ts
   import { LRUCache } from 'lru-cache';
   export function cached<T>(load: (k: string) => Promise<T>) {
     const c = new LRUCache<string, T>({ max: 500 });
     return async (k: string) => c.get(k) ?? c.set(k, await load(k)).get(k)!;
   }
   \`\`\`

3. Measure.

| Setting | Default | Meaning |
|:--------|--------:|---------|
| \`max\` | 500 | entries kept |
| \`ttl\` | 0 | milliseconds, 0 = forever |
| \`updateAgeOnGet\` | false | a read renews the entry |

The expected latency is

$$
E[T] = h\\,t_{\\text{hit}} + (1-h)\\,t_{\\text{miss}}
$$

and with \\[ t_{\\text{miss}} \\gg t_{\\text{hit}} \\] the miss term dominates.

> **Note** a cache hides slow queries; measure without it too.

- [x] cache added
- [ ] metrics exported
  - counters
  - histograms

\`\`\`mermaid
graph LR
  A[request] --> B{cached?}
  B -- yes --> C[return]
  B -- no --> D[load] --> C
\`\`\`

Setext heading
--------------

    indented code
    stays code

    after a blank line too

~~Old advice~~ is gone. See https://example.com/docs for more.
`;

const corpus: Record<string, string> = {
  'a long technical answer': longAnswer,
  'the same, ten times': Array.from({ length: 10 }, () => longAnswer).join('\n\n'),
  'code only': '```python\n' + Array.from({ length: 200 }, (_, i) => `print(${i}) # line ${i}`).join('\n') + '\n```\n',
  'a fence that never closes': 'Intro\n\n```go\nfunc main() {\n\tfmt.Println("x")\n}\n',
  'math heavy': Array.from({ length: 30 }, (_, i) => `Step ${i}: $x_{${i}} = \\frac{${i}}{2}$ and\n\n$$\n\\sum_{k=0}^{${i}} k\\,dk\n$$\n`).join('\n'),
  'a long table': '| a | b |\n|---|---|\n' + Array.from({ length: 100 }, (_, i) => `| ${i} | ${'x'.repeat(i % 7)} |`).join('\n'),
  'lists that become loose': '- one\n- two\n\n- three\n\n  more of three\n- four\n\nafter\n',
  'footnotes and references': 'See [the docs][d] and a note[^1].\n\nMore text.\n\n[d]: https://example.com\n[^1]: The note.\n',
  'paragraph turning into a table': 'a | b\n--|--\n1 | 2\n\nnext\n',
  'CRLF line ends': 'one\r\ntwo\r\n\r\n```js\r\nlet a\r\n```\r\n',
  'heading after a paragraph': 'para\n# Heading\npara\n===\n',
};

/** rng gives the same uneven pieces on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

function stream(text: string, seed: number): { renderer: BlockRenderer; frames: number } {
  const next = rng(seed);
  const r = new BlockRenderer();
  let frames = 0;
  for (let at = 0; at < text.length; ) {
    at = Math.min(text.length, at + 1 + Math.floor(next() * (next() < 0.2 ? 200 : 12)));
    r.update(text.slice(0, at), false);
    frames++;
  }
  return { renderer: r, frames };
}


// The final output is with KaTeX and highlight.js loaded.
beforeAll(loadAll);

describe('the streaming renderer', () => {
  for (const [name, text] of Object.entries(corpus)) {
    it(`ends equal to render(): ${name}`, () => {
      const want = render(text);
      for (const seed of text.length > 5000 ? [3] : [1, 7, 42]) {
        const { renderer } = stream(text, seed);
        expect(renderer.update(text, true).join('')).toBe(want);
      }
    }, 120_000); // jsdom's DOM is slow, and the machine is shared
  }

  it('keeps the HTML of finished blocks and renders only the tail', () => {
    const r = new BlockRenderer();
    const first = r.update('# Title\n\nFirst paragraph.\n\nSecond', false);
    const second = r.update('# Title\n\nFirst paragraph.\n\nSecond paragraph, longer.', false);
    expect(second.slice(0, 2)).toEqual(first.slice(0, 2));
    expect(second[2]).toContain('Second paragraph, longer.');
  });

  it('renders only the last blocks and the new ones per update, however long the answer', () => {
    const text = corpus['the same, ten times'];
    const next = rng(5);
    const r = new BlockRenderer();
    let blocks = 0;
    let worst = 0;
    for (let at = 0; at < text.length; ) {
      at = Math.min(text.length, at + 1 + Math.floor(next() * 40));
      const before = r.renders;
      const now = r.update(text.slice(0, at), false).length;
      worst = Math.max(worst, r.renders - before - Math.max(0, now - blocks));
      blocks = now;
    }
    expect(blocks).toBeGreaterThan(100);
    expect(worst).toBeLessThanOrEqual(2);
  }, 120_000);

  it('grows an open code block without rendering it again, and shows what a fresh rendering shows', () => {
    const code = Array.from({ length: 40 }, (_, i) => `\tx${i} := a < b && c > "d" \u00a0 \`raw\` ~~ // ${i} &amp;\n`).join('');
    const texts = [
      `Intro\n\n\`\`\`go\n${code}\`\`\`\n\nAfter.\n`,
      `~~~\n${code}\`\`\`go\nnot a close\n  ~~~~\n\nout\n`,
      `\`\`\`\n${code}   \`\`\`\n`,
      `  \`\`\`js\n  indented ${code}\n  \`\`\`\n`,
    ];
    for (const text of texts) {
      const next = rng(9);
      const r = new BlockRenderer();
      let skipped = 0;
      for (let at = 0; at < text.length; ) {
        at = Math.min(text.length, at + 1 + Math.floor(next() * 16));
        const before = r.renders;
        const got = r.update(text.slice(0, at), false);
        if (r.renders === before) skipped++;
        expect(got).toEqual(new BlockRenderer().update(text.slice(0, at), false));
      }
      expect(r.update(text, true).join('')).toBe(render(text));
      if (!text.startsWith(' ')) expect(skipped).toBeGreaterThan(code.length / 30);
    }
  }, 120_000);

  it('highlights a code block only once its fence closes', () => {
    const r = new BlockRenderer();
    const open = r.update('```js\nconst a = 1;\n', false).join('');
    expect(open).not.toContain('hljs-keyword');
    expect(open).toContain('const a = 1;');
    const closed = r.update('```js\nconst a = 1;\n```\n', false).join('');
    expect(closed).toContain('hljs-keyword');
  });

  it('draws a Mermaid diagram only once its fence closes', () => {
    const r = new BlockRenderer();
    expect(r.update('```mermaid\ngraph TD; A-->B\n', false).join('')).toContain('data-mermaid="streaming"');
    expect(r.update('```mermaid\ngraph TD; A-->B\n```', false).join('')).toContain('data-mermaid="pending"');
  });

  it('ends equal to render() fed one character at a time', () => {
    const r = new BlockRenderer();
    for (let at = 1; at <= longAnswer.length; at++) r.update(longAnswer.slice(0, at), false);
    expect(r.update(longAnswer, true).join('')).toBe(render(longAnswer));
  }, 120_000);

  it('equals render() of every prefix when asked for final output', () => {
    const next = rng(11);
    const r = new BlockRenderer();
    for (let at = 0; at < longAnswer.length; ) {
      at = Math.min(longAnswer.length, at + 1 + Math.floor(next() * 30));
      const prefix = longAnswer.slice(0, at);
      expect(r.update(prefix, true).join(''), JSON.stringify(prefix.slice(-40))).toBe(render(prefix));
    }
  }, 120_000);

  it('ends equal to render() when a definition turned out not to be one', () => {
    const text = 'Intro\n\n[a]: https://example.com is not a definition after all\n\nEnd [a].';
    const r = new BlockRenderer();
    for (let at = 1; at <= text.length; at++) r.update(text.slice(0, at), false);
    expect(r.update(text, true).join('')).toBe(render(text));
  });

  it('starts over when the text is replaced rather than extended', () => {
    const r = new BlockRenderer();
    r.update('Hello **world**\n\nmore', false);
    expect(r.update('Other text', true).join('')).toBe(render('Other text'));
  });
});
