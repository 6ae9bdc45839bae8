// Following a growing answer: the message list stays scrolled to its end
// while it grows, unless the user scrolled up to read; then it stays put and
// the view offers a way back ("Jump to latest").

export interface FollowOptions {
  /** Changes when another conversation is shown: following starts again. */
  key: unknown;
  /** Told whether the list is at its end (following) or not. */
  onFollowing: (following: boolean) => void;
}

const slack = 40; // px from the end that still count as "at the end"

/** follow is a Svelte action for the scrolling message list. */
export function follow(list: HTMLElement, options: FollowOptions) {
  let following = true;
  let key = options.key;
  let onFollowing = options.onFollowing;
  let lastTop = 0; // where following last put the list

  const set = (f: boolean) => {
    if (f !== following) onFollowing((following = f));
  };
  const atEnd = () => list.scrollHeight - list.scrollTop - list.clientHeight < slack;
  const toEnd = () => {
    list.scrollTop = list.scrollHeight;
    lastTop = list.scrollTop;
  };
  // A list that sizes its own content (the virtualised message list) grows
  // without a DOM mutation: its content's size is watched too.
  let content: Element | null = null;
  const watchContent = () => {
    const c = list.firstElementChild;
    if (c === content) return;
    if (content) resize.unobserve(content);
    content = c;
    if (c) resize.observe(c);
  };
  const stick = () => {
    watchContent();
    if (!following) return;
    // The user may have scrolled up since, before the scroll event came.
    if (list.scrollTop < lastTop - 2 && !atEnd()) set(false);
    else toEnd();
  };
  const onScroll = () => {
    if (atEnd()) {
      set(true);
      lastTop = list.scrollTop;
    } else if (list.scrollTop < lastTop - 2) {
      set(false); // the user scrolled up to read
    } else if (following) {
      toEnd(); // the end moved away (the list grew or got shorter): follow it
    }
  };

  // Following reads the list's size, which lays the page out: once a frame,
  // however often a streaming answer changed it in between (at each change
  // a 50 KB answer cost a layout each, and frames were dropped).
  let frame = 0;
  const stickSoon = () => {
    frame ||= requestAnimationFrame(() => {
      frame = 0;
      stick();
    });
  };

  list.addEventListener('scroll', onScroll, { passive: true });
  const mutations = new MutationObserver(stickSoon);
  mutations.observe(list, { childList: true, subtree: true, characterData: true });
  const resize = new ResizeObserver(stickSoon);
  resize.observe(list);
  watchContent();
  toEnd();

  return {
    update(next: FollowOptions) {
      onFollowing = next.onFollowing;
      if (next.key !== key) {
        key = next.key;
        set(true);
        toEnd();
      }
    },
    destroy() {
      list.removeEventListener('scroll', onScroll);
      mutations.disconnect();
      resize.disconnect();
      cancelAnimationFrame(frame);
    },
  };
}

/** jumpToEnd scrolls the list to its end, where following resumes. */
export function jumpToEnd(list: HTMLElement): void {
  list.scrollTo({ top: list.scrollHeight });
}
