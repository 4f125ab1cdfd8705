// Text in images in the browser: the built extension on a replica note with three generated images in
// a carousel (served under the image CDN's host). The English appears over the current image, follows
// the slides and the window's size, off restores the picture, a failed image fetch says so on the image.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { groundTruth, SCENES } from '../support/ocr-images';
import { IMAGE_CDN_MATCHES } from '../../lib/sites/xiaohongshu/hosts';
import { extensionWithHostsGranted } from './chat-setup';
import { launchExtension, SCREENSHOT_DIR, type ExtensionSession } from './harness';
import { CDN, installCarousel, serveImages, slideTo, type ImageRoutes } from './image-carousel';
import { contentProbe } from './soak';

const NOTE = '/explore/66f0a1b2000000001e012345';
const NAMES = ['cover-headline', 'price-list', 'dense-slide'];
const FEED_COVER_NAME = 'cover-serif';

interface Described {
  src: string;
  state: string;
  label: string;
  control: Rect;
  picture: Rect;
  overlay: { shown: boolean; width: number; height: number; chars: number; alt: string; rect: Rect } | null;
  lines: Array<{ text: string; source: string; rect: Rect }>;
}
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

let session: ExtensionSession;
let images: ImageRoutes;
/** The image CDN's host access granted, as the reader's click on the options page's button would (tests/e2e/image-access.test.ts: not granted). */
const extension = extensionWithHostsGranted(IMAGE_CDN_MATCHES);
beforeAll(async () => {
  session = await launchExtension({ extensionDir: extension.dir });
  images = await serveImages(session.context, [...NAMES, 'no-text', FEED_COVER_NAME]);
});
afterAll(async () => {
  await session?.close();
  extension.remove();
});

async function openNote(urls = NAMES.map((n) => `${CDN}/${n}.jpg`)) {
  const page = await session.openSite(NOTE);
  await page.waitForSelector('#detail-title');
  await installCarousel(page, urls);
  const probe = await contentProbe(page);
  await expect.poll(() => probe.evaluate<boolean>('typeof globalThis.__rnlImageText === "function"')).toBe(true);
  const layers = () => probe.evaluate<Described[]>('globalThis.__rnlImageText()');
  const layerOf = async (name: string) => (await layers()).find((l) => l.src.endsWith(`/${name}.jpg`));
  return { page, layers, layerOf };
}

/** The reader's pointer over the current image, then a real click on our control. */
async function clickControl(page: Page, layerOf: (name: string) => Promise<Described | undefined>, name: string, beforeClick?: () => Promise<unknown>) {
  const img = page.locator(`.note-slider img[src$="/${name}.jpg"]`);
  await img.hover();
  await expect.poll(async () => (await layerOf(name))?.label).toBeTruthy();
  await beforeClick?.();
  await clickOn((await layerOf(name))!.control, page);
}

const clickOn = (r: Rect, page: Page) => page.mouse.click(r.x + r.width / 2, r.y + r.height / 2);

/** The carousel alone, for the README (test-results/screenshots; copied to docs/screenshots by hand). */
async function shoot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator('.note-slider').screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * For each rect, the shares of what the screen shows there that are our boxes' dark grey (#181818, as
 * lib/ocr/overlay.ts draws them) and near white (its letters), from one screenshot: the English is drawn
 * as a picture, so only pixels say it is there.
 */
async function shares(page: Page, rects: Rect[]): Promise<Array<{ dark: number; light: number }>> {
  const png = await page.screenshot();
  return page.evaluate(
    async ({ data, rects }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const ctx = new OffscreenCanvas(img.width, img.height).getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const scale = img.width / innerWidth;
      return rects.map((r) => {
        // Inside the box by 2 px: its rounded corners and edge are the picture's.
        const [x, y, w, h] = [r.x + 2, r.y + 2, r.width - 4, r.height - 4].map((v) => Math.max(1, Math.round(v * scale)));
        const px = ctx.getImageData(x!, y!, w!, h!).data;
        let dark = 0;
        let light = 0;
        for (let i = 0; i < px.length; i += 4) {
          if ([0, 1, 2].every((c) => Math.abs(px[i + c]! - 0x18) <= 20)) dark++;
          else if ([0, 1, 2].every((c) => px[i + c]! >= 0xe0)) light++;
        }
        return { dark: dark / (px.length / 4), light: light / (px.length / 4) };
      });
    },
    { data: png.toString('base64'), rects },
  );
}

/** Our English on screen in each rect: mostly our box's grey, with letters on it (the picture's own there is neither). */
async function expectEnglishDrawn(page: Page, rects: Rect[]) {
  for (const { dark, light } of await shares(page, rects)) {
    expect(dark).toBeGreaterThan(0.7);
    expect(light).toBeGreaterThan(0.01); // thin letters of a small size: 2–3 % of the box
  }
}

const inside = (inner: Rect, outer: Rect) => inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;

test('English over the current image, every line, inside the picture; it follows slides and resizes; off restores', async () => {
  const { page, layerOf, layers } = await openNote();
  // Nothing of ours before the reader asks (the control only appears on the pointer).
  expect(await layers()).toEqual([]);
  await clickControl(page, layerOf, 'cover-headline', () => shoot(page, 'image-text-cover-before'));
  await expect.poll(async () => (await layerOf('cover-headline'))?.lines.length, { timeout: 60_000 }).toBe(groundTruth(images.scenes[0]!).length);
  await expect.poll(async () => (await layerOf('cover-headline'))!.lines.every((l) => l.text.includes('⟪EN⟫')), { timeout: 20_000 }).toBe(true);
  let layer = (await layerOf('cover-headline'))!;
  expect(layer.lines.map((l) => l.source)).toEqual(groundTruth(images.scenes[0]!));
  expect(layer.label).toBe('Show original');
  for (const line of layer.lines) expect(inside(line.rect, layer.picture)).toBe(true);
  // The English is on screen: each line's box is mostly our dark grey (white letters on it).
  await expectEnglishDrawn(page, layer.lines.map((l) => l.rect));
  expect(layer.overlay).toMatchObject({ shown: true });
  await shoot(page, 'image-text-cover-after');

  // The next slide: translated as it comes on screen (the reader asked for this note's images).
  await slideTo(page, 1);
  await expect.poll(async () => (await layerOf('price-list'))?.lines.filter((l) => l.text.includes('⟪EN⟫')).length, { timeout: 60_000 }).toBe(groundTruth(images.scenes[1]!).length);
  layer = (await layerOf('price-list'))!;
  await expect.poll(async () => inside((await layerOf('price-list'))!.lines[0]!.rect, (await layerOf('price-list'))!.picture)).toBe(true);

  // A smaller window: the lines scale with the picture.
  const before = (await layerOf('price-list'))!;
  await page.setViewportSize({ width: 900, height: 640 });
  await expect.poll(async () => (await layerOf('price-list'))!.picture.width).toBeLessThan(before.picture.width);
  const after = (await layerOf('price-list'))!;
  for (const line of after.lines) expect(inside(line.rect, after.picture)).toBe(true);
  expect(after.lines[0]!.rect.width / after.picture.width).toBeCloseTo(before.lines[0]!.rect.width / before.picture.width, 2);

  // The third, a dense slide; the toggle shows the original picture, and the English again.
  await page.setViewportSize({ width: 1280, height: 900 });
  await slideTo(page, 2);
  const dense = groundTruth(images.scenes[2]!);
  await expect.poll(async () => (await layerOf('dense-slide'))?.lines.filter((l) => l.text.includes('⟪EN⟫')).length, { timeout: 60_000 }).toBe(dense.length);
  expect((await layerOf('dense-slide'))!.lines.map((l) => l.source)).toEqual(dense);
  await expect.poll(async () => (await layerOf('dense-slide'))!.picture.x).toBeCloseTo((await page.locator('.note-slider').boundingBox())!.x, 0);
  await shoot(page, 'image-text-slide-after');
  const denseLines = (await layerOf('dense-slide'))!.lines;
  await expectEnglishDrawn(page, denseLines.map((l) => l.rect));
  await clickOn((await layerOf('dense-slide'))!.control, page);
  await expect.poll(async () => (await layerOf('dense-slide'))!.label).toBe('Show English');
  expect((await layerOf('dense-slide'))!.lines).toEqual([]);
  // The picture as it is where the English was: dark letters on cream, a third of our grey at most (0.3 for its heading's bold letters).
  for (const { dark } of await shares(page, denseLines.map((l) => l.rect))) expect(dark).toBeLessThan(0.4);
  await shoot(page, 'image-text-slide-before');
  await clickOn((await layerOf('dense-slide'))!.control, page);
  await expect.poll(async () => (await layerOf('dense-slide'))!.lines.length).toBe(dense.length);

  // Each image fetched once by the page and once by the worker: recognition is cached, a read-ahead shared.
  expect(Object.fromEntries(NAMES.map((n) => [n, images.fetches.get(n)]))).toEqual(Object.fromEntries(NAMES.map((n) => [n, 2])));

  // Off: every layer gone, the page's images as they were.
  await session.setSettings({ mode: 'off' });
  await expect.poll(() => layers()).toEqual([]);
  expect(await page.locator('[data-rnl="image-layer"]').count()).toBe(0);
  await page.close();
}, 120_000); // the models' cold load and three images read: a minute on a busy 2-core machine

test('a failed image fetch says so on the image, and nothing else breaks', async () => {
  await session.setSettings({ mode: 'bilingual' });
  const { page, layerOf } = await openNote([`${CDN}/no-text.jpg`, `${CDN}/dense-slide.jpg`]);
  images.failing.add('no-text'); // the page has its picture; the extension's fetch is refused
  await clickControl(page, layerOf, 'no-text');
  await expect.poll(async () => (await layerOf('no-text'))?.label, { timeout: 30_000 }).toBe('Couldn’t load this image — click to retry');
  // The page's own text is still translated.
  await expect.poll(() => page.locator('#detail-title [data-rnl]').count()).toBeGreaterThan(0);
  // A retry once the image can be fetched: a picture without text says so, and invents nothing.
  images.failing.delete('no-text');
  await clickOn((await layerOf('no-text'))!.control, page);
  await expect.poll(async () => (await layerOf('no-text'))?.label, { timeout: 60_000 }).toBe('No text found');
  expect((await layerOf('no-text'))!.lines).toEqual([]);
  await page.close();
});

test('with "translate the images of a note I open", the current image gets its English without a click', async () => {
  await session.setSettings({ mode: 'replace', translateImages: true });
  const { page, layerOf } = await openNote([`${CDN}/price-list.jpg`, `${CDN}/cover-headline.jpg`]);
  await expect.poll(async () => (await layerOf('price-list'))?.lines.filter((l) => l.text.includes('⟪EN⟫')).length, { timeout: 60_000 }).toBe(groundTruth(images.scenes[1]!).length);
  await slideTo(page, 1);
  await expect.poll(async () => (await layerOf('cover-headline'))?.lines.length, { timeout: 60_000 }).toBe(groundTruth(images.scenes[0]!).length);
  await session.setSettings({ translateImages: false });
  await page.close();
});

test('a page script cannot drive recognition: hidden planted images are never read, slides and srcs swapped in a loop read a bounded number of times', async () => {
  await session.setSettings({ mode: 'replace', translateImages: true });
  const { page, layerOf } = await openNote([`${CDN}/price-list.jpg`, `${CDN}/cover-headline.jpg`, `${CDN}/dense-slide.jpg`]);
  await expect.poll(async () => (await layerOf('price-list'))?.lines.length, { timeout: 60_000 }).toBe(groundTruth(images.scenes[1]!).length);
  const before = images.extensionFetches.length;
  // The page's own script: a hidden carousel planted first in the document, its image's URL new each frame;
  // the real carousel's slides swapped, and the slide after them given a new URL, each frame.
  await page.evaluate(async (cdn) => {
    const third = document.querySelector<HTMLImageElement>('.note-slider [data-swiper-slide-index="2"] img')!;
    const hidden = document.createElement('div');
    hidden.className = 'note-slider';
    hidden.style.cssText = 'opacity:0;position:fixed;top:0;left:0;width:300px;height:300px';
    hidden.innerHTML = '<div class="swiper-slide swiper-slide-active" data-swiper-slide-index="0"><img style="width:300px;height:300px"></div>';
    document.body.prepend(hidden);
    for (let i = 0; i < 150; i++) {
      hidden.querySelector('img')!.src = `${cdn}/cover-serif.jpg?hidden=${i}`;
      (window as unknown as { __slideTo(i: number): void }).__slideTo(i % 2);
      third.src = `${cdn}/dense-slide.jpg?swap=${i}`;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  }, CDN);
  await expect.poll(async () => (await layerOf('cover-headline'))?.lines.length, { timeout: 60_000 }).toBe(groundTruth(images.scenes[0]!).length);
  const during = images.extensionFetches.slice(before);
  expect(during.filter((url) => url.includes('hidden='))).toEqual([]);
  expect(during.filter((url) => url.includes('swap=')).length).toBeLessThanOrEqual(1); // the slide after read ahead once
  expect(during.length).toBeLessThanOrEqual(3);
  await session.setSettings({ translateImages: false });
  await page.close();
});

test('a feed card\'s cover: the control on hover, English over it, and the click does not open the note', async () => {
  await session.setSettings({ mode: 'bilingual', translateImages: false });
  const page = await session.openSite('/explore?cards=6');
  await page.waitForSelector('section.note-item a.cover .cover-placeholder');
  await page.evaluate((src) => {
    const img = document.createElement('img');
    img.src = src;
    img.style.cssText = 'width:100%;display:block';
    document.querySelector('section.note-item a.cover .cover-placeholder')!.replaceWith(img);
  }, `${CDN}/${FEED_COVER_NAME}.jpg`);
  await page.waitForFunction(() => (document.querySelector('section.note-item a.cover img') as HTMLImageElement | null)?.naturalWidth);
  const probe = await contentProbe(page);
  const layerOf = async () => (await probe.evaluate<Described[]>('globalThis.__rnlImageText()')).find((l) => l.src.endsWith(`/${FEED_COVER_NAME}.jpg`));
  await page.locator('section.note-item a.cover img').hover();
  await expect.poll(async () => (await layerOf())?.label).toBe('Translate image');
  const url = page.url();
  await clickOn((await layerOf())!.control, page);
  const truth = groundTruth(SCENES.find((s) => s.name === FEED_COVER_NAME)!);
  await expect.poll(async () => (await layerOf())?.lines.filter((l) => l.text.includes('⟪EN⟫')).map((l) => l.source), { timeout: 60_000 }).toEqual(truth);
  for (const line of (await layerOf())!.lines) expect(inside(line.rect, (await layerOf())!.picture)).toBe(true);
  expect(page.url()).toBe(url);
  expect(await page.locator('.note-detail-mask, #noteContainer').count()).toBe(0);
  await page.close();
});
