import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from './en.json';
import zhCN from './zh-CN.json';
import { pickLanguage } from './index';

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
