// Text in images, the worker's part: a note image's URL checked (the image CDN only), its recognised
// lines from the cache or from the recogniser (the offscreen document), one recognition per URL at a time.
import type { ImageTextCache } from '../cache/image-text-cache';
import type { Handlers } from '../messaging/handler';
import type { ImageText } from '../messaging/ocr';
import { isNoteImageUrl } from '../sites/xiaohongshu/hosts';

export interface ImageTextDeps {
  cache: ImageTextCache;
  /** Fetch the image and recognise its text (where recognition runs: the offscreen document in Chrome). */
  recognise(url: string): Promise<ImageText>;
}

export function createImageText(deps: ImageTextDeps) {
  const running = new Map<string, Promise<ImageText>>();
  const recognise = async (url: string): Promise<ImageText> => {
    if (!isNoteImageUrl(url)) throw new Error('Not a note image: only images on the site\'s image CDN are read.');
    const cached = await deps.cache.get(url);
    if (cached) return cached;
    let job = running.get(url);
    if (!job) {
      job = deps.recognise(url).then(async (text) => {
        await deps.cache.set(url, text);
        return text;
      });
      running.set(url, job);
      void job.finally(() => running.delete(url)).catch(() => {});
    }
    return job;
  };
  const handlers: Pick<Handlers, 'recognise-image'> = { 'recognise-image': (request) => recognise(request.url) };
  return { handlers, recognise, clear: () => deps.cache.clear() };
}
