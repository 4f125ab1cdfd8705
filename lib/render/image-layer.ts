// Text in images, what the reader sees: a layer of ours over one note image (a closed shadow root, so
// the page's CSS cannot reach it and its text is not the page's), with a small control ("Translate
// image", the state while recognising, "Show original") and the English over each recognised line: one
// picture of ours, drawn by the worker the image's size (lib/ocr/overlay.ts), so the page's main thread
// shapes, lays out and paints no text of it. The layer is the image's sibling in its carousel slide, so
// it moves with the slide, and its picture fills the layer, so it scales with the image. No pixel of the
// image is read here.
import { OVERLAY_URL_PREFIX } from '../ocr/base64';
import { OURS } from './render';

export interface LayerLine {
  source: string;
  /** The English, or null while it is not translated. */
  text: string | null;
  /** Where its English is drawn, in percent of the image. */
  box: { left: number; top: number; width: number; height: number };
}

export type LayerState =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string }
  /**
   * `overlay`: the lines' English drawn (loaded: shown, it paints at once), null with none yet.
   * `note`: what the control says instead of *Show original*: why some lines have no English (they show
   * the picture as it is), or that the image is being asked for again.
   */
  | { kind: 'shown'; lines: LayerLine[]; overlay: HTMLImageElement | null; original: boolean; note?: string }
  | { kind: 'failed'; label: string };

const CSS = `
  :host { all: initial; position: absolute; z-index: 5; pointer-events: none; contain: strict; }
  .overlay { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
  .original .overlay { visibility: hidden; }
  .control { position: absolute; left: 10px; top: 10px; pointer-events: auto; cursor: pointer; border: none;
    border-radius: 999px; padding: 6px 11px; font: 600 12px/1 system-ui, sans-serif; color: #fff; background: rgba(255, 36, 66, .92);
    box-shadow: 0 1px 6px rgba(0,0,0,.25); }
  .control[data-kind=busy] { background: rgba(40, 40, 40, .85); cursor: progress; }
  .control[data-kind=failed] { background: rgba(140, 20, 20, .92); }
  .control:empty { display: none; }
  .control:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }`;

export const IMAGE_LAYER = 'image-layer';

let sheet: CSSStyleSheet | null | undefined;
/** One parsed sheet shared by every layer (a `<style>` where constructed sheets cannot be adopted). */
function adoptStyle(shadow: ShadowRoot) {
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    } catch {
      sheet = null;
    }
  }
  try {
    if (sheet) return void (shadow.adoptedStyleSheets = [sheet]);
  } catch {
    sheet = null;
  }
  const style = shadow.ownerDocument.createElement('style');
  style.textContent = CSS;
  shadow.append(style);
}

/**
 * How long a waiting state ("Reading the text in the image…", "Translating…") lasts before the control
 * says it, when no click asked for it (a click's own state is said at once, in the click's frame). An
 * image read ahead or cached is answered through the worker in tens of milliseconds (more on a loaded
 * machine, so one frame is too short to wait): saying it would paint two frames for a state the reader
 * cannot read. 150 ms is about where a wait starts to be felt, so a real wait is still said.
 */
export const WAIT_LABEL_MS = 150;

const waiting = (state: LayerState) =>
  state.kind === 'busy' || (state.kind === 'shown' && !state.original && !state.note && state.lines.some((l) => l.text === null));

/**
 * The worker's drawing of an image's English as an image element of ours, loaded before it is shown,
 * so showing it paints at once (its pixels are decoded where the page is rastered, off its main thread;
 * `decode()` would ask the compositor for a frame of its own); null for anything but a PNG data URL
 * (nothing else is taken as one) or a picture that does not load. `alt`: the English, for the reader's
 * assistive technology (the picture is all a screen shows of it).
 */
export function decodeOverlay(doc: Document, url: string | null, alt: string): Promise<HTMLImageElement | null> {
  if (!url?.startsWith(OVERLAY_URL_PREFIX)) return Promise.resolve(null);
  const img = doc.createElement('img');
  img.className = 'overlay';
  img.alt = alt;
  return new Promise((resolve) => {
    img.onload = () => resolve(img);
    img.onerror = () => resolve(null);
    img.src = url;
  });
}

/**
 * A layer over `image` (inserted after it); `onControl` gets the reader's trusted clicks on the control.
 * Mounted in a waiting state (an image translated without a click), its control shows nothing until the wait is said.
 */
export function mountImageLayer(image: HTMLImageElement, onControl: () => void, initial: LayerState = { kind: 'idle' }) {
  const doc = image.ownerDocument;
  const host = doc.createElement('div');
  host.setAttribute(OURS, IMAGE_LAYER);
  const shadow = host.attachShadow({ mode: 'closed' });
  const frame = doc.createElement('div');
  const control = doc.createElement('button');
  control.type = 'button';
  control.className = 'control';
  // A pointer's press does not move focus to the control (the keyboard still reaches it): focus would
  // restyle and repaint the page for a ring nobody sees.
  control.addEventListener('mousedown', (event) => event.preventDefault());
  control.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation(); // the carousel must not take it as a click on the slide
    if (event.isTrusted) onControl();
  });
  frame.append(control);
  adoptStyle(shadow);
  shadow.append(frame);

  let state: LayerState = initial;

  /** The layer's box, as last placed. */
  let placed = '';
  /**
   * Over the picture where its offset parent places the image (the slide), letterboxing (object-fit)
   * included: the overlay, the picture's shape, fills it. Called by the ResizeObserver, when layout is
   * fresh: reading it costs nothing then.
   */
  const place = () => {
    const ow = image.offsetWidth;
    const oh = image.offsetHeight;
    let w = ow;
    let h = oh;
    const fit = doc.defaultView?.getComputedStyle(image).objectFit ?? 'fill';
    if (image.naturalWidth && image.naturalHeight && fit !== 'fill' && fit !== 'none') {
      const scale = fit === 'cover' ? Math.max(ow / image.naturalWidth, oh / image.naturalHeight) : Math.min(ow / image.naturalWidth, oh / image.naturalHeight, fit === 'scale-down' ? 1 : Infinity);
      w = image.naturalWidth * scale;
      h = image.naturalHeight * scale;
    }
    const box = `left:${image.offsetLeft + (ow - w) / 2}px;top:${image.offsetTop + (oh - h) / 2}px;width:${w}px;height:${h}px`;
    if (box !== placed) host.style.cssText = placed = box;
  };

  const labelOf = (s: LayerState) =>
    s.kind === 'idle'
      ? 'Translate image'
      : s.kind === 'shown'
        ? s.original
          ? 'Show English'
          : !s.lines.length
            ? 'No text found'
            : (s.note ?? (s.lines.some((l) => l.text === null) ? 'Translating…' : 'Show original'))
        : s.label;

  /** The overlay shown now (a state that changes only the control changes nothing else). */
  let drawn: HTMLImageElement | null = null;
  /** Written only when it changes: an equal write still dirties the layout. */
  const write = <T extends object, K extends keyof T>(target: T, key: K, value: T[K]) => {
    if (target[key] !== value) target[key] = value;
  };

  /** Set while a waiting state's label is held back (see WAIT_LABEL_MS). */
  let waitLabel: ReturnType<typeof setTimeout> | undefined;
  const renderControl = () => {
    write(control.dataset, 'kind', state.kind);
    write(control, 'textContent', labelOf(state));
    write(control, 'title', state.kind === 'shown' && !state.original ? 'RedNote Lens: click to see the picture as it is' : 'RedNote Lens');
  };

  const render = (sayNow: boolean) => {
    if (!waiting(state) || sayNow) {
      clearTimeout(waitLabel);
      waitLabel = undefined;
      renderControl();
    } else
      waitLabel ??= setTimeout(() => {
        waitLabel = undefined;
        renderControl();
      }, WAIT_LABEL_MS);
    write(frame, 'className', state.kind === 'shown' && state.original ? 'original' : '');
    const overlay = state.kind === 'shown' ? state.overlay : null;
    if (overlay === drawn) return;
    drawn?.remove();
    drawn = overlay;
    if (overlay) control.before(overlay); // under the control
  };

  // Placed before it is inserted (the image's layout is fresh then: the pointer's hit test or the carousel's
  // look read it), so the ResizeObserver's first call finds it placed and writes nothing: no second layout.
  place();
  image.after(host);
  const resize = new ResizeObserver(place);
  resize.observe(image);
  render(false);

  return {
    image,
    host,
    /** `sayNow`: the reader's click asked for it, so a waiting state is said at once (in the click's own frame). */
    set(next: LayerState, sayNow = false) {
      state = next;
      render(sayNow);
    },
    state: () => state,
    /** Where things are on screen, for the tests (the shadow root is closed). */
    /** `measure: false` reads no layout (a benchmark's looks must not cost the page a layout). */
    describe(measure = true) {
      const rect = (el: Element) => {
        const r = measure ? el.getBoundingClientRect() : { x: 0, y: 0, width: 0, height: 0 };
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const picture = rect(host);
      const shownLines = state.kind === 'shown' && !state.original && drawn !== null ? state.lines : [];
      return {
        src: image.currentSrc || image.src,
        state: state.kind,
        label: control.textContent,
        control: rect(control),
        /** The picture as drawn (inside the image element when it is letterboxed). */
        picture,
        /** The drawn English's picture: shown, decoded, and its natural size (the image's, or at most MAX_OVERLAY_SIDE on its longer side). */
        overlay: drawn && { shown: shownLines.length > 0, width: drawn.naturalWidth, height: drawn.naturalHeight, chars: drawn.src.length, alt: drawn.alt, rect: rect(drawn) },
        /** The lines drawn, where they are on screen (their box in the picture). */
        lines: shownLines.flatMap((line) =>
          line.text === null
            ? []
            : [{ text: line.text, source: line.source, rect: { x: picture.x + (line.box.left / 100) * picture.width, y: picture.y + (line.box.top / 100) * picture.height, width: (line.box.width / 100) * picture.width, height: (line.box.height / 100) * picture.height } }],
        ),
      };
    },
    remove() {
      clearTimeout(waitLabel);
      resize.disconnect();
      host.remove();
    },
  };
}

export type ImageLayer = ReturnType<typeof mountImageLayer>;
