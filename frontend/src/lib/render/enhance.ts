// What rendered markdown does in the page: Copy buttons on code, Mermaid
// diagrams drawn once their block is in the page, the diagram's source
// toggle, and links (http(s) open in the system browser, fragments scroll
// within the message, nothing else goes anywhere).
import { copyText, openLink } from '../backend';
import { linkTarget } from '../markdown';
import { tr } from '../i18n';

const svgCache = new Map<string, Promise<string>>();

function draw(source: string): Promise<string> {
  let p = svgCache.get(source);
  if (!p) {
    p = import('./mermaid').then((m) => m.drawMermaid(source));
    svgCache.set(source, p);
    p.catch(() => svgCache.delete(source));
  }
  return p;
}

async function drawBlock(block: HTMLElement): Promise<void> {
  block.dataset.mermaid = 'drawing';
  const source = block.querySelector('.mermaid-source')?.textContent ?? '';
  const view = block.querySelector<HTMLElement>('.mermaid-view');
  try {
    const svg = await draw(source);
    if (view) view.innerHTML = svg;
    block.dataset.mermaid = 'done';
  } catch (e) {
    if (view) view.textContent = tr('render.diagramFailed', { error: e instanceof Error ? e.message : String(e) });
    block.dataset.mermaid = 'error';
  }
}

const pending = '.mermaid-block[data-mermaid="pending"]';

function drawPending(root: Element): void {
  if (root.matches(pending)) void drawBlock(root as HTMLElement);
  root.querySelectorAll<HTMLElement>(pending).forEach((b) => void drawBlock(b));
}

async function copy(button: HTMLButtonElement): Promise<void> {
  const block = button.closest('.code-block, .mermaid-block');
  const code = block?.querySelector('pre code')?.textContent ?? '';
  button.textContent = (await copyText(code).catch(() => false)) ? tr('render.copied') : tr('render.copyFailed');
  setTimeout(() => (button.textContent = tr('render.copy')), 2000);
}

function toggleSource(button: HTMLButtonElement): void {
  const block = button.closest<HTMLElement>('.mermaid-block');
  if (!block) return;
  const show = block.dataset.source !== 'shown';
  block.dataset.source = show ? 'shown' : 'hidden';
  button.textContent = show ? tr('render.hideSource') : tr('render.showSource');
  button.setAttribute('aria-pressed', String(show));
}

function onClick(root: HTMLElement, e: MouseEvent): void {
  const el = e.target instanceof Element ? e.target : null;
  const button = el?.closest<HTMLButtonElement>('button.code-copy, button.mermaid-toggle');
  if (button) {
    if (button.classList.contains('code-copy')) void copy(button);
    else toggleSource(button);
    return;
  }
  const a = el?.closest('a');
  if (!a) return;
  e.preventDefault();
  const href = a.getAttribute('href') ?? '';
  if (href.startsWith('#')) {
    root.querySelector(`[id="${CSS.escape(href.slice(1))}"]`)?.scrollIntoView({ block: 'nearest' });
    return;
  }
  const url = linkTarget(a);
  if (url) void openLink(url);
}

/** enhance is a Svelte action for an element holding rendered markdown. */
export function enhance(root: HTMLElement): { destroy: () => void } {
  const click = (e: MouseEvent) => onClick(root, e);
  root.addEventListener('click', click);
  // Only what was added is looked at: a streaming answer adds its tail at
  // each frame, and searching the whole answer each time grew with it.
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element && n.isConnected) drawPending(n);
  });
  observer.observe(root, { childList: true, subtree: true });
  drawPending(root);
  return {
    destroy() {
      root.removeEventListener('click', click);
      observer.disconnect();
    },
  };
}
