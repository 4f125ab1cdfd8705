// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { BlockedState } from '../../../lib/content/blocked-texts';
import { HYDRATION_TIMEOUT_MS } from '../../../lib/content/hydration';
import { createPageTranslator, type PageTranslatorDeps } from '../../../lib/content/page-translator';
import { pageRetryDelay } from '../../../lib/core/retry-policy';
import type { Segment, SegmentResult } from '../../../lib/messaging/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/defaults';
import { BELOW_SCREEN, fakeFrames, fakeIntersections, mutationsDelivered, ON_SCREEN } from './fakes';

const PAGE = `
  <div id="feed">
    <section class="note-item"><div class="footer">
      <div class="title"><span id="t1">周末早午餐</span></div>
      <div class="author"><span class="name" id="nick">露营小张</span></div>
      <div class="like-wrapper"><span class="count" id="likes">1.2万</span></div>
    </div></section>
    <section class="note-item"><div class="footer"><div class="title"><span id="t2">宝子们快来</span></div></div></section>
  </div>
  <input id="search-input" placeholder="搜索小红书">`;
const WALL = 1_700_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: WALL });
  document.head.innerHTML = '';
  document.body.innerHTML = PAGE;
  document.elementFromPoint = () => null; // jsdom has no layout; the reading position is kept in the e2e tests
});
afterEach(() => vi.useRealTimers());
const $ = (id: string) => document.getElementById(id)!;
const line = (id: string) => $(id).querySelector('[data-rnl]')?.textContent;
const on = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...over });

type Answer = (segments: Segment[]) => Promise<SegmentResult[]>;
const english: Answer = async (segments) => segments.map((s) => ({ id: s.id, ok: true, text: `EN(${s.text})`, fromCache: false }));

function setup(initial: Answer = english, onChineseText?: PageTranslatorDeps['onChineseText']) {
  const frames = fakeFrames();
  const io = fakeIntersections();
  let answer = initial;
  const sent: string[][] = [];
  const translator = createPageTranslator({
    doc: document,
    css: '.rnl-t {}',
    translate: (segments) => {
      sent.push(segments.map((s) => s.text));
      return answer(segments);
    },
    nextFrame: frames.nextFrame,
    intersections: io.factory,
    ...(onChineseText ? { onChineseText } : {}),
  });
  /** The reader sees every watched target: looks, sends, and lets the answers land. */
  const showAll = async () => {
    io.band.enter([...io.band.observed]);
    frames.run();
    await vi.advanceTimersByTimeAsync(0);
    await mutationsDelivered(); // our own lines, seen and ignored
    frames.run();
  };
  return { translator, frames, io, sent, showAll, answerWith: (next: Answer) => (answer = next) };
}

test('on screen: one message for what the reader sees; nicknames kept, counts and interface local', async () => {
  const { translator, sent, showAll } = setup();
  translator.setSettings(on(), true);
  await showAll();
  expect(sent).toEqual([['周末早午餐', '宝子们快来']]);
  expect(line('t1')).toBe('EN(周末早午餐)');
  expect(line('likes')).toBe('12K');
  expect(line('nick')).toBeUndefined();
  expect($('search-input').getAttribute('placeholder')).toBe('搜索小红书 · Search Xiaohongshu');
  // Our stylesheet is adopted, not an element the page could find.
  expect(document.adoptedStyleSheets).toHaveLength(1);
  expect(document.querySelector('style')).toBeNull();
  expect(translator.stats()).toMatchObject({ memo: 2, waiting: 0, busy: false, messages: 1, segmentsAsked: 2, queuedRecords: 0 });
});

test('off leaves the page as it was; on again shows the same from memory, with no message', async () => {
  const { translator, sent, showAll, io } = setup();
  translator.setSettings(on(), true);
  await showAll();
  translator.setSettings(on({ mode: 'off' }), true);
  expect(document.body.innerHTML).toBe(PAGE);
  expect(document.adoptedStyleSheets).toHaveLength(0);
  expect(io.band.observed.size).toBe(0);
  translator.setSettings(on(), true);
  await showAll();
  expect(line('t1')).toBe('EN(周末早午餐)');
  expect(sent).toHaveLength(1);
  translator.setSettings(on(), false); // switched off on this site
  expect(document.body.innerHTML).toBe(PAGE);
});

test('another display mode redraws from memory; a role switched on is then asked for', async () => {
  const { translator, sent, showAll } = setup();
  translator.setSettings(on(), true);
  await showAll();
  translator.setSettings(on({ mode: 'replace' }), true);
  await showAll();
  expect($('t1').querySelector(':scope > .rnl-t.rnl-replaced')).not.toBeNull();
  expect(sent).toHaveLength(1);
  translator.setSettings(on({ mode: 'replace', translate: { ...DEFAULT_SETTINGS.translate, nicknames: true } }), true);
  await showAll();
  expect(sent[1]).toEqual(['露营小张']);
  expect(line('nick')).toBe('EN(露营小张)');
});

/** An answer the test releases when it wants. */
function deferred() {
  let release!: () => void;
  const answer: Answer = (segments) => new Promise((resolve) => (release = () => void english(segments).then(resolve)));
  return { answer, release: () => release() };
}

test('an answer for text the page re-rendered meanwhile is not shown; the new text is asked for', async () => {
  const late = deferred();
  const { translator, sent, showAll, frames, answerWith } = setup(late.answer);
  translator.setSettings(on(), true);
  await showAll();
  expect(line('t1')).toBe('…');
  answerWith(english);
  $('t1').firstChild!.nodeValue = '新的标题';
  await mutationsDelivered();
  frames.run();
  late.release();
  await vi.advanceTimersByTimeAsync(0);
  expect(line('t1')).toBe('…');
  expect(line('t2')).toBe('EN(宝子们快来)');
  frames.run();
  await vi.advanceTimersByTimeAsync(0);
  expect(sent[1]).toEqual(['新的标题']);
  expect(line('t1')).toBe('EN(新的标题)');
});

test('an answer arriving after a settings write that changes nothing on screen is shown (not stuck at "…")', async () => {
  const late = deferred();
  const { translator, showAll } = setup(late.answer);
  translator.setSettings(on(), true);
  await showAll();
  expect(line('t1')).toBe('…');
  translator.setSettings(on({ highlightTerms: false }), true);
  late.release();
  await vi.advanceTimersByTimeAsync(0);
  expect(line('t1')).toBe('EN(周末早午餐)');
});

test('an answer arriving after its role was switched off is not shown, and kept', async () => {
  const late = deferred();
  const { translator, sent, showAll } = setup(late.answer);
  translator.setSettings(on(), true);
  await showAll();
  translator.setSettings(on({ translate: { ...DEFAULT_SETTINGS.translate, titles: false } }), true);
  await showAll();
  late.release();
  await vi.advanceTimersByTimeAsync(0);
  expect(line('t1')).toBeUndefined();
  translator.setSettings(on(), true);
  await showAll();
  expect(line('t1')).toBe('EN(周末早午餐)');
  expect(sent).toHaveLength(1);
});

test('another target language or translator reaches an open page: texts are asked for again; back again is from memory', async () => {
  const { translator, sent, showAll, answerWith } = setup();
  translator.setSettings(on(), true);
  await showAll();
  answerWith(async (segments) => segments.map((s) => ({ id: s.id, ok: true, text: `DE(${s.text})`, fromCache: false })));
  translator.setSettings(on({ targetLang: 'DE' }), true);
  await showAll();
  expect(sent[1]).toEqual(['周末早午餐', '宝子们快来']);
  expect(line('t1')).toBe('DE(周末早午餐)');
  translator.setSettings(on({ targetLang: 'DE', provider: 'on-device' }), true);
  await showAll();
  expect(sent).toHaveLength(3);
  translator.setSettings(on(), true);
  await showAll();
  expect(line('t1')).toBe('EN(周末早午餐)');
  expect(sent).toHaveLength(3);
});

test('an answer in the old target language arriving after the change is not shown', async () => {
  const late = deferred();
  const { translator, sent, showAll, answerWith } = setup(late.answer);
  translator.setSettings(on(), true);
  await showAll();
  answerWith(async (segments) => segments.map((s) => ({ id: s.id, ok: true, text: `DE(${s.text})`, fromCache: false })));
  translator.setSettings(on({ targetLang: 'DE' }), true);
  late.release();
  await vi.advanceTimersByTimeAsync(0);
  await showAll();
  expect(line('t1')).toBe('DE(周末早午餐)');
  expect(sent.flat().filter((t) => t === '周末早午餐')).toHaveLength(2);
});

test('a failed text shows why, and is asked for again after the retry delay', async () => {
  const busy = { kind: 'rate-limited' as const };
  const { translator, sent, showAll, frames, answerWith } = setup(async (segments) => segments.map((s) => ({ id: s.id, ok: false, error: busy })));
  translator.setSettings(on(), true);
  await showAll();
  expect(line('t1')).toBe('⚠ DeepL busy, retrying — click to retry');
  answerWith(english);
  await vi.advanceTimersByTimeAsync(pageRetryDelay(busy, 0, WALL));
  frames.run();
  await vi.advanceTimersByTimeAsync(0);
  expect(sent).toHaveLength(2);
  expect(line('t1')).toBe('EN(周末早午餐)');
});

test('answers arriving after the reader turned translation off are not shown, and kept for when it is on again', async () => {
  const late = deferred();
  const { translator, sent, showAll } = setup(late.answer);
  translator.setSettings(on(), true);
  await showAll();
  translator.setSettings(on({ mode: 'off' }), true);
  late.release();
  await vi.advanceTimersByTimeAsync(0);
  expect(document.body.innerHTML).toBe(PAGE);
  expect(translator.stats().memo).toBe(2);
  translator.setSettings(on(), true);
  await showAll();
  expect(line('t2')).toBe('EN(宝子们快来)');
  expect(sent).toHaveLength(1);
});

test('stop() ends observation: later changes to the page bring no work', async () => {
  const { translator, showAll, frames, io } = setup();
  translator.setSettings(on(), true);
  await showAll();
  translator.stop();
  frames.run();
  $('feed').insertAdjacentHTML('beforeend', '<section class="note-item"><div class="footer"><div class="title"><span>新卡片</span></div></div></section>');
  await mutationsDelivered();
  expect(frames.queued).toBe(0);
  frames.run();
  expect(io.band.observed.size).toBe(0);
  expect(translator.stats()).toMatchObject({ waiting: 0, busy: false, queuedRecords: 0 });
});

test('a server-rendered page is not written to before its framework hydrated it (data-v-app), then translated', async () => {
  document.body.insertAdjacentHTML('beforeend', '<script>window.__INITIAL_STATE__={}</script>');
  const before = document.body.innerHTML;
  const sheets = document.adoptedStyleSheets.length;
  const { translator, io, showAll, sent } = setup();
  translator.setSettings(on(), true);
  translator.setSettings(on({ mode: 'replace' }), true);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(document.body.innerHTML).toBe(before);
  expect(document.adoptedStyleSheets).toHaveLength(sheets); // our stylesheet not adopted yet
  $('feed').setAttribute('data-v-app', ''); // the mount container
  await vi.advanceTimersByTimeAsync(0);
  expect([...io.band.observed]).toContain($('t1'));
  await showAll();
  expect(sent[0]).toContain('周末早午餐');
  expect($('t1').querySelector(':scope > .rnl-t.rnl-replaced')).not.toBeNull();
});

test('switched off while waiting for hydration: nothing starts', async () => {
  document.body.insertAdjacentHTML('beforeend', '<div id="ssr-skeleton"></div>');
  const sheets = document.adoptedStyleSheets.length;
  const { translator } = setup();
  translator.setSettings(on(), true);
  translator.setSettings(on({ mode: 'off' }), true);
  $('feed').setAttribute('data-v-app', ''); // the mount container
  await vi.advanceTimersByTimeAsync(0);
  expect(document.adoptedStyleSheets).toHaveLength(sheets); // our stylesheet not adopted yet
  expect(document.querySelector('[data-rnl]')).toBeNull();
});

test('a page announcing a hydration that never comes is translated after the timeout', async () => {
  document.body.insertAdjacentHTML('beforeend', '<div id="ssr-skeleton"></div>');
  const { translator, io } = setup();
  translator.setSettings(on(), true);
  await vi.advanceTimersByTimeAsync(HYDRATION_TIMEOUT_MS - 1);
  expect(io.count).toBe(0);
  await vi.advanceTimersByTimeAsync(1);
  expect([...io.band.observed]).toContain($('t1'));
});

test('an error while handling one element stops neither that element’s translation nor the others’', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  // Underlining throws on the first title (as Range.setStart did on 'İİİİ 种草'); the count cannot even be matched.
  const { translator, showAll } = setup(english, (el) => {
    if (el.id === 't1') throw new Error('IndexSizeError');
  });
  $('likes').matches = () => {
    throw new Error('broken element');
  };
  translator.setSettings(on(), true);
  await showAll();
  expect(line('t1')).toBe('EN(周末早午餐)');
  expect(line('t2')).toBe('EN(宝子们快来)');
  expect($('search-input').getAttribute('placeholder')).toBe('搜索小红书 · Search Xiaohongshu');
});

test('paused for unusual volume: one prompt for the page, texts wait without asking again, the reader’s continue asks for them', async () => {
  const frames = fakeFrames();
  const io = fakeIntersections();
  const sent: string[][] = [];
  let paused = true;
  const prompts: Array<() => void> = [];
  const continueTranslating = vi.fn(async () => void (paused = false));
  const translator = createPageTranslator({
    doc: document,
    css: '',
    translate: async (segments) => {
      sent.push(segments.map((s) => s.text));
      return segments.map((s) => (paused ? { id: s.id, ok: false, error: { kind: 'paused' } } : { id: s.id, ok: true, text: `EN(${s.text})`, fromCache: false }));
    },
    nextFrame: frames.nextFrame,
    intersections: io.factory,
    continueTranslating,
    mountNotice: (_doc, onContinue) => {
      prompts.push(onContinue);
      let shown = true;
      return { get shown() { return shown; }, remove: () => void (shown = false) };
    },
  });
  translator.setSettings(on(), true);
  io.band.enter([$('t1')]);
  frames.run();
  await vi.advanceTimersByTimeAsync(0);
  io.band.enter([$('t2')]);
  frames.run();
  await vi.advanceTimersByTimeAsync(0);
  // Once paused, the next text waits with it (no message).
  expect(sent).toEqual([['周末早午餐']]);
  expect(prompts).toHaveLength(1);
  expect(line('t2')).toBe('…');
  expect(line('t1')).toBe('…');
  // Nothing asked again by itself, however long the reader waits, and new texts wait without a message.
  await vi.advanceTimersByTimeAsync(120_000);
  const late = document.createElement('section');
  late.className = 'note-item';
  late.innerHTML = '<div class="footer"><div class="title"><span id="t3">新来的标题</span></div></div>';
  $('feed').append(late);
  await mutationsDelivered();
  frames.run();
  io.band.enter([$('t3')]);
  frames.run();
  await vi.advanceTimersByTimeAsync(0);
  expect(sent).toHaveLength(1);
  expect(prompts).toHaveLength(1);
  expect(line('t3')).toBe('…');
  prompts[0]!();
  await vi.advanceTimersByTimeAsync(0);
  frames.run();
  await vi.advanceTimersByTimeAsync(0);
  expect(continueTranslating).toHaveBeenCalledTimes(1);
  expect(sent.slice(1).flat().sort()).toEqual(['周末早午餐', '宝子们快来', '新来的标题'].sort());
  expect(line('t3')).toBe('EN(新来的标题)');
  expect(line('t1')).toBe('EN(周末早午餐)');
  expect(line('t2')).toBe('EN(宝子们快来)');
});

test('a batch reads every box and type size it needs before its first write: one layout, not one per text', async () => {
  const { translator, io, frames } = setup();
  translator.setSettings(on({ mode: 'replace' }), true);
  frames.run();
  const log: string[] = [];
  const realStyle = window.getComputedStyle.bind(window);
  const styleRead = vi.spyOn(window, 'getComputedStyle').mockImplementation((el, pseudo) => {
    log.push('read');
    return realStyle(el, pseudo);
  });
  const realAppend = Element.prototype.append;
  const append = vi.spyOn(Element.prototype, 'append').mockImplementation(function (this: Element, ...nodes: Array<Node | string>) {
    log.push('write');
    realAppend.apply(this, nodes);
  });
  try {
    // One look at the feed: titles wait ("…" lines), the count is answered locally in the original's size.
    io.band.enter([...io.band.observed]);
  } finally {
    styleRead.mockRestore();
    append.mockRestore();
  }
  expect(log.filter((e) => e === 'write').length).toBeGreaterThanOrEqual(3);
  expect(log.slice(log.indexOf('write'))).not.toContain('read');
  expect(line('likes')).toBe('12K');
});

test('the reading position is kept only where a write can move what the reader sees: not for lines below the screen', async () => {
  const { translator, showAll, frames, io } = setup();
  const hitTests = vi.fn(() => null);
  document.elementFromPoint = hitTests;
  const rect = vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(BELOW_SCREEN as DOMRect);
  translator.setSettings(on(), true);
  await showAll();
  expect(line('t1')).toBe('EN(周末早午餐)');
  expect(hitTests).not.toHaveBeenCalled();
  // The same page on screen: a new title there may grow its card, moving what is below it.
  rect.mockReturnValue(ON_SCREEN as DOMRect);
  $('t1').firstChild!.nodeValue = '新的标题';
  await mutationsDelivered();
  frames.run();
  io.band.enter([$('t1')]);
  frames.run();
  await vi.advanceTimersByTimeAsync(0);
  expect(line('t1')).toBe('EN(新的标题)');
  expect(hitTests).toHaveBeenCalled();
  rect.mockRestore();
});

describe('blocked until the reader acts (no translator, key refused, quota, budget)', () => {
  const refuse = (kind: 'no-provider' | 'auth') => async (segments: Segment[]) =>
    segments.map((s) => ({ id: s.id, ok: false as const, error: { kind } }));

  function blockedSetup(initial: Answer) {
    const frames = fakeFrames();
    const io = fakeIntersections();
    const sent: string[][] = [];
    const states: Array<BlockedState | undefined> = [];
    let answer = initial;
    const translator = createPageTranslator({
      doc: document,
      css: '',
      translate: (segments) => {
        sent.push(segments.map((s) => s.text));
        return answer(segments);
      },
      nextFrame: frames.nextFrame,
      intersections: io.factory,
      onBlocked: (state) => states.push(state),
    });
    const land = async () => {
      frames.run();
      await vi.advanceTimersByTimeAsync(0);
      await mutationsDelivered();
      frames.run();
    };
    return { translator, frames, io, sent, states, land, answerWith: (next: Answer) => (answer = next) };
  }

  test('local answers still show; content texts show nothing (no line each), the page gets one state; a push asks again at once', async () => {
    const { translator, io, sent, states, land, answerWith } = blockedSetup(refuse('no-provider'));
    translator.setSettings(on(), true);
    io.band.enter([...io.band.observed]);
    await land();
    expect(sent).toEqual([['周末早午餐', '宝子们快来']]);
    expect(line('likes')).toBe('12K');
    expect($('search-input').getAttribute('placeholder')).toBe('搜索小红书 · Search Xiaohongshu');
    expect(line('t1')).toBeUndefined();
    expect(line('t2')).toBeUndefined();
    expect(document.querySelectorAll('.rnl-error, .rnl-pending')).toHaveLength(0);
    expect(states).toEqual([{ kind: 'no-provider' }]);

    // The reader sets a translator up elsewhere; the settings push (or the tab coming back) asks again, in one message.
    answerWith(english);
    translator.retryBlocked();
    await land();
    expect(sent).toHaveLength(2);
    expect(sent[1]!.sort()).toEqual(['周末早午餐', '宝子们快来'].sort());
    expect(line('t1')).toBe('EN(周末早午餐)');
    expect(line('t2')).toBe('EN(宝子们快来)');
    expect(states.at(-1)).toBeUndefined();
  });

  test('held texts are asked for again together after the blocked delay, in one message', async () => {
    const { translator, io, sent, states, land, answerWith } = blockedSetup(refuse('auth'));
    translator.setSettings(on(), true);
    io.band.enter([$('t1')]);
    await land();
    io.band.enter([$('t2')]);
    await land();
    expect(sent).toEqual([['周末早午餐'], ['宝子们快来']]);
    expect(states).toEqual([{ kind: 'auth' }]); // the same state once, not once per text
    // Nothing more until the delay; then one message for both.
    await vi.advanceTimersByTimeAsync(pageRetryDelay({ kind: 'auth' }, 0, WALL) - 1_000);
    expect(sent).toHaveLength(2);
    answerWith(english);
    await vi.advanceTimersByTimeAsync(1_000);
    await land();
    expect(sent).toHaveLength(3);
    expect(sent[2]!.sort()).toEqual(['周末早午餐', '宝子们快来'].sort());
    expect(line('t1')).toBe('EN(周末早午餐)');
    expect(line('t2')).toBe('EN(宝子们快来)');
    expect(states.at(-1)).toBeUndefined();
  });

  test('a held text that comes back translated ends the block: the other held texts go at once', async () => {
    const { translator, io, frames, sent, states, land, answerWith } = blockedSetup(refuse('no-provider'));
    translator.setSettings(on(), true);
    io.band.enter([...io.band.observed]);
    await land();
    expect(states).toHaveLength(1);
    // The page puts a new text in t1 (a recycled card): it is asked for alone, and now translated.
    answerWith(english);
    $('t1').firstChild!.nodeValue = '周末吃什么';
    await mutationsDelivered();
    frames.run();
    io.band.enter([$('t1')]);
    await land();
    await land();
    expect(sent.at(-2)).toEqual(['周末吃什么']);
    // …which brought t2 along at once, without waiting for the delay.
    expect(sent.at(-1)).toEqual(['宝子们快来']);
    expect(line('t2')).toBe('EN(宝子们快来)');
    expect(states.at(-1)).toBeUndefined();
  });

  test('switched off: the state clears with everything else', async () => {
    const { translator, io, states, land } = blockedSetup(refuse('no-provider'));
    translator.setSettings(on(), true);
    io.band.enter([...io.band.observed]);
    await land();
    expect(states).toHaveLength(1);
    translator.setSettings(on({ mode: 'off' }), true);
    expect(states).toEqual([{ kind: 'no-provider' }, undefined]);
  });
});
