// The UI's languages: one catalogue per language (en.json, zh-CN.json),
// nested by the part of the window a string belongs to. Components read
// strings with `$t('common.save')`; the language follows the user's setting,
// else the system's.
import { addMessages, getLocaleFromNavigator, init, locale, _ } from 'svelte-i18n';
import en from './en.json';
import zhCN from './zh-CN.json';

/** The languages Parley speaks, by their BCP 47 tag, with their own names. */
export const languages = [
  { tag: 'en', name: 'English' },
  { tag: 'zh-CN', name: '简体中文' },
] as const;

export type Language = (typeof languages)[number]['tag'];

addMessages('en', en);
addMessages('zh-CN', zhCN);

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
  init({ fallbackLocale: 'en', initialLocale: pickLanguage(preferred || getLocaleFromNavigator()) });
}

/** setLanguage switches every string of the window at once. */
export function setLanguage(tag: string): void {
  locale.set(pickLanguage(tag));
}

export { _ as t, locale };
