// The last line of defence for rendered model output: whatever the markdown
// renderer produced passes DOMPurify before it reaches the page. Only plain
// document markup, KaTeX's MathML and a checkbox survive; links may point
// only to http(s), mailto or a fragment in the same message.
import DOMPurify, { type Config, type DOMPurify as DOMPurifyI } from 'dompurify';

// DOMPurify checks every attribute value that is not plainly safe against
// this: a value with a scheme must be http(s) or mailto; values without one
// (a class name, "button", "#fn1") pass.
const safeUri = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
const noScheme = /^(?:[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const htmlConfig: Config = {
  USE_PROFILES: { html: true, mathMl: true },
  ADD_TAGS: ['semantics', 'annotation'],
  ADD_ATTR: ['encoding'],
  ALLOWED_URI_REGEXP: safeUri,
  FORBID_TAGS: ['style', 'img', 'svg', 'form', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'video', 'audio', 'source', 'picture', 'textarea', 'select'],
  FORBID_ATTR: ['srcset', 'action', 'formaction', 'background', 'poster', 'src', 'xlink:href'],
};

const svgConfig: Config = {
  USE_PROFILES: { svg: true, svgFilters: true, html: true },
  ADD_TAGS: ['foreignObject'],
  ALLOWED_URI_REGEXP: noScheme,
  FORBID_TAGS: ['script', 'img', 'image', 'use', 'iframe', 'object', 'embed', 'link', 'meta', 'base', 'form', 'a', 'animate', 'set', 'video', 'audio'],
  FORBID_ATTR: ['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction'],
};

// The only form control markdown makes is a task list's checkbox, which
// shows a state and is never a control.
function checkboxOnly(node: Element): void {
  if (node.nodeName === 'INPUT') {
    if (node.getAttribute('type') !== 'checkbox') node.remove();
    else node.setAttribute('disabled', '');
  }
}

/**
 * purifier is a DOMPurify of its own for one configuration, set once: a
 * configuration passed with each call is parsed again at each call, which
 * was most of the work of sanitizing a small block (the streaming renderer
 * sanitizes the answer's last blocks at every frame).
 */
function purifier(config: Config): (dirty: string) => string {
  let p: DOMPurifyI | null = null;
  return (dirty) => {
    if (!p) {
      p = DOMPurify();
      p.setConfig(config);
      p.addHook('afterSanitizeAttributes', checkboxOnly);
    }
    return p.sanitize(dirty) as string;
  };
}

const purifyHtml = purifier(htmlConfig);
const purifySvg = purifier(svgConfig);

/** sanitizeHtml returns rendered markdown with anything unsafe removed. */
export function sanitizeHtml(html: string): string {
  return purifyHtml(html);
}

/** sanitizeSvg returns a Mermaid diagram's SVG with scripts, links and remote references removed. */
export function sanitizeSvg(svg: string): string {
  return purifySvg(svg);
}
