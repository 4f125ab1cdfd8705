// Text in images with the real engine behind it, wired as background.ts wires them: an image's lines
// are translated in the asking tab's name, so they count against that tab's rate limit, and a tab
// paused for an unusual amount of text gets no image line sent either (a page script could otherwise
// spend the reader's quota through images). Against the local DeepL-compatible server.
import { describe, expect, test } from 'vitest';
import { openTranslationCache } from '../../../lib/cache';
import { openImageTextCache } from '../../../lib/cache/image-text-cache';
import type { Segment } from '../../../lib/messaging/contract';
import type { ImageText } from '../../../lib/messaging/ocr';
import { DEFAULT_SETTINGS } from '../../../lib/settings/defaults';
import { createEngine } from '../../../lib/worker/engine';
import { createImageText, linesInTabsName } from '../../../lib/worker/image-text';
import { type DeeplTestServer } from '../../support/deepl-server';
import { useDeeplServer } from '../../support/use-deepl-server';

let server: DeeplTestServer;
useDeeplServer((started) => (server = started));

const KEY = 'images:fx';
const URL_1 = 'https://sns-webpic-qc.xhscdn.com/202611/abc!nd_dft_wlteh_webp_3';
const box = { x: 10, y: 10, width: 300, height: 60 };
/** An image of two lines, 20 characters in all. */
const LINES = ['周末打卡人均五十好吃', '环境很好服务也很热情'];
const TEXT: ImageText = { width: 1080, height: 1440, lines: LINES.map((text) => ({ text, box, vertical: false, confidence: 0.99 })) };
/** A tab's allowance: 100 characters a minute (all tabs: 1,000). */
const TAB_CHARACTERS = 100;

async function imagesWithEngine() {
  const engine = createEngine({
    cache: await openTranslationCache({ indexedDB: null }),
    answerWithinMs: 3_000,
    queue: { windowMs: 5 },
    rateLimit: { tab: { characters: TAB_CHARACTERS, windowMs: 60_000 }, global: { characters: 1_000, windowMs: 60_000 } },
  });
  engine.configure({ key: KEY, serverUrl: server.url, settings: DEFAULT_SETTINGS });
  // As background.ts: one translate for the pages' asks and the images' lines (linesInTabsName).
  const sender = (tab: number) => ({ id: 'ext', tab: { id: tab } });
  const images = createImageText({
    cache: await openImageTextCache({ indexedDB: false }),
    recognise: async () => TEXT,
    translate: linesInTabsName(engine.handlers.translate, 'ext'),
    render: async (lines) => (lines.length ? 'data:image/png;base64,AAAA' : null),
  });
  const askText = async (tab: number, segments: Segment[]) => (await engine.handlers.translate({ type: 'translate', segments }, sender(tab))).results;
  const askImage = (tab: number, url = URL_1) => images.handlers['recognise-image']({ type: 'recognise-image', url }, sender(tab));
  /** Every text the provider was sent. */
  const sent = () => server.translateRequests().flatMap((request) => request.texts ?? []);
  return { askText, askImage, sent };
}

describe("an image's lines are held to the tab's rate limit", () => {
  test('a tab paused for an unusual amount of text: its images\' lines are not sent (untranslated: paused); another tab\'s are', async () => {
    const { askText, askImage, sent } = await imagesWithEngine();
    // Tab 1 spends its allowance on the page's text.
    expect(await askText(1, [{ id: 'a', text: '评'.repeat(TAB_CHARACTERS + 1) }])).toMatchObject([{ ok: false, error: { kind: 'paused' } }]);
    expect(await askImage(1)).toStrictEqual({ ok: true, text: TEXT, english: [null, null], overlay: null, untranslated: 'paused' });
    expect(sent()).toEqual([]);
    // Tab 2 has its own allowance: the same image's lines go.
    const other = await askImage(2);
    expect(other).toMatchObject({ ok: true, english: [expect.stringMatching(/^⟪EN⟫/), expect.stringMatching(/^⟪EN⟫/)] });
    expect(other).not.toHaveProperty('untranslated');
    expect(sent()).toEqual(LINES);
  });

  test("an image's lines count against the tab's allowance: the page's text that would fit alone is then refused", async () => {
    const { askText, askImage, sent } = await imagesWithEngine();
    expect(await askImage(1)).toMatchObject({ ok: true, english: [expect.any(String), expect.any(String)] });
    // 20 characters of the image's lines spent: 90 more of the page's text is past the 100.
    const page = '评'.repeat(TAB_CHARACTERS - 10);
    expect(await askText(1, [{ id: 'a', text: page }])).toMatchObject([{ ok: false, error: { kind: 'paused' } }]);
    expect(await askText(2, [{ id: 'b', text: page }])).toMatchObject([{ ok: true }]);
    expect(sent()).toEqual([...LINES, page]);
  });
});
