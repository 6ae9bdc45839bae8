import { describe, expect, it } from 'vitest';
import { FrameBatch, runs, type Schedule } from './batch';

/** A schedule the test runs by hand: run() is the next frame. */
function manual() {
  let pending: (() => void) | null = null;
  let scheduled = 0;
  const schedule: Schedule = (f) => {
    scheduled++;
    pending = f;
    return () => {
      if (pending === f) pending = null;
    };
  };
  return {
    schedule,
    scheduled: () => scheduled,
    run: () => {
      const f = pending;
      pending = null;
      f?.();
    },
  };
}

describe('FrameBatch', () => {
  it('hands over everything that came before the frame, in order, in one call', () => {
    const s = manual();
    const got: number[][] = [];
    const b = new FrameBatch<number>((xs) => got.push(xs), s.schedule);
    for (let i = 1; i <= 5; i++) b.push(i);
    expect(got).toEqual([]);
    expect(s.scheduled()).toBe(1);
    s.run();
    expect(got).toEqual([[1, 2, 3, 4, 5]]);
    b.push(6);
    s.run();
    expect(got).toEqual([[1, 2, 3, 4, 5], [6]]);
    expect(s.scheduled()).toBe(2);
  });

  it('flush hands over what waits at once, and the frame then has nothing to do', () => {
    const s = manual();
    const got: string[][] = [];
    const b = new FrameBatch<string>((xs) => got.push(xs), s.schedule);
    b.push('a');
    b.push('b');
    b.flush();
    expect(got).toEqual([['a', 'b']]);
    s.run();
    b.flush();
    expect(got).toEqual([['a', 'b']]);
    b.push('c');
    s.run();
    expect(got).toEqual([['a', 'b'], ['c']]);
  });

  it('an item pushed while the batch is applied waits for the next frame', () => {
    const s = manual();
    const got: number[][] = [];
    const b = new FrameBatch<number>((xs) => {
      got.push(xs);
      if (xs[0] === 1) b.push(2);
    }, s.schedule);
    b.push(1);
    s.run();
    expect(got).toEqual([[1]]);
    s.run();
    expect(got).toEqual([[1], [2]]);
  });
});

describe('runs', () => {
  it('groups neighbours with the same key, keeping the order', () => {
    const key = (x: { id: string }) => x.id;
    const xs = [{ id: 'a', n: 1 }, { id: 'a', n: 2 }, { id: 'b', n: 3 }, { id: 'a', n: 4 }];
    expect(runs(xs, key).map((r) => r.map((x) => x.n))).toEqual([[1, 2], [3], [4]]);
    expect(runs([], key)).toEqual([]);
  });
});
