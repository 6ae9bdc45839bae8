// The part of the WebKit driver that runs inside the page: Playwright-like
// locators resolved against the DOM, and what the page reports back (errors,
// console errors, the requests it made). webkit.mjs sends installPage's source
// with every script it runs; it installs itself once per document as
// window.__e2e. It must not use anything outside its own body.
//
// Accessible names and roles are an approximation of what Playwright computes
// (WAI-ARIA's accname, the common HTML elements' implicit roles): enough for
// buttons, text boxes, headings, dialogs, lists, regions, alerts and statuses
// named by aria-label(ledby), <label> or their text. A role or name it gets
// wrong makes a WebKit run fail where Chromium passes; fix it here.

export function installPage() {
  if (window.__e2e) return false;
  const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
  const style = (el) => getComputedStyle(el);

  /** textOf is an element's text as Playwright's text matching sees it. */
  let textCache = new WeakMap();
  function textOf(node) {
    if (node.nodeType === 3) return node.nodeValue;
    if (node.nodeType !== 1 || ['script', 'style', 'noscript', 'template'].includes(node.localName)) return '';
    let s = textCache.get(node);
    if (s === undefined) {
      s = '';
      for (const c of node.childNodes) s += textOf(c);
      textCache.set(node, s);
    }
    return s;
  }

  /** matchText tests text against a wanted string (or {re, flags}). */
  function matchText(text, want, exact) {
    const t = norm(text);
    if (typeof want !== 'string') return new RegExp(want.re, want.flags).test(t);
    return exact ? t === norm(want) : t.toLowerCase().includes(norm(want).toLowerCase());
  }

  const headings = { h1: 1, h2: 1, h3: 1, h4: 1, h5: 1, h6: 1 };
  const landmarks = { nav: 'navigation', main: 'main', aside: 'complementary', table: 'table', hr: 'separator', output: 'status', progress: 'progressbar', li: 'listitem', dialog: 'dialog' };
  function implicitRole(el) {
    const t = el.localName;
    if (t === 'button') return 'button';
    if (t === 'a' || t === 'area') return el.hasAttribute('href') ? 'link' : null;
    if (headings[t]) return 'heading';
    if (t === 'textarea') return 'textbox';
    if (t === 'select') return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
    if (t === 'ul' || t === 'ol' || t === 'menu') return 'list';
    if (t === 'section' || t === 'form') return el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby') ? (t === 'form' ? 'form' : 'region') : null;
    if (t === 'img') return el.getAttribute('alt') === '' ? 'presentation' : 'img';
    if (t === 'input') {
      const type = (el.getAttribute('type') || 'text').toLowerCase();
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      const simple = { checkbox: 'checkbox', radio: 'radio', range: 'slider', number: 'spinbutton' };
      if (simple[type]) return simple[type];
      if (['text', 'search', 'email', 'tel', 'url'].includes(type)) return el.hasAttribute('list') ? 'combobox' : type === 'search' ? 'searchbox' : 'textbox';
      return null;
    }
    return landmarks[t] ?? null;
  }
  const roleOf = (el) => (el.getAttribute('role') || '').trim().split(/\s+/)[0] || implicitRole(el);

  /** hiddenForAria is true for what Playwright's getByRole leaves out. */
  function hiddenForAria(el) {
    for (let e = el; e; e = e.parentElement) {
      if (e.getAttribute('aria-hidden') === 'true' || style(e).display === 'none') return true;
    }
    return style(el).visibility !== 'visible';
  }

  /** contentText is a subtree's text as an accessible name takes it. */
  function contentText(el) {
    let s = '';
    for (const c of el.childNodes) {
      if (c.nodeType === 3) s += c.nodeValue;
      if (c.nodeType !== 1 || c.getAttribute('aria-hidden') === 'true' || ['script', 'style'].includes(c.localName)) continue;
      const st = style(c);
      if (st.display === 'none' || st.visibility === 'hidden') continue;
      const label = c.getAttribute('aria-label');
      const inner = label?.trim() ? label : c.localName === 'img' ? c.getAttribute('alt') || '' : contentText(c);
      s += st.display.startsWith('inline') ? inner : ` ${inner} `;
    }
    return s;
  }

  const nameFromContent = new Set(['button', 'link', 'heading', 'checkbox', 'radio', 'tab', 'menuitem', 'option', 'switch', 'cell', 'listitem', 'treeitem', 'tooltip']);
  function accessibleName(el) {
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const t = norm(by.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean).map(contentText).join(' '));
      if (t) return t;
    }
    const label = norm(el.getAttribute('aria-label'));
    if (label) return label;
    if (el.matches('input[type=button i], input[type=submit i], input[type=reset i]')) return norm(el.value);
    if (el.matches('input, textarea, select')) {
      const labels = norm([...(el.labels ?? [])].map(contentText).join(' '));
      return labels || norm(el.getAttribute('title') || el.getAttribute('placeholder'));
    }
    if (el.localName === 'img') return norm(el.getAttribute('alt') || el.getAttribute('title'));
    if (nameFromContent.has(roleOf(el))) {
      const t = norm(contentText(el));
      if (t) return t;
    }
    return norm(el.getAttribute('title'));
  }

  /** labelText is what getByLabel matches: <label>s, aria-label(ledby). */
  function labelText(el) {
    if (!el.matches('input, textarea, select, [role]')) return null;
    const parts = [...(el.labels ?? [])].map(textOf);
    if (el.getAttribute('aria-label')) parts.push(el.getAttribute('aria-label'));
    return parts.length ? parts : null;
  }

  function within(roots, sel) {
    const found = new Set();
    for (const r of roots) {
      if (r === document) for (const e of document.querySelectorAll(sel)) found.add(e);
      else for (const e of r.querySelectorAll(sel)) found.add(e);
    }
    const list = [...found];
    if (roots.length > 1) list.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    return list;
  }

  /** resolve follows a locator's steps to the elements it names, in document order. */
  function resolve(steps) {
    textCache = new WeakMap(); // the DOM may have changed since the last call
    return resolveIn([document], steps);
  }

  function resolveIn(roots, steps) {
    let set = roots;
    for (const s of steps) {
      if (s.k === 'css') set = within(set, s.sel);
      else if (s.k === 'testid') set = within(set, `[data-testid=${JSON.stringify(s.id)}]`);
      else if (s.k === 'role') {
        set = within(set, '*').filter((e) => roleOf(e) === s.role && !hiddenForAria(e) && (s.name === undefined || matchText(accessibleName(e), s.name, s.exact)));
      } else if (s.k === 'label') set = within(set, '*').filter((e) => labelText(e)?.some((t) => matchText(t, s.text, s.exact)));
      else if (s.k === 'text') {
        const hit = (e) => !['script', 'style', 'head', 'title', 'html'].includes(e.localName) && matchText(textOf(e), s.text, s.exact);
        set = within(set, '*').filter((e) => hit(e) && ![...e.children].some(hit));
      } else if (s.k === 'filter') set = set.filter((e) => matchText(textOf(e), s.text, false));
      else if (s.k === 'has') set = set.filter((e) => resolveIn([e], s.steps).length > 0);
      else if (s.k === 'nth') set = s.i < 0 ? set.slice(set.length + s.i, set.length + s.i + 1) : set.slice(s.i, s.i + 1);
    }
    return set.filter((e) => e !== document);
  }

  function visible(el) {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && style(el).visibility === 'visible';
  }
  const enabled = (el) => !el.matches(':disabled') && !el.closest('[aria-disabled=true]');
  const frame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
  /** settle waits until what an action changed has been laid out and drawn (resize observers run). */
  const settle = async () => {
    await frame();
    await frame();
    return {};
  };

  /** fill replaces a field's text as typing would (so change fires on blur). */
  function fill(el, value) {
    el.focus();
    if (el.localName === 'select' || !('value' in el)) throw new Error(`fill: <${el.localName}> is not a text field`);
    el.select?.();
    document.execCommand(value === '' ? 'delete' : 'insertText', false, value);
    if (el.value === value) return;
    // Fields execCommand does not edit (number inputs in some engines).
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value').set.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  function selectOption(el, want) {
    if (el.localName !== 'select') throw new Error(`selectOption: <${el.localName}> is not a <select>`);
    const opt = [...el.options].find((o) => o.value === want) ?? [...el.options].find((o) => norm(o.label) === want);
    if (!opt) throw new Error(`selectOption: no option ${JSON.stringify(want)}`);
    el.value = opt.value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  /** act does one thing to the element a locator names, once it is ready. */
  async function act(steps, op, arg, strict) {
    const all = resolve(steps);
    if (all.length > 1 && strict) throw new Error(`strict mode violation: the locator resolved to ${all.length} elements`);
    const el = all[0];
    if (!el) return { wait: 'no element matches' };
    const need = arg?.need ?? {};
    if (need.visible && !visible(el)) return { wait: 'the element is not visible' };
    if (need.enabled && !enabled(el)) return { wait: 'the element is not enabled' };
    if (need.stable) {
      const a = JSON.stringify(el.getBoundingClientRect());
      await frame();
      await frame();
      if (JSON.stringify(el.getBoundingClientRect()) !== a) return { wait: 'the element is moving' };
    }
    switch (op) {
      case 'element': el.scrollIntoView({ block: 'center', inline: 'center' }); return { value: el };
      case 'focus': el.focus(); return {};
      case 'fill': fill(el, arg.value); return settle();
      case 'select': selectOption(el, arg.value); return settle();
      case 'innerText': return { value: el.innerText };
      case 'textContent': return { value: el.textContent };
      case 'inputValue': return { value: el.value };
      case 'getAttribute': return { value: el.getAttribute(arg.name) };
      case 'isEnabled': return { value: enabled(el) };
      case 'isChecked': return { value: el.checked ?? el.getAttribute('aria-checked') === 'true' };
      case 'boundingBox': { const r = el.getBoundingClientRect(); return { value: { x: r.x, y: r.y, width: r.width, height: r.height } }; }
      default: throw new Error(`unknown op ${op}`);
    }
  }

  /** state is what waitFor, count and isVisible look at. */
  function state(steps) {
    const all = resolve(steps);
    return { count: all.length, visible: all.length > 0 && visible(all[0]) };
  }

  const events = [];
  const push = (e) => events.push(e);
  addEventListener('error', (e) => push({ type: 'pageerror', message: e.error?.message ?? e.message, stack: e.error?.stack ?? e.message }));
  addEventListener('unhandledrejection', (e) => push({ type: 'pageerror', message: String(e.reason?.message ?? e.reason), stack: String(e.reason?.stack ?? e.reason) }));
  const consoleError = console.error;
  console.error = (...args) => {
    push({ type: 'console', kind: 'error', text: args.map(String).join(' ') });
    consoleError.apply(console, args);
  };
  // Requests: every resource the document fetched (Resource Timing, from the
  // document's start), and every one its Content-Security-Policy refused.
  push({ type: 'request', url: location.href });
  new PerformanceObserver((list) => list.getEntries().forEach((e) => push({ type: 'request', url: e.name }))).observe({ type: 'resource', buffered: true });
  document.addEventListener('securitypolicyviolation', (e) => /^[a-z-]+:/.test(e.blockedURI) && push({ type: 'request', url: e.blockedURI }));

  const innerTexts = (steps) => resolve(steps).map((e) => e.innerText);

  /**
   * repaint(true) makes the page draw frame after frame until repaint(false):
   * WebKitWebDriver's screenshot waits for the next frame the web process
   * draws, and without compositing WebKitGTK draws only what changed, so on
   * a still page it waits for ever. Each frame a 1x1 element over the page's
   * corner changes its background between two fully transparent colours:
   * damage that changes no pixel. It sits outside <body>, for a screenshot's
   * time only.
   */
  let pulse = null;
  function repaint(on) {
    pulse?.remove();
    pulse = null;
    if (!on) return;
    const el = document.createElement('e2e-repaint');
    el.setAttribute('aria-hidden', 'true');
    el.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647;background-color:rgba(0,0,0,0)';
    document.documentElement.append(el);
    pulse = el;
    let flip = false;
    const tick = () => {
      if (pulse !== el) return;
      flip = !flip;
      el.style.backgroundColor = flip ? 'rgba(255,255,255,0)' : 'rgba(0,0,0,0)';
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }

  window.__e2e = { act, state, resolve, innerTexts, settle, repaint, drain: () => events.splice(0) };
  return true;
}
