// The highlighting worker (render/offthread): highlight.js and its
// languages, run off the window's main thread.
import { hljs } from './hljs-languages';

/** A request: highlight code as lang; id says which answer is whose. */
export interface HighlightRequest {
  id: number;
  code: string;
  lang: string;
}

/** An answer: highlight.js' HTML, or null when lang is not one Parley highlights. */
export interface HighlightAnswer {
  id: number;
  html: string | null;
}

self.onmessage = (e: MessageEvent<HighlightRequest>) => {
  const { id, code, lang } = e.data;
  let html: string | null = null;
  try {
    if (hljs.getLanguage(lang)) html = hljs.highlight(code, { language: lang, ignoreIllegals: true }).value;
  } catch {
    html = null;
  }
  self.postMessage({ id, html } satisfies HighlightAnswer);
};
