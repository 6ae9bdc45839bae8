// Highlighting off the main thread, for an answer that streams. When the
// fence of a 20 KB block closes, highlight.js took 21-27 ms of that frame
// in WebKitGTK (and its first load, in the first answer of a window, more):
// a streaming answer's blocks are highlighted by a worker instead. Until
// it answers, a block shows its code plain and counts as waiting for a
// module (render/lazy); its answer bumps modulesReady, and the blocks that
// waited render again (BlockRenderer.refresh), now highlighted: the same
// HTML as highlight() gives, so the page still equals a fresh rendering.
// Where a worker cannot run (or fails), highlight() does it in the page.
import { highlight } from './highlight';
import * as lazy from './lazy';
import type { HighlightAnswer, HighlightRequest } from './highlight-worker';

/** The answers kept: the blocks of the answers on screen, highlighted. */
const keep = 24;
/** A worker with nothing to do for this long is ended, and its memory freed. */
const idleMs = 30_000;

const done = new Map<string, string | null>();
const pending = new Map<number, string>();
let worker: Worker | null = null;
let broken = typeof Worker === 'undefined';
let next = 0;
let idle: ReturnType<typeof setTimeout> | undefined;

function start(): Worker | null {
  if (worker || broken) return worker;
  try {
    worker = new Worker(new URL('./highlight-worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return fail();
  }
  worker.onmessage = (e: MessageEvent<HighlightAnswer>) => answered(e.data);
  worker.onerror = () => void fail();
  worker.onmessageerror = () => void fail();
  return worker;
}

/** fail gives up on the worker: what waited for it is highlighted in the page. */
function fail(): null {
  broken = true;
  worker?.terminate();
  worker = null;
  pending.clear();
  lazy.modulesReady.update((n) => n + 1);
  return null;
}

function answered({ id, html }: HighlightAnswer): void {
  const key = pending.get(id);
  if (key === undefined) return;
  pending.delete(id);
  done.set(key, html);
  if (done.size > keep) done.delete(done.keys().next().value!);
  if (!pending.size) {
    clearTimeout(idle);
    idle = setTimeout(() => {
      if (pending.size) return;
      worker?.terminate();
      worker = null;
    }, idleMs);
  }
  lazy.modulesReady.update((n) => n + 1);
}

/** warm starts the worker (and its loading of highlight.js) before it is needed: an open fence of a language. */
export function warm(): void {
  start();
}

/**
 * highlightLater returns what highlight(code, lang) returns, once the
 * worker has highlighted it; until then null, and the rendering counts as
 * waiting (render/lazy).
 */
export function highlightLater(code: string, lang: string): string | null {
  if (!lang) return null;
  const key = `${lang}\n${code}`;
  const html = done.get(key);
  if (html !== undefined) return html;
  const w = start();
  if (!w) return highlight(code, lang);
  lazy.missed();
  if (![...pending.values()].includes(key)) {
    const id = next++;
    pending.set(id, key);
    w.postMessage({ id, code, lang } satisfies HighlightRequest);
  }
  return null;
}
