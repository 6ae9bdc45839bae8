// Growing a textarea with its content, measured rather than left to
// `field-sizing: content`, which WebKitGTK does not implement.

/**
 * fitHeight sets the textarea's height to what its content needs, between
 * its CSS min-height and max-height; past the maximum it scrolls.
 */
export function fitHeight(el: HTMLTextAreaElement): void {
  const style = getComputedStyle(el);
  const border = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
  const max = parseFloat(style.maxHeight);
  // Measuring needs the box at its natural height for a moment. The parent
  // keeps its height meanwhile, so nothing around it moves: WebKit would
  // otherwise clamp the message list's scroll position to the taller list.
  const parent = el.parentElement;
  if (parent) parent.style.minHeight = `${parent.offsetHeight}px`;
  el.style.height = 'auto';
  const wanted = el.scrollHeight + (style.boxSizing === 'border-box' ? border : 0);
  const height = Number.isFinite(max) ? Math.min(wanted, max) : wanted;
  el.style.height = `${height}px`;
  el.style.overflowY = wanted > height ? 'auto' : 'hidden';
  if (parent) parent.style.minHeight = '';
}
