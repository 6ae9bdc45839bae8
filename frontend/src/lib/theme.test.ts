// Both themes meet WCAG AA for text (4.5:1) on every background it is drawn
// on: the colours are read from app.css itself, so a change that makes text
// hard to read fails here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const css = readFileSync(join(__dirname, '..', 'app.css'), 'utf8');

/** vars reads the custom properties of the first block after selector. */
function vars(selector: string): Record<string, string> {
  const start = css.indexOf(selector + ' {');
  expect(start, `${selector} in app.css`).toBeGreaterThanOrEqual(0);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;/g)].map((m) => [m[1], m[2]]));
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** contrast is the WCAG 2 contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// Which text colour is drawn on which background.
const pairs: Array<[string, string[]]> = [
  ['--text', ['--bg', '--panel', '--panel-2', '--danger-bg']],
  ['--muted', ['--bg', '--panel', '--panel-2']],
  ['--accent', ['--bg', '--panel', '--panel-2']],
  ['--on-accent', ['--accent-2']],
  ['--danger', ['--bg', '--panel', '--panel-2']],
  ['--danger-text', ['--danger-bg']],
  ['--warn', ['--bg', '--panel', '--panel-2', '--danger-bg']],
  ['--ok', ['--bg', '--panel', '--panel-2']],
  ['--code-text', ['--code-bg', '--code-head']],
  ['--code-muted', ['--code-bg', '--code-head']],
];

const themes = { dark: vars(':root'), light: vars(":root[data-theme='light']") };

describe.each(Object.entries(themes))('the %s theme', (_, theme) => {
  it.each(pairs)('%s is readable (AA) on its backgrounds', (fg, bgs) => {
    for (const bg of bgs) {
      expect(theme[fg], fg).toBeDefined();
      expect(theme[bg], bg).toBeDefined();
      expect(contrast(theme[fg], theme[bg]), `${fg} ${theme[fg]} on ${bg} ${theme[bg]}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

it('follows the system with the very colours of the light theme', () => {
  const media = css.slice(css.indexOf('@media (prefers-color-scheme: light)'));
  const system = vars.call(null, ":root:not([data-theme]), :root[data-theme='system']");
  expect(media.length).toBeGreaterThan(0);
  expect(system).toEqual(themes.light);
});

it('measures contrast as WCAG does', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
});
