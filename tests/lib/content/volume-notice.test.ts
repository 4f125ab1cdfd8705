// @vitest-environment jsdom
import { expect, test, vi } from 'vitest';
import { mountVolumeNotice, VOLUME_NOTICE_TEXT } from '../../../lib/content/volume-notice';

test('the prompt is closed to the page: not readable through the DOM, not clickable by a script, no figures', () => {
  const onContinue = vi.fn();
  const notice = mountVolumeNotice(document, onContinue);
  const host = document.querySelector('[data-rnl=notice]')!;
  expect(notice.shown).toBe(true);
  expect(host.shadowRoot).toBeNull(); // closed
  expect(host.textContent).toBe('');
  // A script's click on the host (or anything it can reach) is not the reader's.
  host.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  expect(onContinue).not.toHaveBeenCalled();
  expect(notice.shown).toBe(true);
  expect(VOLUME_NOTICE_TEXT).not.toMatch(/\d/);
  notice.remove();
  expect(notice.shown).toBe(false);
});
