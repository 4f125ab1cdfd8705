import { describe, expect, test, vi } from 'vitest';
import { IMAGE_ACCESS_PATH } from '../../../lib/worker/image-text';
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

describe("an image's click that needs access to the image CDN opens the options page's section", () => {
  const sender = { id: 'id', tab: { id: 7, index: 2, url: 'https://www.xiaohongshu.com/explore' } };
  const ask = (welcome: ReturnType<typeof createWelcome>) => welcome.handlers['open-image-access']({ type: 'open-image-access' }, sender);
  const deps = (granted: boolean, open: Array<{ tabId: number; windowId: number }> = []) => ({
    urlOf: (path: string) => `chrome-extension://id${path}`,
    openTab: vi.fn(async (_options: object) => ({})),
    optionsTabs: vi.fn(async () => open),
    showTab: vi.fn(async (_tab: object, _url: string) => ({})),
    hasImageAccess: vi.fn(async () => granted),
  });

  test('only while access is really missing: a page cannot open tabs with it', async () => {
    const d = deps(true);
    expect(await ask(createWelcome(d))).toEqual({ ok: false, reason: 'granted' });
    expect(d.openTab).not.toHaveBeenCalled();
    expect(d.showTab).not.toHaveBeenCalled();
  });

  test('beside the page in a new tab, or in the options tab already open (one tab for many clicks)', async () => {
    const d = deps(false);
    expect(await ask(createWelcome(d))).toEqual({ ok: true });
    expect(d.openTab).toHaveBeenCalledWith({ url: `chrome-extension://id${IMAGE_ACCESS_PATH}`, openerTabId: 7, index: 3 });
    const open = deps(false, [{ tabId: 12, windowId: 3 }]);
    expect(await ask(createWelcome(open))).toEqual({ ok: true });
    expect(open.openTab).not.toHaveBeenCalled();
    expect(open.showTab).toHaveBeenCalledWith({ tabId: 12, windowId: 3 }, `chrome-extension://id${IMAGE_ACCESS_PATH}`);
  });

  test('a tab that could not be opened is answered as such', async () => {
    const d = deps(false);
    d.openTab.mockRejectedValue(new Error('No current window'));
    expect(await ask(createWelcome(d))).toEqual({ ok: false, reason: 'not-opened' });
  });
});
