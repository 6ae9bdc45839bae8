// The streaming message in the page: finished blocks left alone in the
// DOM while the tail is rendered again, and the end equal to render().
// (The window changes a streaming text at most once per frame: lib/batch.)
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAll } from '../lib/render/lazy';
import { flushSync, mount, unmount } from 'svelte';
import Markdown from './Markdown.svelte';
import { render } from '../lib/markdown';

// The final output is with KaTeX and highlight.js loaded.
beforeAll(loadAll);

describe('Markdown while streaming', () => {
  it('shows each change of the text and keeps finished blocks in place', () => {
    const props = $state({ text: '# Plan\n\nFirst', streaming: true });
    const target = document.createElement('div');
    const view = mount(Markdown, { target, props });
    flushSync();
    const heading = target.querySelector('h1');
    expect(heading?.textContent).toBe('Plan');
    expect(target.querySelector('p')?.textContent).toBe('First');

    props.text += ' step and more.\n\n```js\nlet a = 1;\n```\n\nDone';
    flushSync();
    expect(target.querySelector('h1')).toBe(heading); // the same element, untouched
    expect(target.querySelector('p')?.textContent).toBe('First step and more.');
    expect(target.querySelector('.hljs-keyword')?.textContent).toBe('let');
    const code = target.querySelector('.code-block');

    props.text += ' now.';
    flushSync();
    expect(target.querySelector('.code-block')).toBe(code); // no longer the tail: left alone
    expect(target.querySelector('.prose')?.lastElementChild?.textContent).toBe('Done now.');

    props.streaming = false;
    flushSync();
    expect(target.querySelector('.prose')?.innerHTML.replace(/<!--[^>]*-->/g, '')).toBe(render(props.text)); // less Svelte's anchors
    expect(target.querySelector('h1')).toBe(heading);
    unmount(view);
  });
});
