// A streaming answer's code is highlighted by a worker: the block shows
// plain until it answers, then highlighted, as a fresh rendering shows it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { get } from 'svelte/store';

const code = Array.from({ length: 40 }, (_, i) => `\tx${i} := a < b && c > "d" // ${i}\n`).join('');
const answer = `Intro.\n\n\`\`\`go\n${code}\`\`\`\n\nAfter the code.\n`;

/** A worker that runs highlight-worker.ts in this thread, a task later; or fails to start. */
function fakeWorker(fails = false) {
  const made: FakeWorker[] = [];
  class FakeWorker {
    onmessage: ((e: MessageEvent) => void) | null = null;
    onerror: ((e: Event) => void) | null = null;
    onmessageerror: ((e: Event) => void) | null = null;
    posted = 0;
    constructor() {
      made.push(this);
      if (fails) setTimeout(() => this.onerror?.(new Event('error')));
    }
    postMessage(data: { id: number; code: string; lang: string }) {
      this.posted++;
      if (fails) return;
      void import('./hljs-languages').then(({ hljs }) =>
        setTimeout(() => this.onmessage?.({ data: { id: data.id, html: hljs.highlight(data.code, { language: data.lang, ignoreIllegals: true }).value } } as MessageEvent)),
      );
    }
    terminate() {}
  }
  vi.stubGlobal('Worker', FakeWorker);
  return made;
}

async function load() {
  vi.resetModules();
  const lazy = await import('./lazy');
  const { render } = await import('../markdown');
  const { BlockRenderer } = await import('./blocks');
  return { lazy, render, BlockRenderer };
}

const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('highlighting off the main thread', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows a closed block plain while the worker works, then highlighted as render() has it', async () => {
    const made = fakeWorker();
    const { lazy, render, BlockRenderer } = await load();
    const r = new BlockRenderer();
    const cut = answer.indexOf('After');
    const streaming = r.update(answer.slice(0, cut), false).join('');
    expect(streaming).not.toContain('hljs-');
    expect(streaming).toContain('x39 := a &lt; b');
    // The page never loaded highlight.js: the worker did.
    expect(lazy.requested().hljs).toBe(false);
    expect(made.length).toBe(1);
    const ready = get(lazy.modulesReady);
    await until(() => get(lazy.modulesReady) > ready);
    expect(r.refresh()).toBe(true);
    const streamed = r.update(answer, true).join('');
    expect(streamed).toContain('hljs-comment');
    expect(streamed).toContain('class="code-chunk"');
    // One request for the block, however often it rendered meanwhile.
    expect(made[0].posted).toBe(1);
    await lazy.loadAll();
    expect(streamed).toBe(render(answer));
  });

  it('highlights in the page when the worker fails', async () => {
    fakeWorker(true);
    const { lazy, render, BlockRenderer } = await load();
    const r = new BlockRenderer();
    expect(r.update(answer, false).join('')).not.toContain('hljs-');
    await until(() => lazy.requested().hljs);
    await lazy.loadAll();
    r.refresh();
    const streamed = r.update(answer, true).join('');
    expect(streamed).toContain('hljs-comment');
    expect(streamed).toBe(render(answer));
  });
});
