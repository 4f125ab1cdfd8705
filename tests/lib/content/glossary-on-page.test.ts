// @vitest-environment jsdom
import { afterEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createGlossaryOnPage } from '../../../lib/content/glossary-on-page';
import { createTermCard } from '../../../lib/content/term-card';
import { createTermHighlighter } from '../../../lib/content/term-highlights';
import { BUILTIN_TERMS } from '../../../lib/glossary/terms';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  fakeBrowser.reset();
  document.body.innerHTML = '';
  delete (Range.prototype as Partial<Range>).getBoundingClientRect;
});

/** jsdom has no Highlight API and no layout: the registry as a Map, every range a 20×20 box at the origin. */
function highlightApi() {
  vi.stubGlobal('Highlight', class extends Set<Range> {});
  vi.stubGlobal('CSS', { highlights: new Map() });
  Range.prototype.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 20, height: 20 });
}

test('Firefox: the term under the pointer is found with caretPositionFromPoint (no caretRangeFromPoint)', () => {
  highlightApi();
  document.body.innerHTML = '<p id="c">求链接呀</p>';
  const text = document.getElementById('c')!.firstChild as Text;
  const doc = document as unknown as { caretRangeFromPoint?: unknown; caretPositionFromPoint?: unknown };
  expect(doc.caretRangeFromPoint).toBeUndefined();
  doc.caretPositionFromPoint = () => ({ offsetNode: text, offset: 1 });
  const highlighter = createTermHighlighter(document);
  highlighter.setTerms(BUILTIN_TERMS.filter((t) => t.term === '求链接'));
  highlighter.start();
  highlighter.mark(document.getElementById('c')!);
  expect(highlighter.termAt(10, 10)?.term.term).toBe('求链接');
  delete doc.caretPositionFromPoint;
});

test('the term card is in a closed shadow root: the page cannot read which terms the reader has', () => {
  const card = createTermCard(document, () => {});
  const term = BUILTIN_TERMS[0]!;
  card.show(term, DOMRect.fromRect({ x: 0, y: 0, width: 10, height: 10 }), false);
  const host = document.querySelector('[data-rnl=card]') as HTMLElement;
  expect(host).not.toBeNull();
  expect(host.shadowRoot).toBeNull();
  expect(host.textContent).toBe('');
  card.remove();
});

test('a page script’s synthetic mousemove over a term opens no card', async () => {
  highlightApi();
  document.body.innerHTML = '<div class="comment-item"><p id="c">求链接</p></div>';
  const text = document.getElementById('c')!.firstChild as Text;
  const doc = document as unknown as { caretRangeFromPoint?: unknown; caretPositionFromPoint?: unknown };
  doc.caretPositionFromPoint = () => ({ offsetNode: text, offset: 1 });
  doc.caretRangeFromPoint = () => Object.assign(document.createRange(), { startContainer: text, startOffset: 1 });
  const frames: Array<() => void> = [];
  vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
  const glossary = createGlossaryOnPage(document);
  glossary.setTerms([], []); // the built-in terms, none learned
  await glossary.setEnabled(true);
  glossary.see(document.getElementById('c')!, 'comment');
  document.dispatchEvent(new MouseEvent('mousemove', { clientX: 10, clientY: 10 }));
  frames.splice(0).forEach((fn) => fn());
  expect(document.querySelector('[data-rnl=card]')).toBeNull();
  glossary.stop();
  delete doc.caretPositionFromPoint;
  delete doc.caretRangeFromPoint;
});

test('the pointer over a picture, or over our layer on one, looks for no term there (no hit test: no text there)', async () => {
  highlightApi();
  document.body.innerHTML = '<div class="comment-item"><p id="c">求链接</p></div><div class="slide"><img id="i"><div data-rnl="image-layer"></div></div>';
  const text = document.getElementById('c')!.firstChild as Text;
  const doc = document as unknown as { caretRangeFromPoint?: unknown; caretPositionFromPoint?: unknown };
  const hitTest = vi.fn(() => ({ offsetNode: text, offset: 1 }));
  doc.caretPositionFromPoint = hitTest;
  const frames: Array<() => void> = [];
  vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
  // The reader's own moves: a listener given a trusted event (jsdom's events are never trusted).
  let onMove: ((event: Partial<MouseEvent>) => void) | undefined;
  const listen = document.addEventListener.bind(document);
  vi.spyOn(document, 'addEventListener').mockImplementation((type: string, fn: unknown, options?: unknown) => {
    if (type === 'mousemove') onMove = fn as typeof onMove;
    else listen(type, fn as EventListener, options as AddEventListenerOptions);
  });
  const glossary = createGlossaryOnPage(document);
  glossary.setTerms([], []);
  await glossary.setEnabled(true);
  glossary.see(document.getElementById('c')!, 'comment');
  const move = (id: string) => {
    const el = document.getElementById(id) ?? document.querySelector(id)!;
    onMove!({ isTrusted: true, clientX: 10, clientY: 10, target: el });
    frames.splice(0).forEach((fn) => fn());
  };
  move('i');
  move('[data-rnl=image-layer]');
  expect(hitTest).not.toHaveBeenCalled();
  move('c'); // over text the look is made (the test can fail)
  expect(hitTest).toHaveBeenCalled();
  glossary.stop();
  delete doc.caretPositionFromPoint;
});
