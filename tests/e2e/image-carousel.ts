// A replica of the note's image carousel (Swiper, as the client renders it: .note-slider >
// .swiper-wrapper > .swiper-slide[data-swiper-slide-index] > img, the slide on screen marked
// .swiper-slide-active), with generated images served under the image CDN's host. The page script
// here plays the client's Swiper: it is not ours.
import type { BrowserContext, Page } from 'playwright-core';
import { drawScenes, SCENES, type Scene } from '../support/ocr-images';

export const CDN = 'https://sns-webpic-qc.xhscdn.com/e2e';

export interface ImageRoutes {
  scenes: Scene[];
  /** Names whose next fetches fail (HTTP 503), as a CDN refusing the extension's request would. */
  failing: Set<string>;
  /** Fetches of each image by anyone (the page, the extension's worker). */
  fetches: Map<string, number>;
  /** URLs fetched by the extension (not loaded as the page's images), in order. */
  extensionFetches: string[];
}

/** Draws the scenes once and serves them at `${CDN}/<name>.jpg`. */
export async function serveImages(context: BrowserContext, names: string[]): Promise<ImageRoutes> {
  const scenes = names.map((n) => SCENES.find((s) => s.name === n)!);
  const blank = await context.newPage();
  const images = await drawScenes(blank, scenes);
  await blank.close();
  const routes: ImageRoutes = { scenes, failing: new Set(), fetches: new Map(), extensionFetches: [] };
  await context.route(`${CDN}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop()!.replace(/\.jpg$/, '');
    routes.fetches.set(name, (routes.fetches.get(name) ?? 0) + 1);
    if (route.request().resourceType() !== 'image') routes.extensionFetches.push(route.request().url());
    const data = images.get(name);
    if (!data || routes.failing.has(name)) return route.fulfill({ status: 503, body: 'unavailable' });
    return route.fulfill({ contentType: 'image/jpeg', body: Buffer.from(data.split(',')[1]!, 'base64'), headers: { 'cache-control': 'no-store' } });
  });
  return routes;
}

const CAROUSEL_SCRIPT = `
window.__carousel = (urls) => {
  const slider = document.querySelector('.note-slider');
  slider.replaceChildren();
  slider.className = 'note-slider swiper';
  slider.style.cssText = 'position:relative;overflow:hidden;padding:0;display:block;flex:1;background:#000';
  const wrapper = document.createElement('div');
  wrapper.className = 'swiper-wrapper';
  // translate3d and will-change, as Swiper's own wrapper: the slide runs on the compositor, not the page's main thread.
  wrapper.style.cssText = 'display:flex;height:100%;transition:transform .25s;will-change:transform';
  urls.forEach((url, i) => {
    const slide = document.createElement('div');
    slide.className = 'swiper-slide' + (i === 0 ? ' swiper-slide-active' : '');
    slide.dataset.swiperSlideIndex = String(i);
    slide.style.cssText = 'position:relative;flex:0 0 100%;width:100%;height:100%';
    const img = document.createElement('img');
    img.src = url;
    img.style.cssText = 'width:100%;height:100%;object-fit:contain;display:block';
    slide.append(img);
    wrapper.append(slide);
  });
  slider.append(wrapper);
  // Swiper's "next" arrow: the reader's click slides.
  const next = document.createElement('div');
  next.className = 'swiper-button-next';
  next.style.cssText = 'position:absolute;right:8px;top:50%;width:32px;height:32px;margin-top:-16px;border-radius:50%;background:rgba(255,255,255,.8);z-index:10;cursor:pointer';
  next.addEventListener('click', () => window.__slideTo(current + 1));
  slider.append(next);
  let current = 0;
  window.__slideTo = (i) => {
    current = i;
    wrapper.style.transform = 'translate3d(' + (-100 * i) + '%, 0, 0)';
    wrapper.querySelectorAll('.swiper-slide').forEach((s, j) => s.classList.toggle('swiper-slide-active', j === i));
  };
};`;

/** Replaces the replica note's slider placeholder with a carousel of the given images. */
export async function installCarousel(page: Page, urls: string[]) {
  await page.addScriptTag({ content: CAROUSEL_SCRIPT });
  await page.evaluate((u) => (window as unknown as { __carousel(u: string[]): void }).__carousel(u), urls);
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>('.note-slider img')].every((img) => img.complete && img.naturalWidth > 0));
}

/** The reader's slide to the next image: a click of theirs on Swiper's arrow (a trusted gesture). */
export async function slideTo(page: Page, index: number) {
  const current = await page.evaluate(() => [...document.querySelectorAll('.note-slider .swiper-slide')].findIndex((s) => s.classList.contains('swiper-slide-active')));
  if (index !== current + 1) throw new Error(`slideTo: the reader slides one image on (from ${current}, not to ${index})`);
  await page.click('.note-slider .swiper-button-next');
}
