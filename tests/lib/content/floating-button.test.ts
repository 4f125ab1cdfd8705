// @vitest-environment jsdom
import { expect, test } from 'vitest';
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
