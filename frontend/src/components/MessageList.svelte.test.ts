// The virtualised message list in a page without layout (jsdom): rows are
// given a height, the scroller a size, and the list's ResizeObserver and
// animation frames are driven by hand. A long conversation opens at its end
// with only the rows near the screen in the page, and never renders its top
// on the way there.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import MessageList from './MessageList.svelte';
import { app } from '../lib/state.svelte';
import { fromStored, type StoredMessage } from '../lib/stream';
import { setupI18n } from '../lib/i18n';

setupI18n('en');

const rowHeight = 150;
const screen = 600;
const overscan = 1200; // MessageList's, in px

let frames: FrameRequestCallback[] = [];
let observed: Element[] = [];
let resized: ResizeObserverCallback[] = [];
let mounted: Record<string, unknown> | null = null;

beforeEach(() => {
  frames = [];
  observed = [];
  resized = [];
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => {});
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(f: ResizeObserverCallback) {
        resized.push(f);
      }
      observe(el: Element) {
        observed.push(el);
      }
      unobserve(el: Element) {
        observed = observed.filter((e) => e !== el);
      }
      disconnect() {}
    },
  );
  vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('row') ? rowHeight : 0;
  });
});

afterEach(() => {
  if (mounted) unmount(mounted);
  mounted = null;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const message = (i: number) =>
  fromStored({
    id: `m${i}`, conversationId: 'c1', role: i % 2 ? 'assistant' : 'user', content: `Message ${i}`, reasoning: '',
    status: 'done', model: 'm', lastSeq: 0, alternatives: [`m${i}`], inputTokens: 0, outputTokens: 0,
  } as unknown as StoredMessage);

/** nextFrame runs the frame's callbacks, after the rows' sizes were reported. */
function nextFrame(): void {
  const entries = observed.map((target) => ({ target }) as unknown as ResizeObserverEntry);
  resized.forEach((f) => f(entries, {} as ResizeObserver));
  const due = frames;
  frames = [];
  due.forEach((f) => f(performance.now()));
  flushSync();
}

const shownIds = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>('.vlist > .row')].map((r) => Number(r.dataset.id!.slice(1)));

describe('MessageList', () => {
  it('opens a long conversation at its end with only the rows near the screen, never its top', () => {
    app.messages = Array.from({ length: 50 }, (_, i) => message(i));
    app.pageFrom = 0;
    app.total = 50;
    const scroller = document.createElement('div');
    Object.defineProperty(scroller, 'clientHeight', { value: screen });
    document.body.append(scroller);
    const ever = new Set<number>();
    const noop = () => {};
    mounted = mount(MessageList, {
      target: scroller,
      props: { scroller, following: true, onOpenKey: noop, onEditProfile: noop, onPickModel: noop, onKeepWaiting: noop, onStop: noop },
    });
    flushSync();
    shownIds(scroller).forEach((i) => ever.add(i));
    for (let f = 0; f < 3; f++) {
      nextFrame();
      shownIds(scroller).forEach((i) => ever.add(i));
    }

    const shown = shownIds(scroller);
    expect(shown.at(-1)).toBe(49);
    // The screen and the overscan above it, and a row on either side at most.
    expect(shown.length).toBeLessThanOrEqual(Math.ceil((screen + overscan) / rowHeight) + 2);
    expect(shown.length).toBeGreaterThanOrEqual(Math.ceil(screen / rowHeight));
    // No row was rendered beyond what the end of the list needs, not even for a frame.
    expect(Math.min(...ever)).toBeGreaterThanOrEqual(50 - Math.ceil((screen + overscan) / rowHeight) - 2);
  });
});
