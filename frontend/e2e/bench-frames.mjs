// make bench, figure 4: frames in the real app (wails dev, live Go
// bindings) while a 50 KB markdown answer with a 20 KB code block streams
// at about 3,000 tokens/s (llmtest's `markdown-50k` model). It prints the
// gaps between animation frames and the time of each flush of the
// streaming answer (render and DOM update, Markdown.svelte), and sets the
// figures beside their budgets. A measurement, not a test: nothing here
// fails on a time.
//
//   E2E_ENGINE=webkit E2E_FILES=e2e/bench-frames.mjs scripts/e2e.sh
//
// FRAMES_ROUNDS=n answers n times (3); FRAMES_DEBUG=1 lists the long gaps
// and some flushes. In Chromium, FRAMES_PROFILE=1 prints the script's CPU
// profile by function (file:line:column of the built bundle), and
// FRAMES_TRACE=1 traces the answer and prints the page's main-thread CPU
// time by kind of work, over the answer and within each gap over 50 ms
// (tracing slows the page: read its shares, not its frame figures).
// FRAMES_CALLBACKS=1, in either engine, prints the page's script time by
// callback (see timeCallbacks).
import { readdirSync, readFileSync } from 'node:fs';
import { launch, engine } from './driver.mjs';

const APP = process.env.PARLEY_URL ?? 'http://127.0.0.1:34115';
const FAKE = process.env.LLMTEST_URL;
const KEY = process.env.E2E_KEY;
const ROUNDS = Number(process.env.FRAMES_ROUNDS ?? 3);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))] ?? NaN;
};
const median = (xs) => pct(xs, 0.5);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

// breakdown prints, from a Chromium trace of one answer, where the page's
// main thread spent the long gaps between animation frames (FRAMES_TRACE=1):
// the self time of each kind of trace event within gaps over 50 ms, and
// over the whole answer.
function breakdown(trace) {
  const events = trace.traceEvents ?? trace;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' &&
    events.some((f) => f.pid === e.pid && f.tid === e.tid && f.name === 'FireAnimationFrame'));
  if (!main) return console.log('  trace: no renderer main thread');
  const mine = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur >= 0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const frames = mine.filter((e) => e.name === 'FireAnimationFrame').map((e) => e.ts);
  const gaps = [];
  for (let i = 1; i < frames.length; i++) if (frames[i] - frames[i - 1] > 50_000) gaps.push([frames[i - 1], frames[i]]);
  // Self time: an event's duration less that of the events nested in it.
  // CPU time (tdur) where the trace has it: on a loaded machine the wall
  // time of a task includes the time the thread waited for a core.
  const cpu = (e) => e.tdur ?? e.dur;
  const self = mine.map((e) => ({ e, self: cpu(e) }));
  const stack = [];
  let busy = 0;
  for (const s of self) {
    while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur <= s.e.ts) stack.pop();
    if (stack.length) stack[stack.length - 1].self -= cpu(s.e);
    else busy += cpu(s.e);
    stack.push(s);
  }
  const sum = (from, to) => {
    const by = new Map();
    for (const s of self) {
      if (s.e.ts < from || s.e.ts >= to) continue;
      const k = s.e.name === 'FunctionCall' || s.e.name === 'EventDispatch' ? `${s.e.name} ${s.e.args?.data?.type ?? s.e.args?.data?.functionName ?? ''}` : s.e.name;
      by.set(k, (by.get(k) ?? 0) + s.self / 1000);
    }
    return [...by].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ');
  };
  const span = (frames[frames.length - 1] - frames[0]) / 1e6;
  console.log(`  trace: main thread busy ${(busy / 1000).toFixed(0)} ms of CPU in ${span.toFixed(1)} s; ${frames.length} frames, ${gaps.length} gaps over 50 ms; whole answer (CPU ms): ${sum(-Infinity, Infinity)}`);
  for (const [a, b] of gaps.slice(0, 12)) console.log(`  gap at ${((a - frames[0]) / 1000).toFixed(0)} ms, ${((b - a) / 1000).toFixed(0)} ms: ${sum(a, b)}`);
}

// timeCallbacks, run in the page, times every callback the page's script
// hands the engine from then on (animation frames, microtasks, timers,
// observers, event listeners) by the first characters of its source
// (FRAMES_CALLBACKS=1): script time by what runs it, in either engine.
// Svelte's updates run in its microtasks; a layout that a callback forces
// counts in that callback.
function timeCallbacks() {
  const stats = (window.__callbacks = new Map());
  const timed = (kind, f) => {
    if (typeof f !== 'function') return f;
    const key = `${kind} ${String(f).slice(0, 70).replace(/\s+/g, ' ')}`;
    return function (...args) {
      const t = performance.now();
      try {
        return f.apply(this, args);
      } finally {
        const s = stats.get(key) ?? [0, 0];
        s[0]++;
        s[1] += performance.now() - t;
        stats.set(key, s);
      }
    };
  };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (f) => raf(timed('frame', f));
  const micro = window.queueMicrotask.bind(window);
  window.queueMicrotask = (f) => micro(timed('microtask', f));
  const timeout = window.setTimeout.bind(window);
  window.setTimeout = (f, ms, ...args) => timeout(timed('timeout', f), ms, ...args);
  for (const name of ['MutationObserver', 'ResizeObserver']) {
    const Observer = window[name];
    window[name] = class extends Observer {
      constructor(f) {
        super(timed(name, f));
      }
    };
  }
  const wrapped = new WeakMap();
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, f, o) {
    if (typeof f === 'function' && !wrapped.has(f)) wrapped.set(f, timed(`event ${type}`, f));
    return add.call(this, type, wrapped.get(f) ?? f, o);
  };
  EventTarget.prototype.removeEventListener = function (type, f, o) {
    return remove.call(this, type, wrapped.get(f) ?? f, o);
  };
}

// browserCPU is the CPU time (s) each process of the browser this bench
// started (its descendants) has used, by process name: a figure that the
// machine's load does not stretch, unlike the wall times of frames.
// FRAMES_THREADS=1 adds each process's threads, by name ("process/thread").
function browserCPU(threads = Boolean(process.env.FRAMES_THREADS)) {
  const procs = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.set(Number(d), { name, ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / 100 });
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid) => {
    for (let p = procs.get(pid); p; p = procs.get(p.ppid)) if (p.ppid === process.pid) return true;
    return false;
  };
  const by = {};
  for (const [pid, p] of procs) {
    if (!mine(pid)) continue;
    by[p.name] = (by[p.name] ?? 0) + p.cpu;
    if (!threads) continue;
    for (const t of readdirSync(`/proc/${pid}/task`)) {
      try {
        const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const k = `${p.name}/${stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))}`;
        by[k] = (by[k] ?? 0) + (Number(f[11]) + Number(f[12])) / 100;
      } catch {
        // gone meanwhile
      }
    }
  }
  return by;
}

// Parley's window draws its page without compositing (main.go: the GPU
// policy "never"), and so does the e2e harness' WebKitGTK (webkit.mjs);
// FRAMES_COMPOSITED=1 measures the browser's default, compositing in GL
// layers, which with no GPU is llvmpipe.
if (process.env.FRAMES_COMPOSITED) process.env.E2E_WEBKIT_COMPOSITED = '1';

const { page, close } = await launch({ viewport: { width: 1200, height: 800 } });
try {
  await page.addInitScript(() => {
    window.__parleyFlushes = [];
    window.__parleyRefreshes = [];
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.goto(APP);
  await page.locator('aside').waitFor();
  const first = page.getByRole('button', { name: 'Add your first provider' });
  if (await first.isVisible()) await first.click();
  else await page.getByRole('button', { name: '+ Add provider' }).click();
  await page.locator('#preset').selectOption('custom');
  await page.locator('#name').fill('Frames fake');
  await page.locator('#base-url').fill(FAKE);
  await page.locator('#model').fill('markdown-50k');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.locator('#key-input').fill(KEY);
  await page.getByRole('button', { name: 'Save key' }).click();
  await page.getByText('Key saved', { exact: true }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('header.bar h1').filter({ hasText: 'Frames fake' }).waitFor();
  // The time the page spends taking Go's events (the Wails runtime's
  // dispatch and Parley's listeners), however it delivers them.
  await page.evaluate(() => {
    const notify = window.wails.EventsNotify;
    window.__events = { n: 0, ms: 0 };
    window.wails.EventsNotify = (m) => {
      const t = performance.now();
      try {
        return notify(m);
      } finally {
        window.__events.n++;
        window.__events.ms += performance.now() - t;
      }
    };
  });

  if (process.env.FRAMES_CALLBACKS) await page.evaluate(timeCallbacks);
  const rounds = [];
  for (let r = 0; r < ROUNDS; r++) {
    await page.keyboard.press('Control+n');
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.fill('Write the long answer.');
    const done = page.locator('[data-testid="message-assistant"][data-status="done"]');
    const before = await done.count();
    await page.evaluate(() => {
      window.__parleyFlushes.length = 0;
      window.__parleyRefreshes.length = 0;
      window.__events = { n: 0, ms: 0 };
      window.__callbacks?.clear();
    });
    const start = await page.evaluate(() => performance.now());
    const cpu0 = browserCPU();
    const cdp = process.env.FRAMES_PROFILE && engine === 'chromium' ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const tracing = process.env.FRAMES_TRACE && engine === 'chromium';
    if (tracing) {
      await page.context().browser().startTracing(page, {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'toplevel', 'disabled-by-default-v8.gc'],
      });
    }
    await box.press('Enter');
    await done.nth(before).waitFor({ timeout: 120_000 });
    if (tracing) breakdown(JSON.parse((await page.context().browser().stopTracing()).toString()));
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map();
      const dt = (profile.endTime - profile.startTime) / profile.samples.length / 1000;
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      for (const id of profile.samples) {
        const f = byId.get(id).callFrame;
        const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
        self.set(k, (self.get(k) ?? 0) + dt);
      }
      console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `  ${v.toFixed(0)} ms ${k}`).join('\n'));
    }
    const m = await page.evaluate((start) => {
      const frames = window.__frames.filter((t) => t >= start);
      return { frames, flushes: window.__parleyFlushes.slice(), refreshes: window.__parleyRefreshes.slice(), events: { ...window.__events }, end: performance.now() };
    }, start);
    const cpu1 = browserCPU();
    const cpu = Object.entries(cpu1).map(([k, v]) => [k, v - (cpu0[k] ?? 0)]).filter(([, v]) => v >= 0.05).sort((a, b) => b[1] - a[1]);
    if (process.env.FRAMES_CALLBACKS) {
      // The bench's own frame counter is left out.
      const cb = await page.evaluate(() => [...window.__callbacks].filter(([k]) => !k.includes('__frames')).sort((a, b) => b[1][1] - a[1][1]));
      console.log(`  callbacks: ${cb.reduce((a, [, [, ms]]) => a + ms, 0).toFixed(0)} ms of script in all; the longest:\n` +
        cb.slice(0, 12).map(([k, [n, ms]]) => `    ${ms.toFixed(0)} ms in ${n}: ${k}`).join('\n'));
    }
    if (process.env.FRAMES_DEBUG) {
      const long = [];
      for (let i = 1; i < m.frames.length; i++) {
        const g = m.frames[i] - m.frames[i - 1];
        if (g > 50) long.push(`${(m.frames[i - 1] - start).toFixed(0)}+${g.toFixed(0)}`);
      }
      console.log(`  long gaps (at ms + gap): ${long.join(' ')}`);
      console.log(`  scripts loaded: ${await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name.split('/').pop()).filter((n) => /hljs|worker/.test(n)).join(' '))}`);
      console.log(`  flushes (length:ms): ${m.flushes.filter((_, i) => i % 10 === 0).map(([l, t]) => `${l}:${t.toFixed(1)}`).join(' ')}`);
      console.log(`  flushes over 20 ms (length:ms): ${m.flushes.filter(([, t]) => t > 20).map(([l, t]) => `${l}:${t.toFixed(0)}`).join(' ')}`);
    }
    // The stream: from the first flush to the last frame before the end.
    const gaps = [];
    for (let i = 1; i < m.frames.length; i++) gaps.push(m.frames[i] - m.frames[i - 1]);
    // The three longest gaps, each with the length of the text when it ended
    // (the last flush before it): the close of the code fence is at ~35 KB.
    const longest = gaps.map((g, i) => [g, m.frames[i + 1]]).sort((a, b) => b[0] - a[0]).slice(0, 3)
      .map(([g, end]) => `${g.toFixed(0)} ms at ${((m.flushes.filter((fl) => fl[2] < end).pop()?.[0] ?? 0) / 1000).toFixed(1)} KB`);
    const small = m.flushes.filter(([len]) => len <= 2048).map(([, ms]) => ms);
    const large = m.flushes.filter(([len]) => len >= 45_000).map(([, ms]) => ms);
    const length = m.flushes.length ? m.flushes[m.flushes.length - 1][0] : 0;
    // The gap in which the highlighted code block landed: the close of its
    // fence (and, off the main thread, the worker's answer).
    const litFlush = m.flushes.find((fl) => fl[3]);
    const lit = litFlush?.[2];
    const litGap = lit === undefined ? NaN : gaps[m.frames.findIndex((t) => t > lit) - 1] ?? NaN;
    rounds.push({
      litGap,
      litFlush: litFlush?.[1],
      refreshes: m.refreshes.map((ms) => ms.toFixed(0)).join(' '),
      maxGap: Math.max(...gaps),
      under20: gaps.filter((g) => g < 20).length / gaps.length,
      p95: pct(gaps, 0.95),
      flushes: m.flushes.length,
      small: median(small),
      large: median(large),
      smallMean: mean(small),
      largeMean: mean(large),
      smallAll: small,
      largeAll: large,
      seconds: (m.end - start) / 1000,
      events: m.events.n,
      eventMs: m.events.ms,
      flushMs: m.flushes.reduce((a, [, ms]) => a + ms, 0),
      tokensPerS: length / 4 / ((m.end - start) / 1000),
      cpu,
      longest,
    });
  }
  const med = (k) => median(rounds.map((r) => r[k]));
  const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  console.log(`frames in ${engine}, ${ROUNDS} answers of 50 KB (medians of the answers):`);
  for (const r of rounds) {
    console.log(`  answer: ${f(r.seconds, 2)} s (~${f(r.tokensPerS, 0)} tokens/s), ${r.flushes} flushes, longest gaps ${r.longest.join(', ')}, the code block's ${f(r.litGap, 0)} ms (its flush ${f(r.litFlush, 0)} ms, refreshes ${r.refreshes}), ` +
      `${f(100 * r.under20, 1)}% of frames under 20 ms, flush ${f(r.small, 2)} ms at ≤2 KB, ${f(r.large, 2)} ms at ≥45 KB (means ${f(r.smallMean, 2)}, ${f(r.largeMean, 2)}); ` +
      `${r.events} events taken in ${f(r.eventMs, 0)} ms, flushes ${f(r.flushMs, 0)} ms in all; ` +
      `browser CPU ${r.cpu.map(([k, v]) => `${k} ${f(v, 2)} s`).join(', ')}`);
  }
  const verdict = (ok) => (ok ? 'met' : 'MISSED');
  console.log(`  longest gap between frames: ${f(med('maxGap'))} ms (budget ≤ 50 ms: ${verdict(med('maxGap') <= 50)})`);
  console.log(`  the gap in which the highlighted code block landed: ${f(med('litGap'))} ms`);
  console.log(`  frames under 20 ms: ${f(100 * med('under20'), 1)}% (budget ≥ 95%: ${verdict(med('under20') >= 0.95)}); 95th percentile ${f(med('p95'))} ms`);
  // Means of all the answers' flushes: WebKit's clock counts whole
  // milliseconds, so a median of 1-2 ms flushes is 1 or 2, and its ratio
  // 0.5× or 2× by chance; the mean of many is not.
  const all = (k) => mean(rounds.flatMap((r) => r[k]));
  const ratio = all('largeAll') / all('smallAll');
  console.log(`  flush at 50 KB ${f(all('largeAll'), 2)} ms vs at 1 KB ${f(all('smallAll'), 2)} ms (means; medians ${f(med('large'), 2)} and ${f(med('small'), 2)}): ` +
    `${f(ratio, 2)}× (budget ≤ 1.5×: ${verdict(ratio <= 1.5)})`);
} finally {
  await close();
}
