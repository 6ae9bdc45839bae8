// Mermaid diagrams, loaded only when a message has one: Mermaid is large, so
// this module is imported dynamically and the idle window never pays for it.
import mermaid from 'mermaid';
import { sanitizeSvg } from './sanitize';

let initialized = false;
let count = 0;

/** drawMermaid renders a diagram's source to sanitized SVG; it rejects on a syntax error. */
export async function drawMermaid(source: string): Promise<string> {
  if (!initialized) {
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: 'strict',
      theme: 'dark',
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      fontFamily: 'Inter, "Noto Sans", system-ui, sans-serif',
    });
    initialized = true;
  }
  const id = `parley-mermaid-${++count}`;
  try {
    const { svg } = await mermaid.render(id, source);
    return sanitizeSvg(svg);
  } finally {
    document.getElementById(id)?.remove();
    document.getElementById(`d${id}`)?.remove();
  }
}
