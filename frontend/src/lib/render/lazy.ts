// The heavy renderers load when a message first needs them: KaTeX when it
// has math, highlight.js when it has a fenced code block. Until then a
// message renders with the plain escaped source; `modulesReady` counts
// loads, and Markdown.svelte renders afresh when it changes, so the end
// state is what it would be with the modules loaded from the start.
import { writable } from 'svelte/store';
import type KaTeX from 'katex';
import type { HLJSApi } from 'highlight.js';

export let katex: typeof KaTeX | null = null;
export let hljs: HLJSApi | null = null;
let katexLoad: Promise<void> | null = null;
let hljsLoad: Promise<void> | null = null;

/** misses counts the renderings of math or code made without the module they need, which was loading. */
export let misses = 0;
export function missed(): void {
  misses++;
}

/** modulesReady changes each time a renderer finishes loading. */
export const modulesReady = writable(0);

/** requested tells which renderers were asked for (for tests). */
export function requested(): { katex: boolean; hljs: boolean } {
  return { katex: katexLoad !== null, hljs: hljsLoad !== null };
}

/** needKatex starts loading KaTeX (once); it resolves when it is there. */
export function needKatex(): Promise<void> {
  katexLoad ??= import('./katex-load').then((m) => {
    katex = m.katex;
    modulesReady.update((n) => n + 1);
  });
  return katexLoad;
}

/** needHighlight starts loading highlight.js (once); it resolves when it is there. */
export function needHighlight(): Promise<void> {
  hljsLoad ??= import('./hljs-languages').then((m) => {
    hljs = m.hljs;
    modulesReady.update((n) => n + 1);
  });
  return hljsLoad;
}

/** loadAll loads every renderer (tests that need the final output call it). */
export function loadAll(): Promise<void> {
  return Promise.all([needKatex(), needHighlight()]).then(() => undefined);
}
