// Both themes meet WCAG AA for text (4.5:1) on every background it is drawn
// on: the colours are read from app.css itself, so a change that makes text
// hard to read fails here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const css = readFileSync(join(__dirname, '..', 'app.css'), 'utf8');

/** block is the text of the first rule for selector (from `from` on). */
function block(selector: string, from = 0): string {
  const start = css.indexOf(selector + ' {', from);
  expect(start, `${selector} in app.css`).toBeGreaterThanOrEqual(0);
  return css.slice(start, css.indexOf('}', start));
}

/**
 * palette reads the colours of one scheme from the first :root rule, where
 * each is written once: `--bg: var(--dark, #15161b) var(--light, #f5f6f9);`,
 * or `--x: #hex;` for both schemes.
 */
function palette(scheme: 'dark' | 'light'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of block(':root').matchAll(/(--[a-z0-9-]+):\s*([^;]+);/g)) {
    const pair = m[2].match(/^var\(--dark, (#[0-9a-fA-F]{6})\) var\(--light, (#[0-9a-fA-F]{6})\)$/);
    if (pair) out[m[1]] = scheme === 'dark' ? pair[1] : pair[2];
    else if (/^#[0-9a-fA-F]{6}$/.test(m[2].trim())) out[m[1]] = m[2].trim();
  }
  return out;
}

/** toggles are the scheme switches a rule sets: --dark and --light. */
function toggles(body: string): Record<string, string> {
  return Object.fromEntries([...body.matchAll(/(--dark|--light):\s*([^;]*);/g)].map((m) => [m[1], m[2].trim()]));
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

const themes = { dark: palette('dark'), light: palette('light') };

describe.each(Object.entries(themes))('the %s theme', (_, theme) => {
  it.each(pairs)('%s is readable (AA) on its backgrounds', (fg, bgs) => {
    for (const bg of bgs) {
      expect(theme[fg], fg).toBeDefined();
      expect(theme[bg], bg).toBeDefined();
      expect(contrast(theme[fg], theme[bg]), `${fg} ${theme[fg]} on ${bg} ${theme[bg]}`).toBeGreaterThanOrEqual(4.5);
    }
  });
});

it('gives every colour its light value too, so nothing keeps the dark one by mistake', () => {
  expect(Object.keys(themes.light)).toEqual(Object.keys(themes.dark));
  expect(themes.light['--bg']).not.toEqual(themes.dark['--bg']);
});

it('turns on the light colours, written once, whether chosen or followed from the system', () => {
  const light = { '--dark': '', '--light': 'initial' };
  expect(toggles(block(':root', css.indexOf(':root {') + 1))).toEqual({ '--dark': 'initial', '--light': '' }); // dark by default
  expect(toggles(block(":root[data-theme='light']"))).toEqual(light);
  const media = css.indexOf('@media (prefers-color-scheme: light)');
  expect(media).toBeGreaterThan(0);
  expect(toggles(block(":root:not([data-theme]), :root[data-theme='system']", media))).toEqual(light);
  expect(css.match(/#f5f6f9/g), 'the light background is written once').toHaveLength(1);
});

it('measures contrast as WCAG does', () => {
  expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
  expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
});
