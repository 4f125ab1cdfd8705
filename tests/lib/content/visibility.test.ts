// @vitest-environment jsdom
import { beforeEach, expect, test, vi } from 'vitest';
import { createVisibility, PRELOAD_MARGIN, UNSEEN_RECHECK_MS, type Look } from '../../../lib/content/visibility';
import { showPending, showTranslation } from '../../../lib/render/render';
import { BELOW_SCREEN, fakeFrames, fakeIntersections, mutationsDelivered, ON_SCREEN } from './fakes';

beforeEach(() => {
  document.body.innerHTML = `
    <div id="feed"><section class="note-item"><div class="footer"><div class="title"><span id="t1">第一个标题</span></div></div></section></div>
    <p id="plain">Not Chinese, not a target</p>`;
});
const $ = (id: string) => document.getElementById(id)!;
const card = (id: string, title: string) => {
  const section = document.createElement('section');
  section.className = 'note-item';
  section.innerHTML = `<div class="footer"><div class="title"><span id="${id}">${title}</span></div></div>`;
  return section;
};

function setup() {
  const frames = fakeFrames();
  const io = fakeIntersections();
  const controller = new AbortController();
  const looks: Look[][] = [];
  const cameOnScreen = vi.fn();
  const counts = { recordsSeen: 0 };
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const setTimer = (fn: () => void, ms: number) => timers.push({ fn, ms });
  const visibility = createVisibility({ doc: document, signal: controller.signal, nextFrame: frames.nextFrame, setTimer, intersections: io.factory, look: (l) => looks.push(l), cameOnScreen, counts });
  return { visibility, frames, io, controller, looks, cameOnScreen, counts, timers };
}

test('targets entering the preload band are looked at once: urgent on screen, not urgent below it', () => {
  const { visibility, io, looks } = setup();
  expect(io.band.init).toMatchObject({ rootMargin: PRELOAD_MARGIN, scrollMargin: PRELOAD_MARGIN });
  visibility.watchAll();
  expect([...io.band.observed]).toEqual([$('t1')]);
  io.band.enter([$('t1')], BELOW_SCREEN);
  expect(looks).toEqual([[{ el: $('t1'), urgent: false }]]);
  expect(io.band.observed.size).toBe(0);
  visibility.watchAll();
  io.band.enter([$('t1')], ON_SCREEN);
  expect(looks[1]).toEqual([{ el: $('t1'), urgent: true }]);
});

test('a text inside a scrolling box is on screen only where the box shows it', () => {
  document.body.innerHTML = `<div class="note-scroller"><div class="comment-item"><div class="content"><span class="note-text" id="c">评论</span></div></div></div>`;
  const { visibility, io, looks } = setup();
  $('c').closest('.note-scroller')!.getBoundingClientRect = () => ({ top: 400, left: 0, bottom: 600, right: 500 }) as DOMRect;
  visibility.watchAll();
  io.band.enter([$('c')], ON_SCREEN); // in the window, above the box's visible part
  expect(looks[0]).toEqual([{ el: $('c'), urgent: false }]);
});

test('mutations are handled once per frame: added cards, changed text and replaced children bring their targets', async () => {
  const { io, frames, counts, visibility } = setup();
  $('feed').append(card('t2', '第二个'), card('t3', '第三个'));
  $('t1').firstChild!.nodeValue = '改过的标题';
  await mutationsDelivered();
  expect(frames.queued).toBe(1);
  expect(visibility.queuedRecords).toBe(2); // one childList record for both cards, one characterData
  expect(counts.recordsSeen).toBe(2);
  expect(io.band.observed.size).toBe(0);
  frames.run();
  expect(visibility.queuedRecords).toBe(0);
  expect([...io.band.observed].map((el) => el.id).sort()).toEqual(['t1', 't2', 't3']);

  io.band.observed.clear();
  $('t2').replaceChildren('重新渲染'); // Vue replaces the text node
  await mutationsDelivered();
  frames.run();
  expect([...io.band.observed]).toEqual([$('t2')]);
});

test('our own nodes and non-targets are ignored', async () => {
  const { io, frames } = setup();
  showTranslation($('t1'), '第一个标题', 'The first title', 'bilingual');
  $('t1').querySelector('[data-rnl]')!.textContent = 'Changed';
  $('plain').append(document.createElement('b'));
  await mutationsDelivered();
  frames.run();
  expect(io.band.observed.size).toBe(0);
});

test('a waiting preload target coming on screen is reported', () => {
  const { visibility, io, cameOnScreen } = setup();
  visibility.watchOnScreen($('t1'));
  io.screen.enter([$('t1')]);
  expect(cameOnScreen).toHaveBeenCalledWith($('t1'));
  visibility.unwatchOnScreen();
  io.screen.enter([$('t1')]);
  expect(cameOnScreen).toHaveBeenCalledOnce();
});

test('aborting ends both observers and the mutation watch', async () => {
  const { visibility, io, frames, controller, looks } = setup();
  visibility.watchAll();
  visibility.watchOnScreen($('t1'));
  controller.abort();
  expect(io.band.observed.size).toBe(0);
  expect(io.screen.observed.size).toBe(0);
  $('feed').append(card('t2', '第二个'));
  await mutationsDelivered();
  expect(frames.queued).toBe(0);
  expect(looks).toEqual([]);
});

test('a text node the page rewrites under a translation loses it in the mutation callback, before any frame (paint)', async () => {
  const { io, frames } = setup();
  showTranslation($('t1'), '第一个标题', 'The first title', 'replace');
  $('t1').firstChild!.nodeValue = '1';
  await mutationsDelivered();
  expect($('t1').querySelector('[data-rnl]')).toBeNull();
  frames.run();
  expect([...io.band.observed]).toEqual([$('t1')]);
});

test('an unchanged text keeps its translation, and a waiting line is left to the next look', async () => {
  setup();
  showTranslation($('t1'), '第一个标题', 'The first title', 'replace');
  $('t1').append(document.createElement('i')); // the page adds an empty node: same text
  await mutationsDelivered();
  expect($('t1').querySelector('.rnl-t')?.textContent).toBe('The first title');
  showPending($('t1'), '第一个标题');
  $('t1').firstChild!.nodeValue = '改过';
  await mutationsDelivered();
  expect($('t1').querySelector('.rnl-pending')).not.toBeNull();
});

test('a line of ours the page removed (a framework discarding nodes it does not know) brings its target back', async () => {
  const { io, frames } = setup();
  showTranslation($('t1'), '第一个标题', 'The first title', 'bilingual');
  await mutationsDelivered();
  frames.run();
  io.band.observed.clear();
  $('t1').querySelector('[data-rnl]')!.remove();
  await mutationsDelivered();
  frames.run();
  expect([...io.band.observed]).toEqual([$('t1')]);
});

/** jsdom has no checkVisibility: give one element the browser's answer. */
const drawn = (el: Element, visible: boolean) => Object.assign(el, { checkVisibility: vi.fn(() => visible) });

test('a target in the band that a reader cannot see (opacity, visibility, display) is not looked at', () => {
  const { visibility, io, looks } = setup();
  visibility.watchAll();
  const el = drawn($('t1'), false);
  io.band.enter([el]);
  expect(looks).toEqual([]);
  expect(el.checkVisibility).toHaveBeenCalledWith({ opacityProperty: true, visibilityProperty: true });
  // Still observed: when it next moves into the band, drawn by then, it is looked at.
  expect(io.band.observed.has(el)).toBe(true);
  drawn(el, true);
  io.band.enter([el]);
  expect(looks).toEqual([[{ el, urgent: true }]]);
});

test('a target of no size, or clipped to nothing by an ancestor box, is not looked at', () => {
  const { visibility, io, looks } = setup();
  visibility.watchAll();
  const zero = { ...ON_SCREEN, width: 0, height: 0, bottom: ON_SCREEN.top, right: ON_SCREEN.left } as DOMRectReadOnly;
  io.band.enter([$('t1')], zero);
  expect(looks).toEqual([]);
  io.band.enter([$('t1')]);
  expect(looks).toHaveLength(1);
});

test('a target not drawn yet is looked at again a little later (a fade-in), a bounded number of times', () => {
  const { visibility, io, looks, timers } = setup();
  visibility.watchAll();
  const el = drawn($('t1'), false);
  io.band.enter([el]);
  expect(timers.map((t) => t.ms)).toEqual([UNSEEN_RECHECK_MS[0]]);
  // The recheck observes it afresh (the browser then reports its current state): still invisible.
  timers[0]!.fn();
  io.band.enter([el]);
  io.band.enter([el]);
  expect(timers.map((t) => t.ms)).toEqual([...UNSEEN_RECHECK_MS]);
  timers[1]!.fn();
  io.band.enter([el]);
  expect(timers).toHaveLength(UNSEEN_RECHECK_MS.length); // no more: a page of invisible text costs nothing after that
  drawn(el, true);
  io.band.enter([el]);
  expect(looks).toHaveLength(1);
});
