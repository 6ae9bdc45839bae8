// Syntax highlighting for code blocks. highlight.js and its languages
// (render/hljs-languages) load on the first code block (render/lazy); until
// then code shows escaped and unhighlighted.
import * as lazy from './lazy';

/**
 * highlight returns the code as escaped HTML with highlight.js' spans, or
 * null when the language is not one Parley highlights or highlight.js has
 * not loaded yet (this starts loading it).
 */
export function highlight(code: string, lang: string): string | null {
  if (!lang) return null;
  const hljs = lazy.hljs;
  if (!hljs) {
    lazy.missed();
    void lazy.needHighlight();
    return null;
  }
  if (!hljs.getLanguage(lang)) return null;
  try {
    return hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  } catch {
    return null;
  }
}
