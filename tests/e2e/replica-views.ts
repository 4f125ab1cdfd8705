// The replica's views, each brought to the state a reader sees (menus open, replies expanded, a
// toast shown): shared by the coverage test and the benchmark.
import type { Page } from 'playwright-core';

type FixtureWindow = { __fixture: Record<string, (...args: unknown[]) => unknown> };
export const fixture = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (window as unknown as FixtureWindow).__fixture[m as string]!(...(a as unknown[])), [method, args] as const);

/** The content script has started in the page (its on-page switch is there; the page carries no other mark of ours). */
export const contentScriptRunning = (page: Page) => page.waitForSelector('#rnl-floating-button', { state: 'attached' });

export interface ReplicaView {
  name: string;
  path: string;
  /** What the reader does after the page loads. */
  open?(page: Page): Promise<void>;
}

const KEYWORD = encodeURIComponent('露营');

export const REPLICA_VIEWS: readonly ReplicaView[] = [
  {
    name: 'header and side bar (logged out, search history and suggestions, 更多 menu)',
    path: '/explore?guest=1&cards=5',
    async open(page) {
      await fixture(page, 'openMoreMenu');
      await fixture(page, 'focusSearch');
    },
  },
  { name: 'explore feed', path: '/explore' },
  {
    name: 'search results (older and newer cards, filter open)',
    path: `/search_result?keyword=${KEYWORD}`,
    async open(page) {
      await page.click('.filter > span');
    },
  },
  { name: 'search user tab', path: `/search_result?keyword=${KEYWORD}&tab=user` },
  {
    name: 'toasts',
    path: '/explore?cards=5',
    async open(page) {
      // Kept up longer than the client's two seconds, so a miss stays to be counted (coverage.test.ts
      // checks the two seconds on their own).
      for (const text of ['收藏成功', '评论成功', '验证码已发送']) await fixture(page, 'toast', text, 15_000);
    },
  },
  {
    name: 'note overlay (comments, replies, reply box, comment menu)',
    path: '/explore?cards=10',
    async open(page) {
      await page.click('section.note-item >> nth=2 >> a.cover');
      await page.waitForSelector('.comment-item');
      await fixture(page, 'expandReplies');
      await fixture(page, 'openCommentMenu');
      await fixture(page, 'replyTo', 'momo');
    },
  },
  { name: 'profile', path: '/user/profile/5f0000000000000000000001' },
  { name: 'notifications', path: '/notification' },
  { name: 'login modal', path: '/explore?login=1&cards=5' },
];
