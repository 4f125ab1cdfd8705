// Measurements taken inside a replica page, from the DOM alone (not from the extension's selectors,
// so a text no rule knows still counts): every visible element whose own text holds Han characters,
// and whether a translation line of ours covers it.
import type { Page } from 'playwright-core';
import { INVISIBLE_CONTROLS } from '../../lib/detect/chinese';

/**
 * Where the replica (like the real client, ref 2.10) puts author names: excluded from the count,
 * since they are kept as they are by default. Test knowledge of the replica, not the extension's rules.
 */
export const REPLICA_NICKNAMES = '.name, .username, .user-name, .nickname, .author-name, a.logo';

export interface Coverage {
  /** Visible elements with Han text of their own (and Han placeholders), nicknames excluded, in or near the viewport. */
  total: number;
  translated: number;
  pending: number;
  errors: number;
  /** Long texts offered on a click instead of sent. */
  offers: number;
  missing: string[];
  /** Texts covered by more than one line of ours, or elements with two lines. */
  duplicates: number;
  nicknamesTranslated: number;
  /** Lines of ours (in or near the viewport) whose recorded source is no longer in the element they are in. */
  stale: number;
}

export async function coverage(page: Page, options: { nearViewport?: boolean } = {}): Promise<Coverage> {
  return page.evaluate(
    ({ nearViewport, controls, nicknames }) => {
      const han = /[\u3400-\u9fff\uf900-\ufaff]/;
      const squeeze = (text: string) => text.replace(new RegExp(controls, 'g'), '').replace(/\s+/g, '');
      const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'svg']);
      const ours = (el: Element) => el.closest('[data-rnl]') !== null;
      const lineOf = (el: Element) => [...el.children].filter((c) => c.hasAttribute('data-rnl') && c.classList.contains('rnl-t'));
      // Seen by the reader: laid out and not hidden. Where we hide the original (translation-only),
      // the outermost box we hid it in stands for it, so our own hiding does not hide a text from the count.
      const boxOf = (el: Element) => {
        let box = el;
        for (let at = el.closest('.rnl-replaced'); at; at = at.parentElement?.closest('.rnl-replaced') ?? null) box = at;
        return box;
      };
      // Laid out, not hidden, and (nearViewport) on or near the screen: within 200 px of the viewport
      // and of every scrolling box around it. Cheap tests first: a long page holds 12,000 texts.
      const seen = (el: Element) => {
        const box = boxOf(el);
        const rect = box.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) return false;
        if (nearViewport && (rect.bottom < -200 || rect.top > innerHeight + 200)) return false;
        if (!box.checkVisibility({ checkVisibilityCSS: true } as CheckVisibilityOptions)) return false;
        return !nearViewport || near(el, rect);
      };
      const near = (el: Element, rect: DOMRect) => {
        for (let box = el.parentElement; box; box = box.parentElement) {
          if (!/(auto|scroll)/.test(getComputedStyle(box).overflowY)) continue;
          const clip = box.getBoundingClientRect();
          if (rect.bottom < clip.top - 200 || rect.top > clip.bottom + 200) return false;
        }
        return true;
      };

      // 1. Every element holding a Han text node, outside what is never shown as page text.
      const texts = new Map<Element, string>();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
        acceptNode: (n) => {
          if (n.nodeType === 3) return han.test(n.nodeValue ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
          const el = n as Element;
          if (SKIP.has(el.tagName) || el.hasAttribute('data-rnl') || (el.hasAttribute('contenteditable') && el.getAttribute('contenteditable') !== 'false')) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_SKIP;
        },
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.set(n.parentElement!, (texts.get(n.parentElement!) ?? '') + n.nodeValue);

      const result = { total: 0, translated: 0, pending: 0, errors: 0, offers: 0, missing: [] as string[], duplicates: 0, nicknamesTranslated: 0, stale: 0 };
      // 2. Lines of ours: more than one in an element, or recording a source no longer there.
      for (const line of document.querySelectorAll('[data-rnl].rnl-t')) {
        const host = line.parentElement!;
        // Off screen, a recycled card's line waits to be looked at again when it comes near.
        if (!seen(host)) continue;
        if (lineOf(host).length > 1 && lineOf(host)[0] === line) result.duplicates++;
        if (line.classList.contains('rnl-pending') || line.classList.contains('rnl-error') || line.classList.contains('rnl-offer')) continue;
        let hostText = '';
        const w = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
        for (let n = w.nextNode(); n; n = w.nextNode()) if (!ours(n.parentElement!)) hostText += n.nodeValue;
        if (!squeeze(hostText).includes(squeeze(line.getAttribute('data-rnl-src') ?? ''))) result.stale++;
      }
      // 3. Each Han text element: covered by the nearest line of ours above it whose source holds its text.
      for (const [el, own] of texts) {
        if (!seen(el)) continue;
        const text = squeeze(own);
        const covering: Element[] = [];
        for (let at: Element | null = el; at && at !== document.body; at = at.parentElement) {
          for (const line of lineOf(at)) if (squeeze(line.getAttribute('data-rnl-src') ?? '').includes(text)) covering.push(line);
        }
        if (covering.length > 1) result.duplicates++;
        if (el.closest(nicknames)) {
          if (covering.some((line) => line.parentElement!.closest(nicknames))) result.nicknamesTranslated++;
          continue;
        }
        result.total++;
        const line = covering[0];
        if (!line) result.missing.push(own.trim().slice(0, 40));
        else if (line.classList.contains('rnl-pending')) result.pending++;
        else if (line.classList.contains('rnl-error')) result.errors++;
        else if (line.classList.contains('rnl-offer')) result.offers++;
        else result.translated++;
      }
      // 4. Placeholders the reader sees (the value typed into a field is never a target).
      for (const field of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) {
        const original = field.getAttribute('data-rnl-placeholder') ?? field.placeholder;
        if (!han.test(original) || !seen(field)) continue;
        result.total++;
        if (field.hasAttribute('data-rnl-placeholder') && field.placeholder !== original) result.translated++;
        else if (field.hasAttribute('data-rnl-failed')) result.errors++;
        else result.missing.push(`placeholder: ${original.slice(0, 30)}`);
      }
      // 5. Titles and aria-labels on elements with no Han text of their own (icons, buttons).
      for (const el of document.querySelectorAll('[title], [aria-label]')) {
        if (ours(el) || el.closest(nicknames) || han.test(el.textContent ?? '')) continue;
        const translated = el.getAttribute('data-rnl-attr');
        const label = translated ?? ['title', 'aria-label'].find((name) => han.test(el.getAttribute(name) ?? ''));
        if (!label || !seen(el)) continue;
        result.total++;
        if (translated) result.translated++;
        else result.missing.push(`${label}: ${el.getAttribute(label)!.slice(0, 30)}`);
      }
      return result;
    },
    { nearViewport: options.nearViewport ?? true, controls: INVISIBLE_CONTROLS.source, nicknames: REPLICA_NICKNAMES },
  );
}

/** Share of the texts in view that are translated (1 when there are none). */
export const translatedShare = (c: Coverage) => (c.total ? c.translated / c.total : 1);

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
