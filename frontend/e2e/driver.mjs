// The browser every e2e test drives, in the engine E2E_ENGINE names:
//   chromium  what Windows' WebView2 runs, through playwright-core;
//   webkit    WebKitGTK, what Parley's Linux window runs (macOS' WKWebView is
//             its close cousin), through WebKitWebDriver (webkit.mjs).
// A test imports `launch` from here, never a browser library itself, and uses
// the part of Playwright's Page/Locator API that webkit.mjs implements too
// (webkit.mjs says which; anything else throws, naming the call, in WebKit).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { launchWebKit } from './webkit.mjs';

/** engine is the browser engine of this run: 'chromium' or 'webkit'. */
export const engine = process.env.E2E_ENGINE ?? 'chromium';

/**
 * launch opens a browser with one page of the given viewport and returns
 * { page, close }. clipboard: true lets the page read the clipboard in
 * Chromium (see clipboardText); locale ('zh-CN') and colorScheme ('light',
 * 'dark') are what the browser reports to the page.
 */
export async function launch({ viewport = { width: 1200, height: 800 }, clipboard = false, locale, colorScheme } = {}) {
  if (engine === 'webkit') return launchWebKit({ viewport, locale, colorScheme });
  if (engine !== 'chromium') throw new Error(`E2E_ENGINE=${engine}: use chromium or webkit`);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--password-store=basic'],
  });
  const context = await browser.newContext({ viewport, locale, colorScheme });
  if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  return { page, close: () => browser.close() };
}

/** shot saves a picture of the page as test-results/<engine>/<name>.png, for reading failures. */
export async function shot(page, name) {
  mkdirSync(`test-results/${engine}`, { recursive: true });
  await page?.screenshot({ path: `test-results/${engine}/${name.replace(/[^a-z0-9]+/gi, '-')}.png` });
}

/**
 * clipboardText is the text on the clipboard the page wrote to. Headless
 * Chromium keeps a clipboard of its own, which the page may read (launch
 * with clipboard: true); WebKitGTK writes the display's, which the page may
 * not read without a user's gesture, so Go (the Wails runtime) reads it.
 */
export function clipboardText(page) {
  if (engine === 'webkit') return page.evaluate(() => window.runtime.ClipboardGetText());
  return page.evaluate(() => navigator.clipboard.readText());
}
