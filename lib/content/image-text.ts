// Text in images, the page's part: a "Translate image" control on a note's carousel image or a feed
// card's cover (shown when the pointer comes over it), and one ask of the worker per image: it fetches
// the image, reads it in its offscreen document (no pixel is read here), translates the lines through
// the ordinary path (cache, batching, the tab's limits) and draws their English as one picture, which
// the layer lays over the image. Once the reader asked for one image of a note, the note's other images
// are translated as they come on screen, the next one read ahead and shown as its slide comes in.
import type { ProviderChoice } from '../core/provider-types';
import { errorReason } from '../core/translator-words';
import { coverBox, percentBox } from '../ocr/cover-box';
import type { ImageAccessOpened, ImageAnswer, ImageFailureKind } from '../messaging/ocr';
import { decodeOverlay, mountImageLayer, WAIT_LABEL_MS, type ImageLayer, type LayerLine, type LayerState } from '../render/image-layer';
import { isNoteImageUrl } from '../sites/xiaohongshu/hosts';
import { FEED_COVER, NOTE_ACTIVE_IMAGE, NOTE_IMAGE, NOTE_SLIDE, NOTE_SLIDE_CLONE, NOTE_SLIDE_INDEX, NOTE_SLIDER } from '../sites/xiaohongshu/selectors';
import { watchReaderGestures, type ReaderGestures } from './reader-gesture';
import { readerCanSee, UNSEEN_RECHECK_MS } from './visibility';

export interface ImageTextDeps {
  doc: Document;
  /** The worker's answer for an image: its lines, their English, that English drawn. */
  recognise(url: string): Promise<ImageAnswer>;
  /** Opens the extension's page where the reader grants access to the image CDN (a content script cannot ask for it). */
  openImageAccess?(): Promise<ImageAccessOpened>;
  /** The content script's run: when it aborts, every layer and observer of ours ends (a timer left finds it ended). */
  signal?: AbortSignal;
  /** The translator chosen, to name it when lines cannot be translated. */
  translator?(): ProviderChoice;
  /** The reader's gestures (a test's fake); by default, watched on `doc`. */
  gestures?: ReaderGestures;
}

/**
 * Is the image drawn where a reader sees it: of some size in the window once the carousel's box has
 * clipped it (a slide off to the side, or an image a page script planted hidden, is not). Images are
 * read without a click only when this holds, so a page cannot have its hidden images read (issue 12).
 */
export function imageReaderCanSee(image: HTMLImageElement): boolean {
  const view = image.ownerDocument.defaultView;
  if (!view) return false;
  const rect = image.getBoundingClientRect();
  const clip = image.closest(NOTE_SLIDER)?.getBoundingClientRect();
  const left = Math.max(rect.left, clip?.left ?? 0, 0);
  const top = Math.max(rect.top, clip?.top ?? 0, 0);
  const right = Math.min(rect.right, clip?.right ?? Infinity, view.innerWidth);
  const bottom = Math.min(rect.bottom, clip?.bottom ?? Infinity, view.innerHeight);
  const intersectionRect = { width: right - left, height: bottom - top } as DOMRectReadOnly;
  return readerCanSee({ target: image, isIntersecting: true, boundingClientRect: rect, intersectionRect });
}

/** Why an image has no English, in the reader's words. */
export const FAILURE_LABEL: Record<ImageFailureKind, string> = {
  'no-offscreen': 'Text in images needs Chrome',
  'old-chrome': 'Text in images needs Chrome 137 or newer',
  access: 'Allow RedNote Lens to load images — click',
  fetch: 'Couldn’t load this image — click to retry',
  decode: 'Couldn’t load this image — click to retry',
  recognise: 'Couldn’t read this image — click to retry',
  busy: 'Another image is being read — click to retry',
  limit: 'Many images read this minute — click to retry in a moment',
};

/** Said once the reader's click opened the page that asks for access to the image CDN. */
export const ACCESS_ASKED_LABEL = 'Allow images in the RedNote Lens tab, then click here';

const srcOf = (image: HTMLImageElement) => image.currentSrc || image.src;

/** How often the page is looked at for an opened note, when its images are translated without a click. */
const NOTE_LOOK_MS = 1_000;

/** How many times an image whose lines are still in the translator's hands is asked for again before the control says so. */
const ASKS = 6;

/** An image's answer made ready to show: the layer's state (its English loaded), or the failure. */
type Ready = { answer: Extract<ImageAnswer, { ok: true }>; state: Extract<LayerState, { kind: 'shown' }> };
type Prepared = Ready | { answer: Extract<ImageAnswer, { ok: false }> };

const NOT_YET = 'Not translated yet — click to retry';
const NOT_DRAWN = 'Couldn’t draw the English — click to retry';

/** Why lines of an answer have no English, in the reader's words; undefined when every line has it (or will: `retryAt`). */
export function untranslatedNote(answer: Extract<ImageAnswer, { ok: true }>, translator: ProviderChoice = 'deepl'): string | undefined {
  if (!answer.english.some((e) => e === null) || answer.retryAt !== undefined) return undefined;
  return answer.untranslated ? `Not translated: ${errorReason(answer.untranslated, translator)} — click to retry` : NOT_YET;
}

export function createImageTextOnPage(deps: ImageTextDeps) {
  const { doc } = deps;
  /** Ends everything of ours: aborted by stop() and by the content script's run. */
  const run = new AbortController();
  const { signal } = run;
  deps.signal?.addEventListener('abort', () => stop(), { once: true, signal });
  /** One image asked of the worker at a time (it reads one per tab at a time): the others wait their turn. */
  let queue: Promise<unknown> = Promise.resolve();
  /** URLs asked of the worker: read ahead only once (a click or a slide shown asks again: the worker's cache answers). */
  const asked = new Set<string>();
  /** URLs answered `access`: asked again once the reader grants it (retryAccess). */
  const lackingAccess = new Set<string>();
  const recognise = (url: string): Promise<ImageAnswer> => {
    if (asked.size >= 1_000) asked.clear(); // a page making new images all day: forgetting costs a cache hit
    asked.add(url);
    const job = queue.then(async (): Promise<ImageAnswer> => {
      if (signal.aborted) return { ok: false, kind: 'recognise' };
      // Not answered at all (the worker restarting, the extension updated): said as a failed reading.
      const answer = await deps.recognise(url).catch((): ImageAnswer => ({ ok: false, kind: 'recognise' }));
      if (!answer.ok && answer.kind === 'access' && lackingAccess.size < 1_000) lackingAccess.add(url);
      return answer;
    });
    queue = job.catch(() => {});
    return job;
  };
  let enabled = false;
  /** Bumped when switched off: work started before must not draw after. */
  let generation = 0;
  const layers = new Map<HTMLImageElement, ImageLayer>();
  /** Carousels whose reader asked for their images: the slide on screen follows (each with its way to stop). */
  const following = new Map<Element, () => void>();

  const layerFor = (image: HTMLImageElement, initial?: LayerState): ImageLayer => {
    let layer = layers.get(image);
    if (!layer || !layer.host.isConnected) {
      layer?.remove();
      layer = mountImageLayer(image, () => onControl(image), initial);
      layers.set(image, layer);
    }
    return layer;
  };

  /** Images being asked for now (their layer may not be mounted yet): not asked again meanwhile. */
  const translating = new WeakSet<HTMLImageElement>();
  /** The state of an image's layer; busy while it is asked for, idle with none (a layer is mounted only with something to show). */
  const kindOf = (image: HTMLImageElement): LayerState['kind'] => {
    if (translating.has(image)) return 'busy';
    const layer = layers.get(image);
    return layer?.host.isConnected ? layer.state().kind : 'idle';
  };
  /** Reading the next slide ahead costs the reader's quota for a picture not yet seen: once per gesture of theirs. */
  const gestures = deps.gestures ?? watchReaderGestures(doc, signal);

  const onControl = (image: HTMLImageElement) => {
    if (translating.has(image)) return;
    const layer = layerFor(image);
    const state = layer.state();
    if (state.kind === 'shown' && state.note) return void translateImage(image, true); // "…click to retry" (the worker has the lines cached)
    if (state.kind === 'shown') return layer.set({ ...state, original: !state.original });
    if (state.kind === 'busy') return;
    follow(image);
    // The slide after it read ahead once this one is shown (the click is the reader's gesture).
    void translateImage(image, true).then((shown) => shown && readNext(image, () => true));
  };

  /** The answer made ready to show: its lines placed, its English loaded (so it paints as it is shown). */
  const prepare = async (answer: ImageAnswer): Promise<Prepared> => {
    if (!answer.ok) return { answer };
    const { text, english } = answer;
    const lines: LayerLine[] = text.lines.map((line, i) => ({ source: line.text, text: english[i] ?? null, box: percentBox(coverBox(line.box, text.width, text.height), text.width, text.height) }));
    const overlay = await decodeOverlay(doc, answer.overlay, lines.flatMap((l) => (l.text === null ? [] : [l.text])).join('\n'));
    // English to draw (not only lines that read the same in both) and no picture of it: said, a click asks again.
    const undrawn = !overlay && lines.some((l) => l.text !== null && l.text !== l.source);
    const note = undrawn ? NOT_DRAWN : untranslatedNote(answer, deps.translator?.());
    return { answer, state: { kind: 'shown', lines, overlay, original: false, ...(note ? { note } : {}) } };
  };
  const ask = (url: string) => recognise(url).then(prepare);

  /**
   * `clicked`: the reader's click asked for it (its wait said at once; a missing access to the image CDN
   * opens the page that asks for it). True once the answer is shown, while still wanted.
   */
  async function translateImage(image: HTMLImageElement, clicked = false): Promise<boolean> {
    const url = srcOf(image);
    // Read ahead and ready: shown now, in this task (a slide's: in the page's own frame for the slide).
    const early = ready.get(url);
    ready.delete(url);
    const busy: LayerState = { kind: 'busy', label: 'Reading the text in the image…' };
    const started = generation;
    const current = () => started === generation && !signal.aborted && enabled;
    // The layer now when there is something to show, a click to answer or a control there already; else
    // only once the wait is worth saying: an answer that comes sooner is drawn in one frame, layer and all.
    let layer: ImageLayer | undefined = early || clicked || layers.get(image)?.host.isConnected ? layerFor(image, early?.state ?? busy) : undefined;
    const live = () => current() && (layer === undefined || layers.get(image) === layer);
    let prepared: Prepared | undefined = early;
    if (!prepared) {
      const pending = readAhead.get(url);
      readAhead.delete(url);
      translating.add(image);
      let mountLater: ReturnType<typeof setTimeout> | undefined;
      const before = layer?.state();
      // Asked again from a picture with English (a click on "…click to retry"): the picture stays meanwhile.
      if (layer && before?.kind === 'shown') layer.set({ ...before, original: false, note: 'Translating…' }, true);
      else if (layer) layer.set(busy, clicked && !pending);
      else
        mountLater = setTimeout(() => {
          // A control the pointer mounted meanwhile says the wait too; a layer shown by another path is left.
          const there = layers.get(image);
          if (current() && (!there?.host.isConnected || there.state().kind === 'idle')) (layer = layerFor(image, busy)).set(busy, true);
        }, WAIT_LABEL_MS);
      try {
        // A failure read ahead (another image being read, the minute's limit…) is asked again now the slide is shown.
        const read = pending && (await pending);
        prepared = read?.answer.ok ? read : await ask(url);
      } finally {
        clearTimeout(mountLater);
        translating.delete(image);
      }
    }
    if (!live()) return false;
    const { answer } = prepared;
    const shown = (layer ??= layerFor(image, 'state' in prepared ? prepared.state : busy));
    if (!answer.ok && answer.kind === 'access' && clicked && deps.openImageAccess) {
      const opened = await deps.openImageAccess().catch((): ImageAccessOpened => ({ ok: false, reason: 'not-opened' }));
      if (!live()) return false;
      if (opened.ok) return void shown.set({ kind: 'failed', label: ACCESS_ASKED_LABEL }), false;
      // Granted meanwhile: read now (once: without the click, a second `access` only says so).
      if (opened.reason === 'granted') return translateImage(image);
      return void shown.set({ kind: 'failed', label: FAILURE_LABEL.access }), false;
    }
    if (!answer.ok) return void shown.set({ kind: 'failed', label: FAILURE_LABEL[answer.kind] }), false;
    if (!('state' in prepared)) return false;
    shown.set(prepared.state);
    // Lines still waiting for the translator are asked for meanwhile: the next slide need not wait for them.
    void untilTranslated(shown, url, prepared, live);
    return true;
  }

  /** Lines the translator has not answered yet (it said when to ask again): the image asked for again then, a few times. */
  async function untilTranslated(layer: ImageLayer, url: string, prepared: Ready, live: () => boolean) {
    /** The state with the reader's choice of the original kept (a click on the control meanwhile). */
    const keepingChoice = (state: Extract<LayerState, { kind: 'shown' }>, note?: string): LayerState => {
      const now = layer.state();
      return { ...state, original: now.kind === 'shown' && now.original, ...(note ? { note } : {}) };
    };
    for (let asks = 1; prepared.answer.retryAt !== undefined; asks++) {
      if (asks >= ASKS) return layer.set(keepingChoice(prepared.state, NOT_YET));
      await new Promise((resolve) => setTimeout(resolve, Math.max(250, prepared.answer.retryAt! - Date.now() + 50)));
      if (!live()) return;
      const next = await ask(url);
      if (!live()) return;
      // Not answered this time: the lines stay as they were, and the control says a click asks again.
      if (!('state' in next)) return layer.set(keepingChoice(prepared.state, NOT_YET));
      prepared = next;
      layer.set(keepingChoice(prepared.state));
    }
  }

  /** Slides' images read ahead of the reader: each once (a page swapping a slide's src gets no more; again after a grant of access). */
  let readAheadImages = new WeakSet<HTMLImageElement>();
  /** The answers being read ahead, kept for their slide (the last few only). */
  const readAhead = new Map<string, Promise<Prepared>>();
  /** Those read and ready to show: shown as their slide comes in, with no ask of the worker. */
  const ready = new Map<string, Ready>();

  /** The slide after `image`'s read ahead (once), while `still()` (the reader has not slid on) and image text is on. */
  const readNext = (image: HTMLImageElement, still: () => boolean) => {
    const next = image.closest(NOTE_SLIDE)?.nextElementSibling?.querySelector<HTMLImageElement>('img');
    const url = next && srcOf(next);
    if (!next || !url || !isNoteImageUrl(url) || asked.has(url) || readAheadImages.has(next) || !still() || !enabled || signal.aborted) return;
    readAheadImages.add(next);
    const job = ask(url);
    readAhead.set(url, job);
    if (readAhead.size > 3) readAhead.delete(readAhead.keys().next().value!);
    void job.then((prepared) => {
      if (readAhead.get(url) !== job || !('state' in prepared)) return;
      readAhead.delete(url);
      ready.set(url, prepared);
      if (ready.size > 3) ready.delete(ready.keys().next().value!);
    });
  };

  /**
   * The slide on screen of a carousel the reader asked for: translated once seen, and the next one read
   * ahead, once per slide change the reader made (a gesture of theirs just before it).
   */
  const follow = (image: HTMLImageElement) => {
    const slider = image.closest(NOTE_SLIDER);
    if (!slider || following.has(slider)) return;
    let shown: HTMLImageElement | undefined = image;
    /** A slide marked current before it has slid into view is looked at again, a bounded number of times. */
    let recheck: ReturnType<typeof setTimeout> | undefined;
    let rechecks = 0;
    /** Whether the slide change being looked at follows a gesture of the reader's (taken once, at the change). */
    let theirs = false;
    const look = () => {
      if (signal.aborted || !slider.isConnected) return;
      const active = slider.querySelector<HTMLImageElement>(NOTE_ACTIVE_IMAGE);
      if (!active || !isNoteImageUrl(srcOf(active))) return;
      // Swiper's loop clones stand for a slide: the real slide's image is the one translated.
      const index = active.closest(NOTE_SLIDE)?.getAttribute(NOTE_SLIDE_INDEX);
      const real = [...slider.querySelectorAll<HTMLElement>(NOTE_SLIDE)].find((s) => !s.classList.contains(NOTE_SLIDE_CLONE) && s.getAttribute(NOTE_SLIDE_INDEX) === index);
      const candidate = real?.querySelector<HTMLImageElement>('img');
      const image = candidate && isNoteImageUrl(srcOf(candidate)) ? candidate : active;
      if (image === shown) return; // not a slide change
      if (rechecks === 0) theirs = gestures.take();
      // Read before anything of ours is written: one layout for the page's slide and this look.
      const seen = imageReaderCanSee(active);
      // A slide read ahead: its English shown as it comes in, in the page's own frame for the slide (nothing
      // is read for it: a page marking slides current gets only what was read ahead once).
      if (ready.has(srcOf(image)) && kindOf(image) === 'idle') void translateImage(image);
      if (!seen) {
        const wait = UNSEEN_RECHECK_MS[rechecks];
        if (recheck === undefined && wait !== undefined) {
          rechecks++;
          recheck = setTimeout(() => {
            recheck = undefined;
            look();
          }, wait);
        }
        return;
      }
      shown = image;
      const still = () => shown === image && theirs;
      if (kindOf(image) === 'idle') void translateImage(image).then((ok) => ok && readNext(image, still));
      else readNext(image, still);
    };
    const observer = new MutationObserver(() => {
      dropDisconnected();
      rechecks = 0;
      look();
    });
    observer.observe(slider, { subtree: true, attributes: true, attributeFilter: ['class'] });
    following.set(slider, () => {
      observer.disconnect();
      clearTimeout(recheck);
    });
  };

  /** Images of ours whose page image is gone (a note closed, a feed scrolled away): their layer and observer freed. */
  const dropDisconnected = () => {
    for (const [image, layer] of layers) {
      if (image.isConnected) continue;
      layer.remove();
      layers.delete(image);
    }
    for (const [slider, stopFollowing] of following) {
      if (slider.isConnected) continue;
      stopFollowing();
      following.delete(slider);
    }
  };

  /** The control appears when the pointer first comes over a note image or a feed card's cover. */
  const onPointerOver = (event: Event) => {
    if (!enabled) return;
    dropDisconnected();
    const target = event.target as Element | null;
    const slide = target?.closest?.(NOTE_SLIDE);
    const image = slide ? slide.querySelector<HTMLImageElement>('img') : target?.closest?.(FEED_COVER)?.querySelector<HTMLImageElement>(':scope > img');
    if (image && (slide ? image.matches(NOTE_IMAGE) : true) && isNoteImageUrl(srcOf(image))) layerFor(image);
  };
  doc.addEventListener('pointerover', onPointerOver, { passive: true, signal });

  /**
   * "Translate the images of a note I open": a look once a second for a carousel's current image (a
   * querySelector, no observer of the whole page), while the tab is in front.
   */
  let watch: ReturnType<typeof setInterval> | undefined;
  const lookForNote = () => {
    if (doc.visibilityState !== 'visible') return;
    dropDisconnected();
    const image = doc.querySelector<HTMLImageElement>(NOTE_ACTIVE_IMAGE);
    if (!image || !image.matches(NOTE_IMAGE) || !isNoteImageUrl(srcOf(image)) || !imageReaderCanSee(image)) return;
    if (kindOf(image) !== 'idle') return; // asked for already (or failed: a click retries)
    follow(image);
    // The note opened by the reader's gesture: its next slide read ahead too.
    const theirs = gestures.take();
    void translateImage(image).then((shown) => shown && readNext(image, () => theirs));
  };

  const removeAll = () => {
    generation++;
    readAhead.clear();
    ready.clear();
    for (const layer of layers.values()) layer.remove();
    layers.clear();
    for (const stopFollowing of following.values()) stopFollowing();
    following.clear();
  };

  function stop() {
    run.abort();
    clearInterval(watch);
    watch = undefined;
    enabled = false;
    removeAll();
  }

  return {
    /** Off (or this site switched off) removes every layer: the picture as it was. `auto`: a note's images without a click. */
    setEnabled(on: boolean, auto = false) {
      if (signal.aborted) return;
      enabled = on;
      if (!on) removeAll();
      if (on && auto) {
        watch ??= setInterval(lookForNote, NOTE_LOOK_MS);
        lookForNote();
      } else if (watch !== undefined) {
        clearInterval(watch);
        watch = undefined;
      }
    },
    /**
     * Settings pushed by the worker (it pushes when host access is granted): images that failed for want of
     * access to the image CDN are read now, and their slides may be read ahead again.
     */
    retryAccess() {
      if (!enabled || !lackingAccess.size) return;
      const lacking = new Set(lackingAccess);
      lackingAccess.clear();
      readAheadImages = new WeakSet();
      for (const url of lacking) {
        asked.delete(url);
        readAhead.delete(url);
        ready.delete(url);
      }
      dropDisconnected();
      for (const [image, layer] of layers) if (layer.state().kind === 'failed' && lacking.has(srcOf(image))) void translateImage(image);
    },
    describe: (measure = true) => [...layers.values()].filter((l) => l.host.isConnected).map((l) => l.describe(measure)),
    /**
     * How far the images are, without a layout read or a line listed (a benchmark looks often): how many
     * layers there are, the images showing their English whole, those read ahead and ready to show.
     */
    progress: () => {
      const live = [...layers].filter(([, l]) => l.host.isConnected);
      const whole = live.filter(([, l]) => {
        const state = l.state();
        return state.kind === 'shown' && (state.overlay !== null || !state.lines.length) && state.lines.every((line) => line.text !== null);
      });
      return { layers: live.length, english: whole.map(([image]) => srcOf(image)), ready: [...ready.keys()] };
    },
    stop,
  };
}
