// Text in images, what the reader sees: a layer of ours over one note image (a closed shadow root, so
// the page's CSS cannot reach it and its text is not the page's), with a small control ("Translate
// image", the state while recognising, "Show original") and the English drawn over each recognised
// line's box. The layer is the image's sibling in its carousel slide, so it moves with the slide;
// the boxes are in percent of the image, so it scales with it. No pixel of the image is read here.
import { OURS } from './render';

export interface LayerLine {
  source: string;
  /** The English, or null while it is being translated. */
  text: string | null;
  /** In percent of the image. */
  box: { left: number; top: number; width: number; height: number };
  vertical: boolean;
}

export type LayerState =
  | { kind: 'idle' }
  | { kind: 'busy'; label: string }
  /** `note`: why some lines have no English (they show the picture as it is). */
  | { kind: 'shown'; lines: LayerLine[]; original: boolean; note?: string }
  | { kind: 'failed'; label: string };

const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';

const CSS = `
  :host { all: initial; position: absolute; z-index: 5; pointer-events: none; contain: strict; }
  .lines { position: absolute; left: 0; top: 0; overflow: hidden; transform-origin: 0 0; }
  .line { position: absolute; box-sizing: border-box; display: flex; align-items: center; justify-content: center;
    padding: 0 .25em; border-radius: 4px; background: #181818; color: #fff; text-align: center;
    font: 600 16px/1.1 ${FONT}; overflow: hidden; white-space: nowrap; contain: strict; }
  .line.vertical { white-space: normal; overflow-wrap: anywhere; }
  .line > span { flex: none; max-width: 100%; }
  .line:not(.vertical) > span { max-width: none; }
  .original .lines { display: none; }
  .control { position: absolute; left: 10px; top: 10px; pointer-events: auto; cursor: pointer; border: none;
    border-radius: 999px; padding: 6px 11px; font: 600 12px/1 system-ui, sans-serif; color: #fff; background: rgba(255, 36, 66, .92);
    box-shadow: 0 1px 6px rgba(0,0,0,.25); }
  .control[data-kind=busy] { background: rgba(40, 40, 40, .85); cursor: progress; }
  .control[data-kind=failed] { background: rgba(140, 20, 20, .92); }
  .control:empty { display: none; }
  .control:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }`;

export const IMAGE_LAYER = 'image-layer';

const MEASURE_PX = 100;
let measure: OffscreenCanvasRenderingContext2D | null | undefined;
/** Widths measured: a line is fitted again at every resize and when its layer is drawn again. */
const widths = new Map<string, number>();
/** The width of `text` in the lines' font at MEASURE_PX (a guess of half an em a character without a canvas). */
function textWidth(text: string): number {
  let width = widths.get(text);
  if (width === undefined) {
    if (widths.size >= 1_000) widths.clear();
    widths.set(text, (width = measureWidth(text)));
  }
  return width;
}

function measureWidth(text: string): number {
  if (measure === undefined) {
    measure = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
    if (measure) measure.font = `600 ${MEASURE_PX}px ${FONT}`; // once: setting a font parses it
  }
  if (!measure) return text.length * MEASURE_PX * 0.55;
  return measure.measureText(text).width;
}

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
 * says it (each: "Reading…" said, then "Translating…" only if the translation takes as long). An image read ahead or cached is answered through the worker in tens of milliseconds (more on a
 * loaded machine, so one frame is too short to wait): saying it would paint two frames for a state the
 * reader cannot read. 150 ms is about where a wait starts to be felt, so a real wait is still said.
 */
export const WAIT_LABEL_MS = 150;

const waiting = (state: LayerState) =>
  state.kind === 'busy' || (state.kind === 'shown' && !state.original && !state.note && state.lines.some((l) => l.text === null));

/** Lines whose English has come (a line waiting shows nothing yet: the picture stays as it is until then). */
const readyLines = (state: LayerState) => (state.kind === 'shown' ? state.lines.filter((l): l is LayerLine & { text: string } => l.text !== null) : []);

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
  control.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation(); // the carousel must not take it as a click on the slide
    if (event.isTrusted) onControl();
  });
  const lines = doc.createElement('div');
  lines.className = 'lines';
  frame.append(control, lines);
  adoptStyle(shadow);
  shadow.append(frame);

  let state: LayerState = initial;

  /** The picture's size in the layer, and the layer's box, as last placed. */
  let size = { width: 0, height: 0 };
  let placed = '';
  /**
   * The size the lines are laid out and fitted at (the picture's own, in its pixels): the layer's size
   * reaches them as one scale, so a resize writes one transform, not a size per line.
   */
  let laidOut = { width: 0, height: 0 };
  /** As last written (the style gives it back rounded, so it is not compared with that). */
  let scale = '';
  const scaleLines = () => {
    const next = laidOut.width && laidOut.height ? `scale(${size.width / laidOut.width}, ${size.height / laidOut.height})` : '';
    if (next !== scale) lines.style.transform = scale = next;
  };

  /**
   * Over the picture where its offset parent places the image (the slide), letterboxing (object-fit)
   * included. Called by the ResizeObserver, when layout is fresh: reading it costs nothing then.
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
    size = { width: w, height: h };
    scaleLines();
  };

  /**
   * A line's English at the largest size that fits its box, from the text's width measured on a
   * canvas (no layout of the page is read: rendering is writes only, laid out once with the frame).
   */
  const fontSize = (line: LayerLine & { text: string }, width: number, height: number) => {
    const w = (line.box.width / 100) * width;
    const h = (line.box.height / 100) * height;
    let px: number;
    if (line.vertical) px = Math.min(w * 0.32, Math.sqrt((w * h) / Math.max(1, line.text.length)) * 0.9);
    else px = Math.min(h * 0.62, (MEASURE_PX * (w * 0.94 - 6)) / Math.max(1, textWidth(line.text)));
    return `${Math.max(7, Math.floor(px))}px`;
  };

  const labelOf = (s: LayerState) =>
    s.kind === 'idle'
      ? 'Translate image'
      : s.kind === 'shown'
        ? s.original
          ? 'Show English'
          : !s.lines.length
            ? 'No text found'
            : s.lines.some((l) => l.text === null)
              ? (s.note ?? 'Translating…')
              : 'Show original'
        : s.label;

  /** What the lines show now: a state that changes only the control (or a line still waiting) rebuilds nothing. */
  let drawn: Array<Pick<LayerLine, 'text' | 'box' | 'vertical'>> = [];
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

  const render = () => {
    if (!waiting(state)) {
      clearTimeout(waitLabel);
      waitLabel = undefined;
      renderControl();
    } else
      waitLabel ??= setTimeout(() => {
        waitLabel = undefined;
        renderControl();
      }, WAIT_LABEL_MS);
    write(frame, 'className', state.kind === 'shown' && state.original ? 'original' : '');
    const ready = readyLines(state);
    if (ready.length === drawn.length && ready.every((l, i) => l.text === drawn[i]!.text && l.box === drawn[i]!.box && l.vertical === drawn[i]!.vertical)) return;
    drawn = ready.map(({ text, box, vertical }) => ({ text, box, vertical }));
    laidOut = { width: image.naturalWidth || size.width || 1_000, height: image.naturalHeight || size.height || 1_000 };
    lines.style.cssText = `width:${laidOut.width}px;height:${laidOut.height}px`;
    scale = '';
    scaleLines();
    lines.replaceChildren(
      ...ready.map((line) => {
        const el = doc.createElement('div');
        el.className = `line${line.vertical ? ' vertical' : ''}`;
        // One write of its style, its size fitted already (a declaration at a time parses each).
        el.style.cssText = `left:${line.box.left}%;top:${line.box.top}%;width:${line.box.width}%;height:${line.box.height}%;font-size:${fontSize(line, laidOut.width, laidOut.height)}`;
        const text = doc.createElement('span');
        text.textContent = line.text;
        el.append(text);
        el.title = line.source;
        return el;
      }),
    );
  };

  // Placed before it is inserted (the image's layout is fresh then: the pointer's hit test or the carousel's
  // look read it), so the ResizeObserver's first call finds it placed and writes nothing: no second layout.
  place();
  image.after(host);
  const resize = new ResizeObserver(place);
  resize.observe(image);
  render();

  return {
    image,
    host,
    set(next: LayerState) {
      state = next;
      render();
    },
    state: () => state,
    /** Where things are on screen, for the tests (the shadow root is closed). */
    /** `measure: false` reads no layout (a benchmark's looks must not cost the page a layout). */
    describe(measure = true) {
      const rect = (el: Element) => {
        const r = measure ? el.getBoundingClientRect() : { x: 0, y: 0, width: 0, height: 0 };
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const visible = state.kind === 'shown' && !state.original;
      return {
        src: image.currentSrc || image.src,
        state: state.kind,
        label: control.textContent,
        control: rect(control),
        /** The picture as drawn (inside the image element when it is letterboxed). */
        picture: rect(host),
        lines: visible ? [...lines.children].map((el) => ({ text: el.textContent, source: (el as HTMLElement).title, rect: rect(el) })) : [],
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
