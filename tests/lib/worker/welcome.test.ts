import { expect, test, vi } from 'vitest';
import { createWelcome, opensOnInstall, WELCOME_PATH } from '../../../lib/worker/welcome';

test('the welcome page opens on a first install only', () => {
  expect(opensOnInstall({ reason: 'install' })).toBe(true);
  for (const reason of ['update', 'chrome_update', 'shared_module_update']) expect(opensOnInstall({ reason })).toBe(false);
});

test("a page's request opens the welcome page beside its tab", async () => {
  const openTab = vi.fn(async () => ({}));
  const welcome = createWelcome({ urlOf: (path) => `chrome-extension://id${path}`, openTab });
  expect(await welcome.handlers['open-welcome']({ type: 'open-welcome' }, { id: 'id', tab: { id: 7, index: 2, url: 'https://www.xiaohongshu.com/explore' } })).toEqual({ ok: true });
  expect(openTab).toHaveBeenCalledWith({ url: `chrome-extension://id${WELCOME_PATH}`, openerTabId: 7, index: 3 });
  await welcome.open();
  expect(openTab).toHaveBeenLastCalledWith({ url: 'chrome-extension://id/options.html#welcome' });
});
