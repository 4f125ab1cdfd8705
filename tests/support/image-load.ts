import { afterEach, beforeEach } from 'vitest';
import type * as ImageLayerModule from '../../lib/render/image-layer';
// jsdom loads no image: an image's `load` or `error` never comes, so the page's overlay (an image of ours
// decoded from the worker's PNG data URL) would never be shown. Here an image given a data URL through
// `src` is told how it went a microtask later, as a browser would: `load` for a PNG data URL whose base64
// decodes, `error` for any other. The page's own (https) images stay as jsdom leaves them.

const PNG = 'data:image/png;base64,';

/** A PNG data URL (the PNG signature): what the worker answers as an overlay. */
export const PNG_URL = `${PNG}iVBORw0KGgo=`;

const loads = (url: string) => {
  if (!url.startsWith(PNG)) return false;
  try {
    atob(url.slice(PNG.length));
    return true;
  } catch {
    return false;
  }
};

/** Installs the fake on HTMLImageElement's `src`; `hold`: a URL left unsettled until `settle`; `restore` undoes it. */
export function fakeImageLoading() {
  const proto = HTMLImageElement.prototype;
  const own = Object.getOwnPropertyDescriptor(proto, 'src')!;
  /** Held URLs, and the images given each. */
  const held = new Map<string, HTMLImageElement[]>();
  Object.defineProperty(proto, 'src', {
    configurable: true,
    enumerable: own.enumerable,
    get: own.get,
    set(this: HTMLImageElement, url: string) {
      own.set!.call(this, url);
      if (!url.startsWith('data:')) return;
      if (held.has(url)) return void held.get(url)!.push(this);
      // A promise's turn, not a timer's: fake timers leave it alone.
      void Promise.resolve().then(() => this.dispatchEvent(new Event(loads(url) ? 'load' : 'error')));
    },
  });
  return {
    hold: (url: string) => void held.set(url, []),
    /** The images given a held URL told it loaded or failed; the URL no longer held. */
    settle(url: string, how: 'load' | 'error') {
      const waiting = held.get(url) ?? [];
      held.delete(url);
      for (const img of waiting) img.dispatchEvent(new Event(how));
      return waiting.length;
    },
    restore: () => Object.defineProperty(proto, 'src', own),
  };
}

/**
 * The page the image-text tests run on (jsdom): images that load (above), a ResizeObserver (jsdom has
 * none; the layer only needs one to exist), the tab in front; after each test, all undone and the body
 * emptied. Call at a test file's top level; `images()` is the current test's fake.
 */
export function useImagePage() {
  let images: ReturnType<typeof fakeImageLoading> | undefined;
  beforeEach(() => {
    images = fakeImageLoading();
    globalThis.ResizeObserver = class {
      observe() {}
      unobserve() {}
      disconnect() {}
    } as unknown as typeof ResizeObserver;
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  });
  afterEach(() => {
    images?.restore();
    document.body.replaceChildren();
  });
  return { images: () => images! };
}

/**
 * The layer module with its mount recorded, for a test's `vi.mock` of it (each file must declare its own
 * mock): the reader's click on each image's control in `clicks` (the layer takes only trusted clicks,
 * which jsdom cannot make), and the state each layer was mounted in, in `mounted`.
 */
export function recordingLayer(layer: typeof ImageLayerModule, clicks: Map<HTMLImageElement, () => void>, mounted: Array<string | undefined> = []): typeof ImageLayerModule {
  return {
    ...layer,
    mountImageLayer: (image, onControl, initial) => {
      clicks.set(image, onControl);
      mounted.push(initial?.kind);
      return layer.mountImageLayer(image, onControl, initial);
    },
  };
}
