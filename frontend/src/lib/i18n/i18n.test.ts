import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from './en.json';
import zhCN from './zh-CN.json';
import { get } from 'svelte/store';
import { pickLanguage, setLanguage, setProblemWords, tr, wording } from './index';

type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix + k] : keys(v, prefix + k + '.'),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(svelte|ts)$/.test(name) && !/\.test\.ts$/.test(name) ? [p] : [];
  });
}

describe('catalogues', () => {
  const enKeys = keys(en as Tree);
  const zhKeys = keys(zhCN as Tree);

  it('have the same keys in English and 简体中文', () => {
    expect(enKeys.filter((k) => !zhKeys.includes(k)), 'missing from zh-CN.json').toEqual([]);
    expect(zhKeys.filter((k) => !enKeys.includes(k)), 'missing from en.json').toEqual([]);
  });

  it('have no empty strings', () => {
    const empty = (tree: Tree) => keys(tree).filter((k) => k.split('.').reduce<any>((t, p) => t[p], tree) === '');
    expect(empty(en as Tree)).toEqual([]);
    expect(empty(zhCN as Tree)).toEqual([]);
  });

  it('hold every key the code asks for', () => {
    const src = join(__dirname, '..', '..');
    const used = new Set<string>();
    for (const file of sources(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\$t\(\s*'([a-zA-Z0-9_.-]+)'/g)) used.add(m[1]);
    }
    expect([...used].filter((k) => !enKeys.includes(k))).toEqual([]);
  });
});

describe('components', () => {
  const svelte = sources(join(__dirname, '..', '..')).filter((f) => f.endsWith('.svelte'));
  // The markup without its script and style: what the user sees.
  const markup = (file: string) =>
    readFileSync(file, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  // Names that are the same in every language.
  const names = new Set(['Parley', 'P', 'Enter', 'Shift', 'Esc', 'Ctrl', 'K', 'N', 'HTTP']);

  it('write no words of their own in titles, labels or placeholders', () => {
    const found = svelte.flatMap((f) =>
      [...markup(f).matchAll(/\b(title|aria-label|placeholder|alt)="([^"{]*[A-Za-z][^"]*)"/g)]
        // An example to type (a URL, a model id, "sk-…") is no word.
        .filter((m) => !/^[^\s]*[-./:][^\s]*$/.test(m[2]))
        .map((m) => `${f}: ${m[0]}`),
    );
    expect(found).toEqual([]);
  });

  it('write no words of their own in text', () => {
    const found = svelte.flatMap((f) =>
      [...markup(f).matchAll(/>([^<>{}]*[A-Za-z][^<>{}]*)</g)]
        .map((m) => m[1].trim())
        .filter((text) => text.split(/[^A-Za-z]+/).some((w) => w && !names.has(w)))
        .map((text) => `${f}: ${text}`),
    );
    expect(found).toEqual([]);
  });
});

describe('problems', () => {
  setProblemWords([
    { language: 'en', id: 'auth', title: 'The key was rejected', detail: '{host} did not accept the key that was sent.', fix: 'Paste it again.' },
    { language: 'zh-CN', id: 'auth', title: '密钥被拒绝', detail: '{host} 不接受发送的密钥。', fix: '重新粘贴密钥。' },
  ]);
  const p = {
    kind: 'auth', title: 'The key was rejected', detail: 'api.example.com did not accept the key that was sent.', fix: 'Paste it again.',
    wordsId: 'auth', facts: { host: 'api.example.com' }, providerMessage: 'Incorrect API key provided',
  };

  it('are worded by Go\'s catalogue in the window\'s language, with their facts', () => {
    setLanguage('zh-CN');
    expect(get(wording)(p)).toEqual({ title: '密钥被拒绝', detail: 'api.example.com 不接受发送的密钥。', fix: '重新粘贴密钥。' });
    setLanguage('en');
    expect(get(wording)(p).detail).toBe('api.example.com did not accept the key that was sent.');
  });

  it('keep their own words when Go has no explanation for them', () => {
    setLanguage('zh-CN');
    const own = { kind: 'internal', title: 'Made on the spot', detail: 'd', fix: 'f' };
    expect(get(wording)(own)).toEqual({ title: 'Made on the spot', detail: 'd', fix: 'f' });
    setLanguage('en');
  });

  it('stored before they kept their facts, keep their own words', () => {
    setLanguage('zh-CN');
    const old = { ...p, facts: undefined };
    expect(get(wording)(old).detail).toBe('api.example.com did not accept the key that was sent.');
    setLanguage('en');
  });

  it('come with labels in both languages', () => {
    setLanguage('zh-CN');
    expect(tr('problem.whatToDo')).toBe('解决办法：');
    setLanguage('en');
    expect(tr('problem.whatToDo')).toBe('What to do:');
  });
});

describe('pickLanguage', () => {
  it.each([
    ['zh', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh_CN.UTF-8', 'zh-CN'],
    ['en-GB', 'en'],
    ['fr-FR', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ])('%s → %s', (tag, want) => {
    expect(pickLanguage(tag)).toBe(want);
  });
});
