// What the reader sees of the page's own behaviour, measured in a replica page with or without the
// extension: cards that overlap, translations cut off by a box that clips, the text a reader can
// see in an element. Written from the DOM alone (shared by page-behaviour.test.ts and the bench).
import type { Page } from 'playwright-core';

/** Pairs of cards in one feed whose boxes overlap (more than a pixel each way). */
export const overlappingCards = (page: Page) =>
  page.evaluate(() => {
    let pairs = 0;
    for (const feed of document.querySelectorAll('.feeds-container')) {
      const rects = [...feed.querySelectorAll(':scope > section.note-item')].map((c) => c.getBoundingClientRect()).filter((r) => r.width && r.height);
      for (let i = 0; i < rects.length; i++)
        for (let j = i + 1; j < rects.length; j++) {
          const a = rects[i]!;
          const b = rects[j]!;
          if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1) pairs++;
        }
    }
    return pairs;
  });

/**
 * Translations of ours shown but cut off: part of the line outside a box of the page that hides
 * its overflow (a clamped title, a fixed-height card), between it and the box that scrolls it.
 * Scrolling boxes do not count: what they hide is a scroll away. A line clamped by us with an
 * ellipsis is not cut off.
 */
export const clippedTranslations = (page: Page) =>
  page.evaluate(() => {
    const clipped: string[] = [];
    for (const line of document.querySelectorAll('[data-rnl].rnl-t:not(.rnl-pending)')) {
      const r = line.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      for (let box = line.parentElement; box && box !== document.body; box = box.parentElement) {
        const style = getComputedStyle(box);
        const overflow = style.overflowX + style.overflowY;
        if (/auto|scroll/.test(overflow)) break; // what a scrolling box hides is a scroll away, and so is all it holds
        if (!/hidden|clip/.test(overflow)) continue;
        const c = box.getBoundingClientRect();
        if (r.bottom > c.bottom + 1 || r.top < c.top - 1 || r.right > c.right + 1 || r.left < c.left - 1) {
          clipped.push((line.textContent ?? '').slice(0, 40));
          break;
        }
      }
    }
    return clipped;
  });

/** In the page: the text of el a reader can see now (text nodes laid out at a visible size). */
export const VISIBLE_TEXT = `(el) => {
  let text = '';
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width > 0 && r.height > 0 && getComputedStyle(n.parentElement).visibility !== 'hidden') text += n.nodeValue;
  }
  return text.replace(/\\s+/g, ' ').trim();
}`;

/** The login modal's inputs lie inside its box. */
export const loginInputsInside = (page: Page) =>
  page.evaluate(() => {
    const modal = document.querySelector('.login-container');
    if (!modal) return false;
    const m = modal.getBoundingClientRect();
    const inputs = [...modal.querySelectorAll('input, button')].map((i) => i.getBoundingClientRect());
    return inputs.length > 0 && inputs.every((r) => r.left >= m.left - 1 && r.right <= m.right + 1 && r.top >= m.top - 1 && r.bottom <= m.bottom + 1);
  });
