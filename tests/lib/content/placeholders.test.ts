// @vitest-environment jsdom
// Placeholders are attributes: no line of ours to show a state in, and the page may rewrite them.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createPageTranslator } from '../../../lib/content/page-translator';
import { pageRetryDelay } from '../../../lib/core/retry-policy';
import type { Segment, SegmentResult } from '../../../lib/messaging/contract';
import { DEFAULT_SETTINGS } from '../../../lib/settings/defaults';
import { fakeFrames, fakeIntersections, mutationsDelivered } from './fakes';

const PAGE = '<div id="app"><input id="search-input" placeholder="搜索你喜欢的东西"></div>';
const WALL = 1_700_000_000_000;
const busy = { kind: 'rate-limited' as const, message: 'DeepL 429' };

beforeEach(() => {
  vi.useFakeTimers({ now: WALL });
  document.body.innerHTML = PAGE;
  document.elementFromPoint = () => null;
});
afterEach(() => vi.useRealTimers());
const input = () => document.getElementById('search-input')!;

function setup() {
  const frames = fakeFrames();
  const io = fakeIntersections();
  const sent: string[][] = [];
  let failing = true;
  const translator = createPageTranslator({
    doc: document,
    css: '',
    translate: async (segments: Segment[]): Promise<SegmentResult[]> => {
      sent.push(segments.map((s) => s.text));
      return segments.map((s) => (failing ? { id: s.id, ok: false, error: busy } : { id: s.id, ok: true, text: `EN(${s.text})`, fromCache: false }));
    },
    nextFrame: frames.nextFrame,
    intersections: io.factory,
  });
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await mutationsDelivered();
      frames.run();
      io.band.enter([...io.band.observed]);
      frames.run();
      await vi.advanceTimersByTimeAsync(0);
    }
  };
  return { translator, sent, settle, succeed: () => (failing = false) };
}

test('a failed placeholder is asked for again after the retry delay', async () => {
  const { translator, sent, settle, succeed } = setup();
  translator.setSettings(DEFAULT_SETTINGS, true);
  await settle();
  expect(sent).toEqual([['搜索你喜欢的东西']]);
  expect(input().getAttribute('placeholder')).toBe('搜索你喜欢的东西');
  succeed();
  await vi.advanceTimersByTimeAsync(pageRetryDelay(busy, 0, WALL));
  await settle();
  expect(sent).toHaveLength(2);
  expect(input().getAttribute('placeholder')).toBe('搜索你喜欢的东西 · EN(搜索你喜欢的东西)');
});

test('back online, a failed placeholder is asked for at once', async () => {
  const { translator, sent, settle, succeed } = setup();
  translator.setSettings(DEFAULT_SETTINGS, true);
  await settle();
  succeed();
  translator.retryFailed();
  await settle();
  expect(sent).toHaveLength(2);
  expect(input().getAttribute('placeholder')).toBe('搜索你喜欢的东西 · EN(搜索你喜欢的东西)');
});

test('a placeholder the page rewrites is translated anew, and turning off leaves the page its own', async () => {
  const { translator, sent, settle, succeed } = setup();
  succeed();
  translator.setSettings(DEFAULT_SETTINGS, true);
  await settle();
  input().setAttribute('placeholder', '新的提示文字');
  await settle();
  expect(sent).toEqual([['搜索你喜欢的东西'], ['新的提示文字']]);
  expect(input().getAttribute('placeholder')).toBe('新的提示文字 · EN(新的提示文字)');
  translator.setSettings({ ...DEFAULT_SETTINGS, mode: 'off' }, true);
  expect(document.body.innerHTML).toBe(PAGE.replace('搜索你喜欢的东西', '新的提示文字'));
});

test('turning off just after the page rewrote a translated placeholder keeps the page’s new one', async () => {
  const { translator, settle, succeed } = setup();
  succeed();
  translator.setSettings(DEFAULT_SETTINGS, true);
  await settle();
  input().setAttribute('placeholder', '新的提示文字');
  translator.setSettings({ ...DEFAULT_SETTINGS, mode: 'off' }, true);
  expect(document.body.innerHTML).toBe(PAGE.replace('搜索你喜欢的东西', '新的提示文字'));
});
