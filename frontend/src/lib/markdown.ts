// Markdown rendering for model output, which is untrusted: raw HTML is
// escaped, only http(s) and mailto links survive, and images become links
// (remote images are blocked by the CSP anyway; a visible link says why).
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const safeLink = /^(https?:|mailto:)/i;
md.validateLink = (url: string) => safeLink.test(url.trim());

md.renderer.rules.image = (tokens, idx) => {
  const token = tokens[idx];
  const src = token.attrGet('src') ?? '';
  const alt = md.utils.escapeHtml(token.content || 'image');
  if (!safeLink.test(src)) return `<span class="md-image">[${alt}]</span>`;
  return `<a class="md-image" href="${md.utils.escapeHtml(src)}">[image: ${alt}]</a>`;
};

/** render turns markdown into HTML that is safe to put in the page. */
export function render(text: string): string {
  return md.render(text);
}

/** linkTarget returns the http(s) URL an anchor in rendered output points to. */
export function linkTarget(el: EventTarget | null): string | null {
  const a = el instanceof Element ? el.closest('a') : null;
  const href = a?.getAttribute('href') ?? '';
  return /^https?:\/\//i.test(href) ? href : null;
}
