// @vitest-environment jsdom
// The reader's gestures: a trusted press, wheel or touch lets one piece of unseen work happen (the next
// slide read ahead), within GESTURE_WINDOW_MS; an event a page script makes (untrusted) lets none.
//
// jsdom makes only untrusted events and its `isTrusted` is an own unforgeable property (it cannot be
// redefined on an Event), so events reach the watcher through `gestureTarget`: a real EventTarget (the
// watcher's options, its signal included, take effect there) whose listeners see each event with
// `isTrusted` as the test marks it.
import { describe, expect, test } from 'vitest';
import { GESTURE_WINDOW_MS, watchReaderGestures } from '../../../lib/content/reader-gesture';

function gestureTarget() {
  const target = new EventTarget();
  const trusted = new WeakSet<Event>();
  const options: unknown[] = [];
  const doc = {
    addEventListener(type: string, listener: (event: Event) => void, opts?: AddEventListenerOptions) {
      options.push({ type, ...opts });
      target.addEventListener(type, (event) => listener(new Proxy(event, { get: (e, key) => (key === 'isTrusted' ? trusted.has(e) : Reflect.get(e, key)) })), opts);
    },
  } as unknown as Document;
  const fire = (type: string, isTrusted = true) => {
    const event = new Event(type);
    if (isTrusted) trusted.add(event);
    target.dispatchEvent(event);
  };
  return { doc, fire, options };
}

function watch() {
  const clock = { now: 10_000 };
  const run = new AbortController();
  const { doc, fire, options } = gestureTarget();
  const gestures = watchReaderGestures(doc, run.signal, () => clock.now);
  return { gestures, fire, clock, run, options };
}

describe('watchReaderGestures', () => {
  test('no gesture: nothing to take', () => {
    const { gestures } = watch();
    expect(gestures.take()).toBe(false);
  });

  test('a press, a wheel, a touch: each taken once, not twice', () => {
    const { gestures, fire } = watch();
    for (const type of ['pointerdown', 'wheel', 'touchend']) {
      fire(type);
      expect(gestures.take()).toBe(true);
      expect(gestures.take()).toBe(false);
    }
  });

  test('other events (a key, a pointer moving over) are not gestures', () => {
    const { gestures, fire } = watch();
    for (const type of ['keydown', 'pointerover', 'pointermove', 'click', 'scroll']) fire(type);
    expect(gestures.take()).toBe(false);
  });

  test('a gesture counts for GESTURE_WINDOW_MS only', () => {
    const { gestures, fire, clock } = watch();
    fire('pointerdown');
    clock.now += GESTURE_WINDOW_MS;
    expect(gestures.take()).toBe(true);
    fire('pointerdown');
    clock.now += GESTURE_WINDOW_MS + 1;
    expect(gestures.take()).toBe(false);
  });

  test('untrusted events (a page script\'s) are ignored', () => {
    const { gestures, fire } = watch();
    for (const type of ['pointerdown', 'wheel', 'touchend']) fire(type, false);
    expect(gestures.take()).toBe(false);
    // And a real jsdom event on a real document, untrusted as every script-made event is.
    const run = new AbortController();
    const onDocument = watchReaderGestures(document, run.signal, () => 0);
    document.dispatchEvent(new Event('pointerdown', { bubbles: true }));
    expect(onDocument.take()).toBe(false);
    run.abort();
  });

  test('listened to in the capture phase, passively; the listeners end with the signal', () => {
    const { gestures, fire, run, options } = watch();
    expect(options).toEqual(['pointerdown', 'wheel', 'touchend'].map((type) => expect.objectContaining({ type, capture: true, passive: true, signal: run.signal })));
    run.abort();
    fire('pointerdown');
    expect(gestures.take()).toBe(false);
  });
});
