// WebKitGTK for the e2e tests: W3C WebDriver (HTTP) to WebKitWebDriver,
// which runs a WebKitGTK browser in automation mode, behind the subset of
// Playwright's Page and Locator API the tests use:
//   page: goto reload evaluate waitForFunction waitForTimeout screenshot
//         setViewportSize addInitScript on('pageerror'|'console'|'request')
//         context().grantPermissions (does nothing: see context)
//         keyboard.press keyboard.type mouse.wheel, and the locator makers below;
//   locator: locator(css, {hasText}) getByRole getByText getByTestId getByLabel
//         filter({hasText, has}) first last nth count waitFor({state, timeout})
//         click hover fill press type selectOption check uncheck setChecked
//         focus innerText allInnerTexts textContent inputValue getAttribute
//         isVisible isEnabled isChecked evaluate boundingBox.
// Not there, for want of a WebDriver equivalent: emulateMedia, route, request
// interception; launch's locale and colorScheme go to the browser's
// environment (LANG, GTK_THEME), and launch fails when the locale did not take.
// Actions wait as Playwright's do (attached, visible, enabled, not moving;
// one element only) and clicks, hovers and keys are real input events of the
// engine. What WebDriver cannot see is approximated, and said so:
//   - addInitScript runs when the driver first meets a new document, just
//     after it loaded, not before the page's own scripts;
//   - page errors and console errors are the ones after that moment;
//   - 'request' reports the URLs Resource Timing lists for the document (all
//     of them, from its start) and those its Content-Security-Policy refused:
//     a request that failed without being refused is not seen.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { installPage } from './webkit-page.mjs';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const TIMEOUT = 30_000;
// WebDriver errors that pass once the page has settled (between documents,
// an element replaced or covered for a moment); a page script's own error
// (code 'page', as a strict mode violation) fails at once.
const RETRY = new Set(['javascript error', 'no such frame', 'stale element reference', 'element click intercepted', 'element not interactable', 'no such element']);

/** browsers are the WebKitGTK automation routes WebKitWebDriver can drive. */
const browsers = {
  // WebKitGTK's own test browser: the same libwebkit2gtk-4.1 as Parley's window, nothing else.
  minibrowser: () => ({ browserName: 'MiniBrowser', binary: miniBrowser(), args: ['--automation'] }),
  // GNOME Web. Epiphany 43 (Debian 12) aborts in about one start of three
  // while opening its first automated tab (an assertion in
  // ephy-embed-container.c), so a new session is tried several times.
  epiphany: () => ({ browserName: 'Epiphany', binary: '/usr/bin/epiphany', args: ['--automation-mode'] }),
};

function miniBrowser() {
  for (const arch of readdirSync('/usr/lib')) {
    const path = `/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`;
    if (existsSync(path)) return path;
  }
  throw new Error('MiniBrowser not found: install libwebkit2gtk-4.1-0');
}

/** browserEnv gives the browser a language (navigator.language) and a light or dark preference. */
function browserEnv({ locale, colorScheme }) {
  const env = {};
  if (locale) Object.assign(env, { LANGUAGE: locale.replace('-', '_'), LANG: `${locale.replace('-', '_')}.UTF-8` });
  if (colorScheme) env.GTK_THEME = colorScheme === 'dark' ? 'Adwaita:dark' : 'Adwaita';
  return env;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** launchWebKit starts WebKitWebDriver and a browser session; see launch in driver.mjs. */
export async function launchWebKit({ viewport, locale, colorScheme }) {
  const port = await freePort();
  // The web process sandbox (bubblewrap) needs user namespaces, which CI
  // containers may not give: it is off for this browser only (the variable
  // reaches WebKitWebDriver and what it starts, nothing else).
  const env = { ...process.env, ...browserEnv({ locale, colorScheme }), WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS: '1' };
  // The page is drawn as Parley's window draws it: without compositing
  // (main.go sets WebKitGTK's GPU policy "never"), where MiniBrowser would
  // composite in GL layers (llvmpipe, with no GPU). E2E_WEBKIT_COMPOSITED=1
  // runs the browser's default instead.
  if (process.env.E2E_WEBKIT_COMPOSITED === '1') delete env.WEBKIT_DISABLE_COMPOSITING_MODE;
  else env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
  const driver = spawn('WebKitWebDriver', [`--port=${port}`, '--host=127.0.0.1'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group, with the browser it starts
  });
  let log = '';
  driver.stderr.on('data', (d) => (log = (log + d).slice(-4000)));
  // The whole group: Epiphany outlives its session and WebKitWebDriver.
  const stop = () => {
    try {
      process.kill(-driver.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  const route = browsers[process.env.E2E_WEBKIT_BROWSER ?? 'minibrowser'];
  if (!route) throw new Error(`E2E_WEBKIT_BROWSER=${process.env.E2E_WEBKIT_BROWSER}: use ${Object.keys(browsers)}`);
  const { browserName, binary, args } = route();
  const caps = { capabilities: { alwaysMatch: { browserName, 'webkitgtk:browserOptions': { binary, args } } } };
  let session;
  for (let attempt = 1; !session; attempt++) {
    try {
      session = (await call(base, 'POST', '/session', caps)).sessionId;
    } catch (err) {
      if (attempt >= 20 || (err.code !== 'ECONNREFUSED' && attempt >= 8)) {
        stop();
        throw new Error(`WebKitWebDriver: ${err.message}\n${log}`);
      }
      await sleep(250);
    }
  }
  const page = guard(new WkPage(`${base}/session/${session}`));
  await page.setViewportSize(viewport);
  const language = await page.evaluate(() => navigator.language);
  if (locale && language !== locale) {
    stop();
    throw new Error(`launch: WebKitGTK reports language ${language}, not ${locale} (is the ${locale.replace('-', '_')}.UTF-8 locale installed?)`);
  }
  const close = async () => {
    await call(page.url_, 'DELETE', '', undefined, 5000).catch(() => {});
    stop();
  };
  return { page, close };
}

/** call makes one WebDriver request and returns its value, or throws its error. */
async function call(base, method, path, body, timeout) {
  let res;
  try {
    const signal = timeout ? AbortSignal.timeout(timeout) : undefined;
    res = await fetch(base + path, { method, body: body && JSON.stringify(body), headers: { 'content-type': 'application/json' }, signal });
  } catch (err) {
    throw Object.assign(new Error(`${method} ${path}: ${err.cause?.message ?? err.message}`), { code: err.cause?.code });
  }
  const json = await res.json();
  if (json.value?.error) throw Object.assign(new Error(`${method} ${path}: ${json.value.error}: ${json.value.message}`), { code: json.value.error });
  return json.value;
}

/** guard makes a call the driver does not implement throw, naming it. */
function guard(obj) {
  return new Proxy(obj, {
    get(target, prop, recv) {
      if (typeof prop === 'string' && prop !== 'then' && !(prop in target) && /^[a-z][A-Za-z]+$/.test(prop)) {
        throw new Error(`${target.constructor.name}.${prop} is not implemented by the WebKit driver (frontend/e2e/webkit.mjs)`);
      }
      return Reflect.get(target, prop, recv);
    },
  });
}

/** text is how a string or RegExp travels to the page. */
const text = (t) => (t instanceof RegExp ? { re: t.source, flags: t.flags } : String(t));

/** Keys: Playwright's key names as WebDriver code points. */
const KEYS = {
  Enter: '\uE007', Escape: '\uE00C', Tab: '\uE004', Backspace: '\uE003', Delete: '\uE017', Space: ' ',
  Shift: '\uE008', Control: '\uE009', Alt: '\uE00A', Meta: '\uE03D',
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015',
  Home: '\uE011', End: '\uE010', PageUp: '\uE00E', PageDown: '\uE00F', F1: '\uE031',
};
function keyActions(combo) {
  const keys = combo.split(/\+(?=.)/).map((k) => KEYS[k] ?? (k.length === 1 ? k : null));
  if (keys.includes(null)) throw new Error(`keyboard.press: unknown key in ${combo}`);
  return [...keys.map((value) => ({ type: 'keyDown', value })), ...keys.reverse().map((value) => ({ type: 'keyUp', value }))];
}

class WkPage {
  constructor(url) {
    this.url_ = url;
    this.listeners = { pageerror: [], console: [], request: [] };
    this.initScripts = [];
    // The wheel turns over the element last hovered, or the middle of the
    // page. WebKitGTK's WebDriver takes wheel actions but does not scroll
    // with them, so this scrolls what is under that point from a script.
    this.pointer = null;
    this.mouse = {
      wheel: async (deltaX, deltaY) => {
        await this.exec((at, dx, dy) => {
          let el = document.elementFromPoint(at?.x ?? innerWidth / 2, at?.y ?? innerHeight / 2);
          const scrolls = (e) => /(auto|scroll)/.test(getComputedStyle(e).overflowY + getComputedStyle(e).overflowX) && (e.scrollHeight > e.clientHeight || e.scrollWidth > e.clientWidth);
          while (el && el !== document.documentElement && !scrolls(el)) el = el.parentElement;
          (el && el !== document.documentElement ? el : document.scrollingElement).scrollBy(dx, dy);
        }, this.pointer, deltaX, deltaY);
        await this.settle();
      },
    };
    this.keyboard = {
      press: (combo) => this.actions([{ type: 'key', id: 'keyboard', actions: keyActions(combo) }]),
      type: (s) => this.actions([{ type: 'key', id: 'keyboard', actions: [...s].flatMap((c) => [{ type: 'keyDown', value: c }, { type: 'keyUp', value: c }]) }]),
    };
  }

  wd(method, path, body) {
    return call(this.url_, method, path, body);
  }

  /** actions sends input events, then waits for the page to draw what they changed. */
  async actions(actions) {
    await this.wd('POST', '/actions', { actions });
    await this.wd('DELETE', '/actions');
    await this.settle();
  }

  settle() {
    return this.exec(() => window.__e2e.settle()).catch(() => {}); // a key may have started a navigation
  }

  /**
   * exec runs fn(...args) in the page, the page part installed first (and
   * the init scripts, in a new document), and hands out what the page reported.
   */
  async exec(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      if ((${installPage})()) { ${this.initScripts.map((s) => `try { (${s})(); } catch (e) { console.error(e); }`).join('\n')} }
      Promise.resolve().then(() => (${fn})(...arguments[0]))
        .then((v) => done({ v, u: v === undefined, events: window.__e2e.drain() }),
              (e) => done({ err: String(e && e.stack || e), events: window.__e2e.drain() }));`;
    const r = await this.wd('POST', '/execute/async', { script, args: [args] });
    for (const e of r.events ?? []) {
      const wrap = e.type === 'request' ? { url: () => e.url } : e.type === 'console' ? { type: () => e.kind, text: () => e.text } : Object.assign(new Error(e.message), { stack: e.stack });
      for (const l of this.listeners[e.type]) l(wrap);
    }
    if (r.err) throw Object.assign(new Error(`in the page: ${r.err}`), { code: 'page' });
    return r.u ? undefined : r.v;
  }

  /** poll calls probe until it returns {done: true, value}, or throws after timeout ms. */
  async poll(what, probe, timeout = TIMEOUT) {
    const end = Date.now() + timeout;
    let delay = 0;
    let why = '';
    for (;;) {
      try {
        const r = await probe();
        if (r.done) return r.value;
        why = r.why ?? why;
      } catch (err) {
        if (!RETRY.has(err.code)) throw err;
        why = err.message;
      }
      if (Date.now() > end) throw new Error(`${what}: timed out after ${timeout} ms${why ? ` (${why})` : ''}`);
      await sleep(delay);
      delay = Math.min(delay ? delay * 2 : 20, 100);
    }
  }

  /**
   * context stands for Playwright's BrowserContext: WebDriver has no
   * permissions to grant, so grantPermissions does nothing and the page has
   * what WebKitGTK gives any page (a clipboard only from a user's gesture).
   */
  context() {
    return { grantPermissions: async () => {} };
  }

  on(type, fn) {
    if (!this.listeners[type]) throw new Error(`page.on('${type}') is not implemented by the WebKit driver`);
    this.listeners[type].push(fn);
  }

  addInitScript(fn) {
    this.initScripts.push(String(fn));
  }

  async goto(url) {
    await this.exec(() => 0).catch(() => {}); // the events of the page being left
    await this.wd('POST', '/url', { url });
    await this.exec(() => 0);
  }

  async reload() {
    await this.exec(() => 0);
    await this.wd('POST', '/refresh', {});
    await this.exec(() => 0);
  }

  evaluate(fn, arg) {
    return this.exec(fn, arg);
  }

  waitForFunction(fn, arg, { timeout } = {}) {
    return this.poll(`waitForFunction ${String(fn).slice(0, 80)}`, async () => {
      const v = await this.exec(fn, arg);
      return { done: !!v, value: v };
    }, timeout);
  }

  waitForTimeout(ms) {
    return sleep(ms);
  }

  /**
   * screenshot is WebKit's own picture of the web view, as drawn. WebKitGTK
   * takes it after the next frame the web process draws, which without
   * compositing comes only when something on the page changed: the page
   * repaints a transparent pixel (window.__e2e.repaint) meanwhile.
   */
  async screenshot({ path } = {}) {
    await this.exec(() => window.__e2e.repaint(true));
    let data;
    try {
      data = await call(this.url_, 'GET', '/screenshot', undefined, TIMEOUT);
    } finally {
      await this.exec(() => window.__e2e.repaint(false)).catch(() => {}); // a new document has none
    }
    const png = Buffer.from(data, 'base64');
    if (path) writeFileSync(path, png);
    return png;
  }

  /**
   * setViewportSize sizes the window so that its web view has this size.
   * The page learns of a new window size a little later (more so on a
   * loaded machine, without compositing): each try waits up to 2 s for it.
   */
  async setViewportSize({ width, height }) {
    const inner = () => this.exec(() => ({ w: innerWidth, h: innerHeight }));
    for (let i = 0; i < 3; i++) {
      let now = await inner();
      if (now.w === width && now.h === height) return;
      const rect = await this.wd('GET', '/window/rect');
      await this.wd('POST', '/window/rect', { width: rect.width + width - now.w, height: rect.height + height - now.h });
      for (let j = 0; j < 20; j++) {
        const was = now;
        now = await inner();
        if (now.w !== was.w || now.h !== was.h) break;
        await sleep(100);
      }
    }
    const last = await inner();
    if (last.w === width && last.h === height) return;
    throw new Error(`setViewportSize: the window did not take ${width}x${height} (its page is ${last.w}x${last.h})`);
  }

  locator(sel, opts) {
    return new WkLocator(this, []).locator(sel, opts);
  }
  getByRole(role, opts) {
    return new WkLocator(this, []).getByRole(role, opts);
  }
  getByText(t, opts) {
    return new WkLocator(this, []).getByText(t, opts);
  }
  getByTestId(id) {
    return new WkLocator(this, []).getByTestId(id);
  }
  getByLabel(t, opts) {
    return new WkLocator(this, []).getByLabel(t, opts);
  }
}

class WkLocator {
  constructor(page, steps) {
    this.page = page;
    this.steps = steps;
  }

  step(step) {
    return guard(new WkLocator(this.page, [...this.steps, step]));
  }
  locator(sel, { hasText, ...rest } = {}) {
    if (Object.keys(rest).length) throw new Error(`locator: only the hasText option is implemented by the WebKit driver`);
    const l = this.step({ k: 'css', sel });
    return hasText === undefined ? l : l.filter({ hasText });
  }
  getByRole(role, { name, exact = false } = {}) {
    return this.step({ k: 'role', role, name: name === undefined ? undefined : text(name), exact });
  }
  getByText(t, { exact = false } = {}) {
    return this.step({ k: 'text', text: text(t), exact });
  }
  getByTestId(id) {
    return this.step({ k: 'testid', id });
  }
  getByLabel(t, { exact = false } = {}) {
    return this.step({ k: 'label', text: text(t), exact });
  }
  filter({ hasText, has, ...rest }) {
    if (Object.keys(rest).length) throw new Error(`filter: only hasText and has are implemented by the WebKit driver`);
    let l = this;
    if (hasText !== undefined) l = l.step({ k: 'filter', text: text(hasText) });
    if (has !== undefined) l = l.step({ k: 'has', steps: has.steps });
    return l;
  }
  first() {
    return this.nth(0);
  }
  last() {
    return this.nth(-1);
  }
  nth(i) {
    return this.step({ k: 'nth', i });
  }

  get what() {
    return `locator ${JSON.stringify(this.steps)}`;
  }

  /** act waits until the element is ready as need says, then does op to it in the page. */
  act(op, arg = {}, timeout) {
    return this.page.poll(`${op} on ${this.what}`, async () => {
      const r = await this.page.exec((steps, op, arg) => window.__e2e.act(steps, op, arg, true), this.steps, op, arg);
      return r.wait ? { why: r.wait } : { done: true, value: r.value };
    }, timeout);
  }

  state() {
    return this.page.exec((steps) => window.__e2e.state(steps), this.steps);
  }

  async count() {
    return (await this.state()).count;
  }
  async isVisible() {
    return (await this.state()).visible;
  }

  waitFor({ state = 'visible', timeout } = {}) {
    const ok = { visible: (s) => s.visible, attached: (s) => s.count > 0, detached: (s) => s.count === 0, hidden: (s) => !s.visible }[state];
    return this.page.poll(`waitFor ${state} ${this.what}`, async () => {
      const s = await this.state();
      if (s.count > 1 && state !== 'detached' && state !== 'hidden') throw new Error(`strict mode violation: ${this.what} resolved to ${s.count} elements`);
      return { done: ok(s), why: `${s.count} found, visible: ${s.visible}` };
    }, timeout);
  }

  /** withElement runs fn with the element's WebDriver reference, retrying while it is covered or replaced. */
  withElement(what, need, fn, { timeout } = {}) {
    return this.page.poll(`${what} ${this.what}`, async () => {
      const r = await this.page.exec((steps, arg) => window.__e2e.act(steps, 'element', arg, true), this.steps, { need });
      if (r.wait) return { why: r.wait };
      return { done: true, value: await fn(r.value[ELEMENT]) };
    }, timeout);
  }

  async click(opts) {
    await this.withElement('click', { visible: true, enabled: true, stable: true }, (id) => this.page.wd('POST', `/element/${id}/click`, {}), opts);
    await this.page.settle();
  }
  async hover(opts) {
    const move = (id) => this.page.actions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [{ type: 'pointerMove', origin: { [ELEMENT]: id }, x: 0, y: 0 }] }]);
    await this.withElement('hover', { visible: true, stable: true }, move, opts);
    const box = await this.boundingBox(opts);
    this.page.pointer = { x: Math.floor(box.x + box.width / 2), y: Math.floor(box.y + box.height / 2) };
  }
  fill(value, opts) {
    return this.act('fill', { value: String(value), need: { visible: true, enabled: true } }, opts?.timeout);
  }
  selectOption(value, opts) {
    return this.act('select', { value, need: { visible: true, enabled: true } }, opts?.timeout);
  }
  focus(opts) {
    return this.act('focus', {}, opts?.timeout);
  }
  async press(combo, opts) {
    await this.focus(opts);
    await this.page.keyboard.press(combo);
  }
  async type(s, opts) {
    await this.focus(opts);
    await this.page.keyboard.type(s);
  }
  innerText(opts) {
    return this.act('innerText', {}, opts?.timeout);
  }
  textContent(opts) {
    return this.act('textContent', {}, opts?.timeout);
  }
  inputValue(opts) {
    return this.act('inputValue', {}, opts?.timeout);
  }
  getAttribute(name, opts) {
    return this.act('getAttribute', { name }, opts?.timeout);
  }
  isEnabled(opts) {
    return this.act('isEnabled', {}, opts?.timeout);
  }
  isChecked(opts) {
    return this.act('isChecked', {}, opts?.timeout);
  }
  /** check clicks a checkbox or radio unless it is checked already, and makes sure it is then. */
  async check(opts) {
    await this.setChecked(true, opts);
  }
  async uncheck(opts) {
    await this.setChecked(false, opts);
  }
  async setChecked(want, opts) {
    if ((await this.isChecked(opts)) === want) return;
    await this.click(opts);
    if ((await this.isChecked(opts)) !== want) throw new Error(`${want ? 'check' : 'uncheck'}: ${this.what} did not change`);
  }
  allInnerTexts() {
    return this.page.exec((steps) => window.__e2e.innerTexts(steps), this.steps);
  }
  boundingBox(opts) {
    return this.act('boundingBox', {}, opts?.timeout);
  }

  /** evaluate calls fn(element, arg) in the page. */
  async evaluate(fn, arg) {
    await this.act('textContent'); // waits for exactly one element
    return this.page.exec(`(steps, arg) => (${fn})(window.__e2e.resolve(steps)[0], arg)`, this.steps, arg);
  }
}
