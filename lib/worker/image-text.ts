// Text in images, the worker's part: a note image's URL checked (the image CDN only), its recognised
// lines from the cache or from the recogniser (the offscreen document), one recognition per URL at a time;
// their English through the ordinary translate path (cache, batching, the tab's limits), drawn here as
// one picture the page lays over the image (lib/ocr/overlay.ts): the page gets one answer per image.
// A page script cannot drive recognition (CPU, fetches): per tab, one image recognised at a time and
// a few new images a minute (what the cache answers is not counted), and a bounded number of answers a
// minute (each carries a drawn picture; the last few drawings are kept, so asking again draws nothing).
import type { ImageTextCache } from '../cache/image-text-cache';
import type { Segment, SegmentResult } from '../messaging/contract';
import type { Handlers } from '../messaging/handler';
import { RETRYABLE_KINDS, type ErrorKind } from '../core/errors';
import { IMAGE_ANSWERS_PER_MINUTE, IMAGE_RECOGNITIONS_PER_MINUTE } from '../messaging/limits';
import type { ImageAnswer, ImageText } from '../messaging/ocr';
import { failureKindOf, ImageError } from '../ocr/errors';
import type { OverlayLine } from '../ocr/overlay';
import { isNoteImageUrl } from '../sites/xiaohongshu/hosts';

export interface ImageTextDeps {
  cache: ImageTextCache;
  /** Fetch the image and recognise its text (where recognition runs: the offscreen document in Chrome). */
  recognise(url: string): Promise<ImageText>;
  /**
   * Whether the reader granted host access to the image CDN (an optional permission, asked on first
   * use): without it the fetch fails, so the page is told what to do instead. Absent: granted.
   */
  hasAccess?(): Promise<boolean>;
  /** The lines' English, asked in the tab's name (its rate limit and pause apply): the engine's translate. */
  translate(segments: Segment[], tab: number): Promise<SegmentResult[]>;
  /** The English drawn over a transparent picture the image's size: a PNG data URL, null with no line to draw. */
  render(lines: OverlayLine[], width: number, height: number): Promise<string | null>;
  now?(): number;
}

/**
 * The images' `translate`, made from the pages' translate handler: an image's lines asked in the tab's
 * name, as its text is, so the tab's rate limit, pause and the budget hold them (a page script must not
 * spend the reader's quota through images).
 */
export const linesInTabsName = (translate: Handlers['translate'], extensionId: string): ImageTextDeps['translate'] => async (segments, tab) =>
  (await translate({ type: 'translate', segments }, { id: extensionId, tab: { id: tab } })).results;

/** Lines the translator gave no answer for (the worker restarting), or still in its hands with no time said: asked again this soon. */
const NO_ANSWER_RETRY_MS = 1_000;
/**
 * How long an answer waits for the lines' English. The page asks one image at a time, so a slow
 * translation (a chat model on 150 lines) must not hold the next image's answer: past this, the answer
 * goes with the English it has and a `retryAt`; the translation goes on and its English is cached.
 */
export const IMAGE_TRANSLATION_WAIT_MS = 2_000;
/** Drawings kept, keyed by image and English: an image asked again is not drawn again. */
const DRAWINGS_KEPT = 8;

/** Where the reader grants host access to the image CDN: the options page's section (its button is the gesture the request needs). */
export const IMAGE_ACCESS_PATH = '/options.html#images';
export const IMAGE_NO_ACCESS = 'image access: the reader has not allowed RedNote Lens to load images from the image CDN.';

export const IMAGE_BUSY = 'image busy: this tab has an image being read; ask again when it is done.';
export const IMAGE_LIMIT = 'image limit: this tab asked for more images than a reader turns to in a minute.';

const MINUTE_MS = 60_000;

export function createImageText(deps: ImageTextDeps) {
  const now = deps.now ?? Date.now;
  const running = new Map<string, Promise<ImageText>>();
  /** Tabs with a recognition in flight, and when each tab's recent recognitions started. */
  const busyTabs = new Set<number>();
  const started = new Map<number, number[]>();
  /** Bumped by clear: a recognition that began before does not write its text into the emptied cache. */
  let generation = 0;

  /** When each tab's recent answers went (any answer: each carries a drawing). */
  const answered = new Map<number, number[]>();
  const drawings = new Map<string, Promise<string | null>>();

  /** The English drawn, or the same drawing again (the most recent kept; a failed one forgotten). */
  const draw = (url: string, text: ImageText, english: Array<string | null>) => {
    const key = `${url}\n${english.join('\u0000')}`;
    let drawing = drawings.get(key);
    if (!drawing) {
      // A line whose English is its own text (a price, a brand in Latin letters) is left as the picture shows it.
      const lines = text.lines.flatMap((line, i) => (english[i] === null || english[i] === line.text ? [] : [{ box: line.box, vertical: line.vertical, english: english[i]! }]));
      drawing = deps.render(lines, text.width, text.height);
      drawing.catch(() => drawings.delete(key));
    } else drawings.delete(key); // moved to the newest end
    drawings.set(key, drawing);
    if (drawings.size > DRAWINGS_KEPT) drawings.delete(drawings.keys().next().value!);
    return drawing;
  };

  const admit = (tab: number) => {
    if (busyTabs.has(tab)) throw new ImageError('busy', IMAGE_BUSY);
    const recent = (started.get(tab) ?? []).filter((at) => now() - at < MINUTE_MS);
    if (recent.length >= IMAGE_RECOGNITIONS_PER_MINUTE) throw new ImageError('limit', IMAGE_LIMIT);
    started.set(tab, [...recent, now()]);
  };

  /** `tab`: the asking tab (none for the worker's own use, which is not limited). */
  const recognise = async (url: string, tab?: number): Promise<ImageText> => {
    if (!isNoteImageUrl(url)) throw new Error('Not a note image: only images on the site\'s image CDN are read.');
    const cached = await deps.cache.get(url);
    if (cached) return cached;
    // Asked before the running jobs are looked at: no await between that look and the job's entry.
    if (deps.hasAccess && !(await deps.hasAccess().catch(() => false))) throw new ImageError('access', IMAGE_NO_ACCESS);
    let job = running.get(url);
    if (job) return job; // already being read (for this tab or another): nothing new to count
    if (tab !== undefined) admit(tab);
    const run = generation;
    job = deps.recognise(url).then(async (text) => {
      if (run === generation) await deps.cache.set(url, text);
      return text;
    });
    running.set(url, job);
    if (tab !== undefined) busyTabs.add(tab);
    void job
      .finally(() => {
        running.delete(url);
        if (tab !== undefined) busyTabs.delete(tab);
      })
      .catch(() => {});
    return job;
  };
  /** The lines' English within IMAGE_TRANSLATION_WAIT_MS: per line, its text, or when to ask again, or why not. */
  const englishOf = async (text: ImageText, tab: number) => {
    const english: Array<string | null> = text.lines.map(() => null);
    let retryAt: number | undefined;
    let untranslated: ErrorKind | undefined;
    if (!text.lines.length) return { english };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const results = await Promise.race([
      deps.translate(text.lines.map((line, i) => ({ id: String(i), text: line.text })), tab).catch((): SegmentResult[] => []),
      new Promise<SegmentResult[]>((resolve) => (timer = setTimeout(() => resolve([]), IMAGE_TRANSLATION_WAIT_MS))),
    ]);
    clearTimeout(timer);
    for (const result of results) {
      const i = Number(result.id);
      if (!(i in english)) continue;
      if (result.ok) english[i] = result.text;
      else if (result.error.retryAt !== undefined) retryAt = Math.max(retryAt ?? 0, result.error.retryAt);
      // Still in the translator's hands with no time said (past the worker's answer deadline): soon.
      else if (RETRYABLE_KINDS.has(result.error.kind)) retryAt = Math.max(retryAt ?? 0, now() + NO_ANSWER_RETRY_MS);
      else untranslated ??= result.error.kind;
    }
    // Lines with no result at all (not answered in time, the worker restarting) are asked again soon.
    if (results.length < text.lines.length) retryAt = Math.max(retryAt ?? 0, now() + NO_ANSWER_RETRY_MS);
    return { english, ...(retryAt === undefined ? {} : { retryAt }), ...(untranslated ? { untranslated } : {}) };
  };

  /** The page's ask: the text, its English and the English drawn; or why not, as a kind. */
  const answer = async (url: string, tab: number): Promise<ImageAnswer> => {
    const recent = (answered.get(tab) ?? []).filter((at) => now() - at < MINUTE_MS);
    if (recent.length >= IMAGE_ANSWERS_PER_MINUTE) return { ok: false, kind: 'limit' }; // more answers than a reader needs in a minute
    answered.set(tab, [...recent, now()]);
    try {
      const text = await recognise(url, tab);
      const { english, ...more } = await englishOf(text, tab);
      // A drawing that fails (no canvas, no memory) leaves the English undrawn: the page says so.
      const overlay = await draw(url, text, english).catch(() => null);
      return { ok: true, text, english, overlay, ...more };
    } catch (error) {
      return { ok: false, kind: failureKindOf(error) };
    }
  };
  const handlers: Pick<Handlers, 'recognise-image'> = { 'recognise-image': (request, sender) => answer(request.url, sender.tab?.id ?? -1) };
  return {
    handlers,
    recognise,
    clear: () => {
      generation++;
      return deps.cache.clear();
    },
  };
}

export type ImageTextService = ReturnType<typeof createImageText>;

/**
 * Text in images made on first use: no other message waits for its cache to open, and a worker that
 * is never asked for an image (Firefox, a reader who never clicks one) never opens it.
 */
export function lazyImageText(open: () => Promise<ImageTextService>) {
  let opened: Promise<ImageTextService> | undefined;
  const get = () =>
    (opened ??= open().catch((error: unknown) => {
      opened = undefined;
      throw error;
    }));
  const handlers: Pick<Handlers, 'recognise-image'> = { 'recognise-image': async (request, sender) => (await get()).handlers['recognise-image'](request, sender) };
  return { handlers, clear: async () => (await get()).clear() };
}
