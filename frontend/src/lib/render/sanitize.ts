// The last line of defence for rendered model output: whatever the markdown
// renderer produced passes DOMPurify before it reaches the page. Only plain
// document markup, KaTeX's MathML and a checkbox survive; links may point
// only to http(s), mailto or a fragment in the same message.
import DOMPurify from 'dompurify';

// DOMPurify checks every attribute value that is not plainly safe against
// this: a value with a scheme must be http(s) or mailto; values without one
// (a class name, "button", "#fn1") pass.
const safeUri = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
const noScheme = /^(?:[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const htmlConfig = {
  USE_PROFILES: { html: true, mathMl: true },
  ADD_TAGS: ['semantics', 'annotation'],
  ADD_ATTR: ['encoding'],
  ALLOWED_URI_REGEXP: safeUri,
  FORBID_TAGS: ['style', 'img', 'svg', 'form', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'video', 'audio', 'source', 'picture', 'textarea', 'select'],
  FORBID_ATTR: ['srcset', 'action', 'formaction', 'background', 'poster', 'src', 'xlink:href'],
};

const svgConfig = {
  USE_PROFILES: { svg: true, svgFilters: true, html: true },
  ADD_TAGS: ['foreignObject'],
  ALLOWED_URI_REGEXP: noScheme,
  FORBID_TAGS: ['script', 'img', 'image', 'use', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'form', 'a', 'animate', 'set', 'video', 'audio'],
  FORBID_ATTR: ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction'],
};

let hooked = false;
function hook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    // The only form control markdown makes is a task list's checkbox, which
    // shows a state and is never a control.
    if (node.nodeName === 'INPUT') {
      if (node.getAttribute('type') !== 'checkbox') node.remove();
      else node.setAttribute('disabled', '');
    }
  });
}

/** sanitizeHtml returns rendered markdown with anything unsafe removed. */
export function sanitizeHtml(html: string): string {
  hook();
  return DOMPurify.sanitize(html, htmlConfig) as string;
}

/** sanitizeSvg returns a Mermaid diagram's SVG with scripts, links and remote references removed. */
export function sanitizeSvg(svg: string): string {
  hook();
  return DOMPurify.sanitize(svg, svgConfig) as string;
}
