// @vitest-environment jsdom
import { expect, test, vi } from 'vitest';
import { mountFloatingButton } from '../../../lib/content/floating-button';

test('the button can be hidden and shown again; showing a shown button leaves the page alone', () => {
  const button = mountFloatingButton(document, () => {});
  const mounted = () => document.querySelectorAll('#rnl-floating-button').length;
  expect(mounted()).toBe(1);
  button.setShown(false);
  expect(mounted()).toBe(0);
  button.setShown(true);
  expect(mounted()).toBe(1);
  // Settings arrive often; a button already there is not moved (a DOM change the page would see).
  const later = document.body.appendChild(document.createElement('div'));
  button.setShown(true);
  expect(document.body.lastElementChild).toBe(later);
  button.remove();
  expect(mounted()).toBe(0);
});

test("a script's click on the button itself is received and ignored; only the reader's click switches", () => {
  // The root is closed: catch it as it is made, to reach the button as no page script can.
  const attach = vi.spyOn(Element.prototype, 'attachShadow');
  const onClick = vi.fn();
  const mounted = mountFloatingButton(document, onClick);
  const root = attach.mock.results[0]!.value as ShadowRoot;
  attach.mockRestore();
  root.querySelector('button')!.click(); // jsdom's events are untrusted, as a page script's are
  expect(mounted.clicks()).toBe(1);
  expect(onClick).not.toHaveBeenCalled();
  mounted.remove();
});

test('a blocking state shows on the button (and says what a click does) until it clears', () => {
  const attach = vi.spyOn(Element.prototype, 'attachShadow');
  const mounted = mountFloatingButton(document, () => {});
  const button = (attach.mock.results[0]!.value as ShadowRoot).querySelector('button')!;
  attach.mockRestore();
  mounted.update('bilingual');
  expect(mounted.alerting).toBe(false);
  mounted.setAlert('no translator is set up yet. Click to choose a translator.');
  expect(mounted.alerting).toBe(true);
  expect(button.hasAttribute('data-alert')).toBe(true);
  expect(button.textContent).toBe('译 EN ⚠');
  expect(button.getAttribute('aria-label')).toBe('RedNote Lens: no translator is set up yet. Click to choose a translator.');
  mounted.update('replace'); // the mode changes meanwhile: the alert stays
  expect(button.textContent).toBe('EN ⚠');
  mounted.setAlert(undefined);
  expect(button.hasAttribute('data-alert')).toBe(false);
  expect(button.getAttribute('aria-label')).toMatch(/translation only/);
  mounted.remove();
});
