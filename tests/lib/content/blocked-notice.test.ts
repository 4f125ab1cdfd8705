// @vitest-environment jsdom
import { expect, test, vi } from 'vitest';
import { blockedButtonTitle, blockedNoticeText, mountBlockedNotice, noticeWanted } from '../../../lib/content/blocked-notice';
import { BLOCKING_KINDS } from '../../../lib/core/errors';

test('the notice is closed to the page: not readable through the DOM, not clickable by a script', () => {
  const actions = { open: vi.fn(), dismiss: vi.fn() };
  const attach = vi.spyOn(Element.prototype, 'attachShadow');
  const notice = mountBlockedNotice(document, actions);
  const root = attach.mock.results[0]!.value as ShadowRoot;
  attach.mockRestore();
  expect(notice.shown).toBe(false); // mounted only when there is something to say
  notice.show('no-provider', 'deepl');
  notice.show('no-provider', 'deepl');
  const hosts = document.querySelectorAll('[data-rnl=blocked-notice]');
  expect(hosts).toHaveLength(1); // one, however often it is shown
  expect(hosts[0]!.shadowRoot).toBeNull();
  expect(hosts[0]!.textContent).toBe('');
  // Reached as no page script can (the root is closed): jsdom's clicks are untrusted, as a script's are.
  const [open, close] = root.querySelectorAll('button');
  expect(open!.textContent).toBe('Choose a translator');
  open!.click();
  close!.click();
  expect(actions.open).not.toHaveBeenCalled();
  expect(actions.dismiss).not.toHaveBeenCalled();
  expect(notice.shown).toBe(true);
  notice.remove();
  expect(notice.shown).toBe(false);
});

test('each blocking state has its words, naming the translator, with no figure of the account', () => {
  for (const kind of BLOCKING_KINDS) {
    const { reason, action } = blockedNoticeText(kind, 'deepl');
    expect(reason).not.toBe('');
    expect(action).not.toBe('');
    expect(reason + action).not.toMatch(/\d/);
  }
  expect(blockedNoticeText('auth', 'deepl').reason).toBe('DeepL refused your key, so notes and comments are not translated.');
  expect(blockedNoticeText('quota', 'chat').reason).toMatch(/^the chat model's quota/);
  expect(blockedNoticeText('no-provider', 'on-device').action).toBe('Download Chinese');
  expect(blockedNoticeText('no-model', 'chat')).toEqual({ reason: "the chat model's server has no model by the name you set, so notes and comments are not translated.", action: 'Check the model' });
  expect(blockedButtonTitle('auth', 'deepl')).toBe('DeepL refused your key, so notes and comments are not translated. Click to check the key.');
});

test('shown unless the reader closed it here, or chose no translator ("None": local answers only)', () => {
  expect(noticeWanted('deepl', false)).toBe(true);
  expect(noticeWanted('on-device', false)).toBe(true);
  expect(noticeWanted('deepl', true)).toBe(false);
  expect(noticeWanted('off', false)).toBe(false);
});
