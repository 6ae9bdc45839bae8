// The UI's languages: one catalogue per language (en.json, zh-CN.json),
// nested by the part of the window a string belongs to. Components read
// strings with `$t('common.save')`, code outside components with
// `tr('common.save')`; the language follows the user's setting, else the
// system's (which Go reads from the OS: see app.init).
import { addMessages, getLocaleFromNavigator, init, locale, _ } from 'svelte-i18n';
import { derived, get, writable } from 'svelte/store';
import en from './en.json';
import zhCN from './zh-CN.json';
import type { Explanation, Phrase } from '../types';

/** The languages Parley speaks, by their BCP 47 tag, with their own names. */
export const languages = [
  { tag: 'en', name: 'English' },
  { tag: 'zh-CN', name: '简体中文' },
] as const;

export type Language = (typeof languages)[number]['tag'];

addMessages('en', en);
addMessages('zh-CN', zhCN);
// English until the window knows better, so a string is never asked for
// before there is a language (tests, code that runs at import).
init({ fallbackLocale: 'en', initialLocale: 'en' });

/**
 * pickLanguage maps any locale tag ("zh", "zh-Hans-CN", "en-GB", "fr") to the
 * nearest language Parley has, English when there is none.
 */
export function pickLanguage(tag: string | null | undefined): Language {
  const t = (tag ?? '').toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  return 'en';
}

/** setupI18n starts the catalogues in the preferred language, or the system's. */
export function setupI18n(preferred?: string): void {
  setLanguage(preferred || getLocaleFromNavigator() || '');
}

/** setLanguage switches every string of the window at once. */
export function setLanguage(tag: string): void {
  const lang = pickLanguage(tag);
  locale.set(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/** tr is `$t` for code outside components: the string in the current language. */
export function tr(key: string, values?: Record<string, string | number | boolean | Date | null | undefined>): string {
  return get(_)(key, values ? { values } : undefined);
}

export { _ as t, locale };

/** One explanation of a problem, in one language, as Go's problem package words it. */
export type { Explanation };

/** What a problem says: its words, in the window's language when Go has them. */
export interface Wording {
  title: string;
  detail: string;
  fix: string;
}

// Go's problem catalogues, both languages (App.ProblemWords): the one home
// of the words a problem is explained with. Set once at start.
const explanations = writable<Map<string, Explanation>>(new Map());

/** setProblemWords keeps Go's catalogues of problem explanations. */
export function setProblemWords(list: Explanation[]): void {
  explanations.set(new Map(list.map((e) => [`${e.language}/${e.id}`, e])));
}

const placeholder = /\{([a-z]+)\}/g;
const fill = (template: string, facts: Record<string, string>) => template.replace(placeholder, (_m, k: string) => facts[k]);
// A problem stored before it carried its facts cannot fill the template.
const fits = (e: Explanation, facts: Record<string, string>) =>
  [...(e.title + e.detail + e.fix).matchAll(placeholder)].every((m) => m[1] in facts);

/** joinEnglish puts phrases one after another as Go's Catalogues.Say does: a space between, none before punctuation. */
const joinEnglish = (parts: string[]) => parts.reduce((acc, p, i) => (i === 0 || /^[,;:.)]/.test(p) ? acc + p : `${acc} ${p}`), '');

/**
 * saying says phrases in the window's language; when one lacks its words
 * (or a fact), the whole is said as Go's English text gives it. Chinese
 * runs phrases together without spaces.
 */
export const saying = derived([locale, explanations], ([lang, all]) => (phrases: Phrase[] | undefined, english: string): string => {
  const language = pickLanguage(lang);
  if (!phrases?.length) return english;
  const parts: string[] = [];
  for (const p of phrases) {
    const e = all.get(`${language}/${p.wordsId}`);
    const template = p.part === 'detail' ? e?.detail : e?.title;
    const facts = p.facts ?? {};
    if (template === undefined || ![...template.matchAll(placeholder)].every((m) => m[1] in facts)) return english;
    parts.push(fill(template, facts));
  }
  return language === 'zh-CN' ? parts.join('').trim() : joinEnglish(parts);
});

type Worded = { title: string; detail: string; fix: string; wordsId?: string; facts?: Record<string, string> };

/**
 * wording words a problem in the window's language from its wordsId and
 * facts; a problem without them (words made on the spot, or stored before
 * problems kept their facts) keeps its own.
 * The provider's own message is never part of this: it stays verbatim.
 */
export const wording = derived([locale, explanations], ([lang, all]) => (p: Worded): Wording => {
  const e = p.wordsId ? all.get(`${pickLanguage(lang)}/${p.wordsId}`) : undefined;
  const facts = p.facts ?? {};
  if (!e || !fits(e, facts)) return { title: p.title, detail: p.detail, fix: p.fix };
  return { title: fill(e.title, facts), detail: fill(e.detail, facts), fix: fill(e.fix, facts) };
});
