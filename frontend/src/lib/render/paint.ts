// paint puts a message's rendered blocks in the page and, as the message
// streams, changes only the blocks whose HTML changed. A code block that is
// still open grows by appending its new text to the code element, instead
// of replacing the whole block (and the engine laying out its every line
// again) at each frame: the work per frame stays that of the new lines,
// however long the block has grown.

interface Painted {
  html: string;
  nodes: ChildNode[];
}

// The HTML markdown.ts gives a code block that is not highlighted (an open
// fence while streaming): its head, its escaped text, its end.
const openCode = /^(<div class="code-block">[\s\S]*?<pre><code[^>]*>)([^<]*)(<\/code><\/pre><\/div>)$/;

function parse(html: string): ChildNode[] {
  const t = document.createElement('template');
  t.innerHTML = html;
  return [...t.content.childNodes];
}

/** grow appends to an open code block what html adds to its text, if that is all it changes. */
function grow(old: Painted, html: string): boolean {
  const a = openCode.exec(old.html);
  const b = a && openCode.exec(html);
  if (!a || !b || a[1] !== b[1] || !b[2].startsWith(a[2]) || old.nodes.length !== 1) return false;
  const code = (old.nodes[0] as Element).querySelector?.('pre > code');
  if (!code) return false;
  code.insertAdjacentHTML('beforeend', b[2].slice(a[2].length)); // escaped text: text nodes only
  old.html = html;
  return true;
}

/** paint is a Svelte action: root's children are the HTML of blocks, in order. */
export function paint(root: HTMLElement, blocks: string[]): { update: (b: string[]) => void } {
  let painted: Painted[] = [];
  const update = (next: string[]) => {
    const kept: Painted[] = [];
    for (let i = 0; i < next.length; i++) {
      const old = painted[i];
      if (old && (old.html === next[i] || grow(old, next[i]))) {
        kept.push(old);
        continue;
      }
      const nodes = parse(next[i]);
      // Before the old block's nodes, else before the next block that has some, else at the end.
      const ref = painted.slice(i).find((p) => p.nodes.length)?.nodes[0] ?? null;
      for (const n of nodes) root.insertBefore(n, ref);
      old?.nodes.forEach((n) => n.remove());
      kept.push({ html: next[i], nodes });
    }
    for (const p of painted.slice(next.length)) p.nodes.forEach((n) => n.remove());
    painted = kept;
  };
  update(blocks);
  return { update };
}
