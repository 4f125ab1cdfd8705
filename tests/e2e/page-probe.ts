// Measurements taken inside a replica page: which Chinese targets are translated, duplicates, state.
import type { Page } from 'playwright-core';
import { INVISIBLE_CONTROLS } from '../../lib/detect/chinese';
import { ANY_TARGET, TEXT_TARGETS } from '../../lib/sites/xiaohongshu/selectors';

export interface Coverage {
  /** Chinese content targets (not nicknames, not meta) in or near the viewport. */
  total: number;
  translated: number;
  pending: number;
  errors: number;
  /** Long texts offered on a click instead of sent. */
  offers: number;
  missing: string[];
  duplicates: number;
  nicknamesTranslated: number;
  /** Translations whose recorded source is not the element's current text. */
  stale: number;
}

export async function coverage(page: Page, options: { nearViewport?: boolean } = {}): Promise<Coverage> {
  const roles = TEXT_TARGETS.filter((t) => !t.attribute).map((t) => ({ role: t.role, selector: t.selector }));
  return page.evaluate(
    ({ roles, any, nearViewport, controls }) => {
      const han = /[\u3400-\u9fff]/;
      const own = (el: Element) => {
        let text = '';
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) if (!n.parentElement?.closest('[data-rnl]')) text += n.nodeValue;
        return text.replace(new RegExp(controls, 'g'), '').replace(/\s+/g, ' ').trim();
      };
      // On or near the screen: within 200 px of the viewport and of every scrolling box around it.
      const near = (el: Element) => {
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) return false;
        if (rect.bottom < -200 || rect.top > innerHeight + 200) return false;
        for (let box = el.parentElement; box; box = box.parentElement) {
          if (!/(auto|scroll)/.test(getComputedStyle(box).overflowY)) continue;
          const clip = box.getBoundingClientRect();
          if (rect.bottom < clip.top - 200 || rect.top > clip.bottom + 200) return false;
        }
        return true;
      };
      const result = { total: 0, translated: 0, pending: 0, errors: 0, offers: 0, missing: [] as string[], duplicates: 0, nicknamesTranslated: 0, stale: 0 };
      for (const el of document.querySelectorAll(any)) {
        // Hidden (a closed menu), or far from the screen: skipped before anything costly.
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) continue;
        if (nearViewport && (rect.bottom < -200 || rect.top > innerHeight + 200)) continue;
        const role = roles.find((r) => el.matches(r.selector))?.role;
        const ours = [...el.children].filter((c) => c.classList.contains('rnl-t'));
        if (ours.length > 1) result.duplicates++;
        const text = own(el);
        if (role === 'nickname') {
          if (ours.length) result.nicknamesTranslated++;
          continue;
        }
        if (role === 'meta' || !han.test(text)) continue;
        if (nearViewport && !near(el)) continue;
        result.total++;
        const mine = ours[0];
        if (!mine) result.missing.push(text.slice(0, 40));
        else if (mine.classList.contains('rnl-pending')) result.pending++;
        else if (mine.classList.contains('rnl-error')) result.errors++;
        else if (mine.classList.contains('rnl-offer')) result.offers++;
        else {
          result.translated++;
          if (mine.getAttribute('data-rnl-src') !== text) result.stale++;
        }
      }
      return result;
    },
    { roles, any: ANY_TARGET, nearViewport: options.nearViewport ?? true, controls: INVISIBLE_CONTROLS.source },
  );
}

/** Wait until nothing in view is pending or missing. */
export async function settled(page: Page, timeout = 15_000): Promise<Coverage> {
  const deadline = Date.now() + timeout;
  let last = await coverage(page);
  while (Date.now() < deadline && (last.pending || last.missing.length)) {
    await page.waitForTimeout(100);
    last = await coverage(page);
  }
  return last;
}

/** The page's own DOM as a string, without the on-page switch (which stays while off). */
export const pageDom = (page: Page) =>
  page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.querySelector('#rnl-floating-button')?.remove();
    return clone.outerHTML;
  });

/**
 * Run a function on the closed shadow root of the element `hostSelector` finds, as DevTools can
 * (page scripts cannot: that is why it is closed). The function gets the root as `this`.
 */
export async function inClosedShadow<T>(page: Page, hostSelector: string, fn: (this: ShadowRoot) => T): Promise<T> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    const host = await cdp.send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(hostSelector)})` });
    if (!host.result.objectId) throw new Error(`No ${hostSelector} in the page`);
    const { node } = await cdp.send('DOM.describeNode', { objectId: host.result.objectId, depth: 1, pierce: true });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) throw new Error(`${hostSelector} has no shadow root`);
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    const answer = await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId!, functionDeclaration: fn.toString(), returnByValue: true });
    if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.text);
    return answer.result.value as T;
  } finally {
    await cdp.detach();
  }
}
