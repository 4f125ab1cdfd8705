// @vitest-environment jsdom
import { beforeEach, expect, test } from 'vitest';
import { decide, LONG_TEXT_CHARS, type DecisionInputs } from '../../../lib/content/element-translation';
import { sourceOf, targetOf } from '../../../lib/content/targets';
import { showError, showPending, showTranslation } from '../../../lib/render/render';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/defaults';

beforeEach(() => {
  document.body.innerHTML = `
    <section class="note-item"><div class="footer">
      <div class="title"><span id="title">宝子们快来</span></div>
      <div class="author"><span class="name" id="nick">露营小张</span></div>
      <div class="like-wrapper"><span class="count" id="count">1.2万</span></div>
    </div></section>
    <div class="side-bar"><div class="channel" id="ui">发现</div></div>
    <div class="bottom-container"><span class="date" id="date">某个奇怪的日子</span></div>
    <input id="search-input" placeholder="">`;
});
const $ = (id: string) => document.getElementById(id)!;

function decision(id: string, inputs: Partial<DecisionInputs> = {}, settings: Partial<Settings> = {}) {
  const el = $(id);
  const target = targetOf(el)!;
  return decide(el, target, sourceOf(el, target), {
    settings: { ...DEFAULT_SETTINGS, ...settings },
    remembered: () => undefined,
    confirmedLong: undefined,
    waiting: false,
    ...inputs,
  });
}

test('interface strings, counts and dates are answered locally', () => {
  expect(decision('ui')).toEqual({ do: 'show', translation: 'Explore' });
  expect(decision('count')).toEqual({ do: 'show', translation: '12K' });
});

test('meta the local tables cannot read is left alone, never sent', () => {
  expect(decision('date')).toEqual({ do: 'nothing' });
});

test('other text is answered from the memo, or asked for', () => {
  expect(decision('title')).toEqual({ do: 'ask' });
  expect(decision('title', { remembered: (s) => (s === '宝子们快来' ? 'Come on, babes' : undefined) })).toEqual({ do: 'show', translation: 'Come on, babes' });
});

test('nicknames are kept unless the reader turns them on; a role switched off is cleared', () => {
  expect(decision('nick')).toEqual({ do: 'clear' });
  expect(decision('nick', {}, { translate: { ...DEFAULT_SETTINGS.translate, nicknames: true } })).toEqual({ do: 'ask' });
  expect(decision('title', {}, { translate: { ...DEFAULT_SETTINGS.translate, titles: false } })).toEqual({ do: 'clear' });
  expect(decision('ui', {}, { translate: { ...DEFAULT_SETTINGS.translate, interface: false } })).toEqual({ do: 'clear' });
});

test('text without Chinese is cleared', () => {
  $('title').textContent = 'Weekend brunch 🥞';
  expect(decision('title')).toEqual({ do: 'clear' });
});

test('a shown translation needs nothing; a pending, waiting or failed one is asked (again: on screen now, it goes sooner)', () => {
  showTranslation($('title'), '宝子们快来', 'Come on, babes', 'bilingual');
  expect(decision('title')).toEqual({ do: 'nothing' });
  expect(decision('title', { waiting: true })).toEqual({ do: 'ask' });
  showPending($('title'), '宝子们快来');
  expect(decision('title')).toEqual({ do: 'ask' });
  showError($('title'), '宝子们快来', { kind: 'network' }, 'deepl', () => {});
  expect(decision('title')).toEqual({ do: 'ask' });
});

test('a text past the long-text limit is offered once, and asked for after the reader says yes to it', () => {
  const long = '长'.repeat(LONG_TEXT_CHARS + 1);
  $('title').textContent = long;
  expect(decision('title')).toEqual({ do: 'offer' });
  expect(decision('title', { confirmedLong: long })).toEqual({ do: 'ask' });
  expect(decision('title', { confirmedLong: long.slice(1) })).toEqual({ do: 'offer' });
  $('search-input').setAttribute('placeholder', long);
  expect(decision('search-input')).toEqual({ do: 'nothing' }); // a placeholder has nowhere to show an offer
});
