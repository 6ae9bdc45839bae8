// The text of a message as a reader sees it, for Copy (as text): the
// rendered words, a blank line between blocks as between paragraphs, without
// the window's own labels and buttons (a code block's language and Copy, a
// diagram's Show source), and math as its TeX source whether or not KaTeX
// has loaded yet (render/lazy), so the same message copies the same text.
import { render } from '../markdown';

const chrome = '.code-head, .mermaid-view';
const texSource = 'annotation[encoding="application/x-tex"]';

/** plainText is the text of a message's markdown as rendered, without the window's controls. */
export function plainText(markdown: string): string {
  const doc = new DOMParser().parseFromString(render(markdown), 'text/html');
  for (const el of doc.querySelectorAll(chrome)) el.remove();
  for (const el of doc.querySelectorAll('.katex')) {
    el.replaceWith(el.querySelector(texSource)?.textContent ?? el.textContent ?? '');
  }
  return [...doc.body.children]
    .map((block) => (block.textContent ?? '').trim())
    .filter(Boolean)
    .join('\n\n');
}
