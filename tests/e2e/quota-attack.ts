// The attack of issue 12, as a page script in the replica note page: comments of 4,999 unique Chinese
// characters (just under the click-to-translate limit), some invisible (opacity 0, visibility
// hidden), some visible in the comment list, some drawn far off screen, refilled with new text in a
// loop so every translation read back is a new one. Used by quota-guard.test.ts and `npm run bench`.
import type { Page } from 'playwright-core';
import type { DeeplTestServer } from '../support/deepl-server';

/** Every attack text starts with one of these, so the server's log tells them apart. */
export const MARK = { hidden: '攻隐', visible: '攻显', offscreen: '攻外' } as const;
export const ATTACK_TEXT_CHARS = 4_999;

export interface AttackRun {
  refills: number;
  /** Translations of attack texts the page script could read back from our lines. */
  readBack: number;
}

/** Runs the attack in the page for `durationMs` (bounded), then stops its loop. */
export function runAttack(page: Page, durationMs: number): Promise<AttackRun> {
  return page.evaluate(
    async ({ durationMs, mark, length }) => {
      const list = document.querySelector('.comments-container .list-container')!;
      let seed = 0;
      // 4,999 distinct Han characters, a new run of them each time.
      const text = (prefix: string) => {
        seed += 7_919;
        let s = prefix;
        for (let i = s.length; i < length; i++) s += String.fromCharCode(0x4e00 + ((seed + i) % 20_900));
        return s;
      };
      const comment = (prefix: string, style: string, contentStyle = '') => {
        const item = document.createElement('div');
        item.className = 'comment-item';
        item.setAttribute('style', style);
        const content = document.createElement('div');
        content.className = 'content';
        content.setAttribute('style', contentStyle);
        const span = document.createElement('span');
        span.className = 'note-text';
        span.append(text(prefix));
        content.append(span);
        item.append(content);
        return { item, span, prefix };
      };
      const anchor = list.children[2] ?? null;
      // Each 40 px high (the rest clipped), so all of them sit on or near the screen.
      const short = 'height: 40px; overflow: hidden';
      const comments = [
        ...[0, 1, 2].map(() => comment(mark.visible, '', short)),
        ...[0, 1, 2].map(() => comment(mark.hidden, 'opacity: 0', short)),
        ...[0, 1].map(() => comment(mark.hidden, 'visibility: hidden', short)),
        ...[0, 1].map(() => comment(mark.offscreen, 'position: fixed; left: -20000px; top: 0; width: 300px')),
      ];
      for (const c of comments) list.insertBefore(c.item, anchor);
      let refills = 0;
      let readBack = 0;
      const end = performance.now() + durationMs;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 50));
        for (const c of comments) {
          // Our line under the comment: a translation (not "…", not an error) is a free one.
          const ours = c.span.querySelector('[data-rnl]');
          if (ours && !ours.className.includes('pending') && !ours.className.includes('error')) readBack++;
          c.span.firstChild!.nodeValue = text(c.prefix);
          refills++;
        }
      }
      return { refills, readBack };
    },
    { durationMs, mark: MARK, length: ATTACK_TEXT_CHARS },
  );
}

/** Characters of attack texts the DeepL server received, by kind. */
export function attackCharactersSent(deepl: DeeplTestServer) {
  const sent = { hidden: 0, visible: 0, offscreen: 0 };
  for (const text of deepl.translateRequests().flatMap((r) => r.texts ?? [])) {
    for (const kind of Object.keys(MARK) as Array<keyof typeof MARK>) if (text.startsWith(MARK[kind])) sent[kind] += [...text].length;
  }
  return { ...sent, total: sent.hidden + sent.visible + sent.offscreen };
}

/** Our "continue?" prompt (its host is all the page, and this test, can see of it). */
export const PROMPT = '[data-rnl=notice]';

/** The reader's click on the prompt: a real (trusted) mouse click at its place on screen. */
export async function clickPrompt(page: Page) {
  const box = (await page.locator(PROMPT).boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}
