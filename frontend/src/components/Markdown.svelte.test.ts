// The streaming message in the page: one paint per frame, finished blocks
// left alone in the DOM, and the end equal to render().
import { beforeAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadAll } from '../lib/render/lazy';
import { flushSync, mount, unmount } from 'svelte';
import Markdown from './Markdown.svelte';
import { render } from '../lib/markdown';

let frames: FrameRequestCallback[] = [];
beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => {});
});
afterEach(() => vi.unstubAllGlobals());

function nextFrame(): void {
  const due = frames;
  frames = [];
  due.forEach((f) => f(performance.now()));
  flushSync();
}


// The final output is with KaTeX and highlight.js loaded.
beforeAll(loadAll);

describe('Markdown while streaming', () => {
  it('paints once per frame and keeps finished blocks in place', () => {
    const props = $state({ text: '# Plan\n\nFirst', streaming: true });
    const target = document.createElement('div');
    const view = mount(Markdown, { target, props });
    flushSync();
    nextFrame();
    const heading = target.querySelector('h1');
    expect(heading?.textContent).toBe('Plan');

    for (const piece of [' step', ' and', ' more.\n\n```js\nlet a', ' = 1;\n```\n\nDone']) {
      props.text += piece;
      flushSync();
    }
    expect(frames).toHaveLength(1); // five deltas, one paint
    expect(target.querySelector('p')?.textContent).toBe('First'); // not painted yet
    nextFrame();
    expect(target.querySelector('h1')).toBe(heading); // the same element, untouched
    expect(target.querySelector('p')?.textContent).toBe('First step and more.');
    expect(target.querySelector('.hljs-keyword')?.textContent).toBe('let');

    props.streaming = false;
    flushSync();
    expect(target.querySelector('.prose')?.innerHTML.replace(/<!--[^>]*-->/g, '')).toBe(render(props.text)); // less Svelte's anchors
    expect(target.querySelector('h1')).toBe(heading);
    unmount(view);
  });
});
