// @vitest-environment jsdom
// The adapter's roles on the replica client: every view's texts get the role the settings expect.
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { expect, test } from 'vitest';
import { ANY_TARGET, TEXT_TARGETS, type Role } from '../../../lib/sites/xiaohongshu/selectors';
import { FIXTURE_DIR } from '../../fixtures/xiaohongshu/routes';

function roles(url: string) {
  const dom = new JSDOM(readFileSync(`${FIXTURE_DIR}/index.html`, 'utf8').replace(/<script[^>]*><\/script>/g, ''), { url, runScripts: 'outside-only' });
  dom.window.eval(readFileSync(`${FIXTURE_DIR}/data.js`, 'utf8'));
  dom.window.eval(readFileSync(`${FIXTURE_DIR}/fixture.js`, 'utf8'));
  const found = new Map<string, Role>();
  for (const el of dom.window.document.querySelectorAll(ANY_TARGET)) {
    const target = TEXT_TARGETS.find((t) => el.matches(t.selector))!;
    found.set((target.attribute ? el.getAttribute(target.attribute) : el.textContent)!.trim(), target.role);
  }
  return found;
}

test('explore: chrome is ui, titles are titles, nicknames and counts are kept apart', () => {
  const r = roles('https://www.xiaohongshu.com/explore');
  expect(r.get('发现')).toBe('ui');
  expect(r.get('推荐')).toBe('ui');
  expect(r.get('搜索小红书')).toBe('ui');
  expect(r.get('宝子们！这家咖啡店真的绝绝子☕️')).toBe('title');
  expect(r.get('露营小张')).toBe('nickname');
  expect(r.get('1.2万')).toBe('meta');
});

test('note: title, body, comments, date line, author names', () => {
  const r = roles('https://www.xiaohongshu.com/explore/66f0a1b2000000001e012345');
  expect(r.get('露营新手第一次翻车实录😭')).toBe('title');
  expect([...r].find(([text]) => text.startsWith('本来想拍出氛围感大片'))?.[1]).toBe('body');
  expect(r.get('编辑于 昨天 14:07 浙江')).toBe('meta');
  expect(r.get('共 15 条评论')).toBe('ui');
});

test('profile and notifications', () => {
  const p = roles('https://www.xiaohongshu.com/user/profile/5f01');
  expect(p.get('旅行的薯条')).toBe('nickname');
  expect(p.get('射手座')).toBe('body');
  expect(p.get('IP属地：上海')).toBe('meta');
  const n = roles('https://www.xiaohongshu.com/notification');
  expect(n.get('评论了你的笔记')).toBe('ui');
  expect(n.get('太实用了，已收藏！')).toBe('comment');
});
