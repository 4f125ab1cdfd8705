// Text in images without host access to the image CDN: the permission is optional (asked on first use,
// not at install). The built extension as installed, nothing granted: the reader's click on
// *Translate image* opens the options page's section that asks for it, the image says what to do, no
// image is fetched by the extension, and the rest of the page is translated as before. (Granting it
// needs the browser's prompt, which headless Chromium shows to no one: image-text.test.ts runs a copy
// of the build with the access granted.)
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';
import { CDN, installCarousel, serveImages, type ImageRoutes } from './image-carousel';
import { contentProbe } from './soak';

const NOTE = '/explore/66f0a1b2000000001e012345';
type Layer = { src: string; label: string; control: { x: number; y: number; width: number; height: number } };

let session: ExtensionSession;
let images: ImageRoutes;
beforeAll(async () => {
  session = await launchExtension();
  images = await serveImages(session.context, ['cover-headline', 'price-list']);
});
afterAll(() => session?.close());

async function openNote() {
  const page = await session.openSite(NOTE);
  await page.waitForSelector('#detail-title');
  await installCarousel(page, [`${CDN}/cover-headline.jpg`, `${CDN}/price-list.jpg`]);
  const probe = await contentProbe(page);
  await expect.poll(() => probe.evaluate<boolean>('typeof globalThis.__rnlImageText === "function"')).toBe(true);
  const layer = async () => (await probe.evaluate<Layer[]>('globalThis.__rnlImageText()')).find((l) => l.src.endsWith('/cover-headline.jpg'));
  return { page, layer };
}

test('the first click on Translate image opens the section that asks for image access; the image says what to do; nothing else breaks', async () => {
  const { page, layer } = await openNote();
  await page.locator('.note-slider img').first().hover();
  await expect.poll(async () => (await layer())?.label).toBe('Translate image');
  const opened = session.context.waitForEvent('page');
  const control = (await layer())!.control;
  await page.mouse.click(control.x + control.width / 2, control.y + control.height / 2);
  const options = await opened;
  expect(options.url()).toBe(`chrome-extension://${session.extensionId}/options.html#images`);
  await expect.poll(() => options.getByRole('button', { name: 'Allow images from Xiaohongshu’s image server' }).isVisible()).toBe(true);
  await options.setViewportSize({ width: 900, height: 700 });
  await session.screenshot(options, 'image-access-options');
  await expect.poll(async () => (await layer())?.label).toBe('Allow images in the RedNote Lens tab, then click here');
  // No image fetched by the extension, and the page's own text is translated as before.
  expect(images.extensionFetches).toEqual([]);
  await expect.poll(() => page.locator('#detail-title [data-rnl]').count()).toBeGreaterThan(0);
  // Another click: the options tab already open is shown again at #images, no second tab.
  await options.evaluate(() => (location.hash = ''));
  const tabs = session.context.pages().length;
  await page.mouse.click(control.x + control.width / 2, control.y + control.height / 2);
  await expect.poll(() => options.url()).toBe(`chrome-extension://${session.extensionId}/options.html#images`);
  expect(session.context.pages().length).toBe(tabs);
  await options.close();
  await page.close();
});

test('with "translate the images of a note I open" and no access: the image says so, and no page opens by itself', async () => {
  await session.setSettings({ translateImages: true });
  const pages = session.context.pages().length;
  const { page, layer } = await openNote();
  await expect.poll(async () => (await layer())?.label, { timeout: 20_000 }).toBe('Allow RedNote Lens to load images — click');
  expect(session.context.pages().length).toBe(pages + 1);
  expect(images.extensionFetches).toEqual([]);
  await session.setSettings({ translateImages: false });
  await page.close();
});
