// Keep what the reader is looking at in place while translations are inserted around it: remember
// the element under the reader's eye, write, then scroll by however far it moved.
import { isOurs } from './render';

function scrollerOf(el: Element): Element | null {
  for (let box = el.parentElement; box; box = box.parentElement) {
    const overflow = getComputedStyle(box).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && box.scrollHeight > box.clientHeight) return box;
  }
  return null;
}

const pinned = (el: Element) => {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const position = getComputedStyle(e).position;
    if (position === 'fixed' || position === 'sticky') return true;
  }
  return false;
};

/**
 * What the reader is looking at, a third of the way down the screen: the site's block around it (a
 * card, a comment) if any, since translations go inside blocks, below their tops; never a fixed bar.
 */
function elementUnderEye(doc: Document, view: Window, blocks: string): Element | null {
  // Gaps between cards are common: sample a grid of points, the line a third down first.
  for (const down of [1 / 3, 1 / 4, 1 / 2, 1 / 6, 2 / 3]) {
    for (let across = 0.1; across < 0.95; across += 0.1) {
      let el = doc.elementFromPoint(view.innerWidth * across, view.innerHeight * down);
      while (el && isOurs(el)) el = el.parentElement;
      if (!el || el === doc.body || el === doc.documentElement) continue;
      const block = el.closest(blocks) ?? el;
      if (block.getBoundingClientRect().height < view.innerHeight / 2 && !pinned(block)) return block;
    }
  }
  return null;
}

export function keepReadingPosition(doc: Document, blocks: string, write: () => void) {
  const view = doc.defaultView;
  const anchor = view ? elementUnderEye(doc, view, blocks) : null;
  const before = anchor?.getBoundingClientRect().top;
  write();
  if (!anchor || before === undefined || !anchor.isConnected) return;
  const moved = anchor.getBoundingClientRect().top - before;
  if (Math.abs(moved) < 1) return;
  const scroller = scrollerOf(anchor);
  if (scroller) scroller.scrollTop += moved;
  else view?.scrollBy(0, moved);
}
