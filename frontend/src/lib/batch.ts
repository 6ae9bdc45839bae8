// Deltas of a fast answer come hundreds a second (Go sends one every 2 ms),
// more than the screen shows: each one applied to the app's state on its
// own would make the page update its messages, and everything that reads
// them, at every event. A FrameBatch gathers them and hands them over
// together once per animation frame.

/** Schedule runs f soon, once; it returns a function that cancels it. */
export type Schedule = (f: () => void) => () => void;

/**
 * nextFrame runs f at the next animation frame, or after 100 ms if no frame
 * comes first (a hidden window gets no frames, and its answer must still
 * end).
 */
export const nextFrame: Schedule = (f) => {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    f();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, 100);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
};

/**
 * FrameBatch collects items and passes them to apply, in the order they
 * came, at most once per scheduled run; flush passes what is waiting at
 * once (before an event that must come after them).
 */
export class FrameBatch<T> {
  private items: T[] = [];
  private cancel: (() => void) | null = null;

  constructor(
    private readonly apply: (items: T[]) => void,
    private readonly schedule: Schedule = nextFrame,
  ) {}

  push(item: T): void {
    this.items.push(item);
    this.cancel ??= this.schedule(() => {
      this.cancel = null;
      this.flush();
    });
  }

  flush(): void {
    this.cancel?.();
    this.cancel = null;
    const items = this.items;
    if (!items.length) return;
    this.items = [];
    this.apply(items);
  }
}

/**
 * runs splits items into runs of neighbours with the same key, in order:
 * the deltas of one message that came together are applied to it at once.
 */
export function runs<T>(items: T[], key: (item: T) => string): T[][] {
  const out: T[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && key(last[0]) === key(item)) last.push(item);
    else out.push([item]);
  }
  return out;
}
