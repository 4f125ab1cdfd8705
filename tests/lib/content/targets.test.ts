// @vitest-environment jsdom
import { beforeEach, expect, test } from 'vitest';
import { contextOf, sourceOf, targetOf, targetsWithin } from '../../../lib/content/targets';
import { showPlaceholder, showTranslation } from '../../../lib/render/render';

beforeEach(() => {
  document.body.innerHTML = `
    <section class="note-item"><div class="footer">
      <div class="title"><span id="title">周末 <b>早午餐</b></span></div>
      <div class="author"><span class="name" id="nick">露营小张</span></div>
      <div class="like-wrapper"><span class="count" id="likes">1.2万</span></div>
    </div></section>
    <input id="search-input" placeholder="搜索小红书">
    <div id="noteContainer">
      <div id="detail-title">咖啡店</div>
      <div class="comment-item"><div class="content"><span class="note-text" id="comment">好喝吗</span></div></div>
    </div>
    <p id="plain">不是目标</p>`;
});
const $ = (id: string) => document.getElementById(id)!;

test('targets carry the role the settings expect, and placeholders say which attribute to read', () => {
  expect(targetOf($('title'))?.role).toBe('title');
  expect(targetOf($('nick'))?.role).toBe('nickname');
  expect(targetOf($('likes'))?.role).toBe('meta');
  expect(targetOf($('comment'))?.role).toBe('comment');
  expect(targetOf($('search-input'))).toMatchObject({ role: 'ui', attribute: 'placeholder' });
  expect(targetOf($('plain'))).toBeUndefined();
});

test('a changed node brings the target holding it and every target inside it; our own nodes bring none', () => {
  expect(targetsWithin($('title').querySelector('b')!.firstChild!)).toEqual([$('title')]);
  expect(targetsWithin(document.querySelector('section')!)).toEqual([$('title'), $('nick'), $('likes')]);
  expect(targetsWithin($('plain'))).toEqual([]);
  showTranslation($('title'), '周末 早午餐', 'Weekend brunch', 'bilingual');
  expect(targetsWithin($('title').querySelector('[data-rnl]')!)).toEqual([]);
  expect(targetsWithin(document)).toHaveLength(6);
});

test('the source is the text the page shows, without ours; a placeholder is the original one', () => {
  showTranslation($('title'), '周末 早午餐', 'Weekend brunch', 'bilingual');
  expect(sourceOf($('title'), targetOf($('title'))!)).toBe('周末 早午餐');
  showPlaceholder($('search-input'), '搜索小红书', 'Search Xiaohongshu', 'bilingual');
  expect(sourceOf($('search-input'), targetOf($('search-input'))!)).toBe('搜索小红书');
});

test('texts in an open note get its title as context; the title itself and texts elsewhere none', () => {
  expect(contextOf($('comment'))).toBe('咖啡店');
  expect(contextOf($('detail-title'))).toBeUndefined();
  expect(contextOf($('title'))).toBeUndefined();
});
