// The real popup drives the extension: a key typed there is checked against (local) DeepL, usage
// shows up, and the page follows the display mode chosen there.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BLOCKED_NOTICE, launchExtension, type ExtensionSession } from './harness';
import { settled } from './page-probe';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension({ deeplKey: null });
});
afterAll(() => session?.close());

test('set a key in the popup, see the usage, change the mode and see the page follow', async () => {
  const site = await session.openSite('/explore?cards=10');
  // Without a key, one notice says so (welcome.test.ts checks it in full).
  await expect.poll(() => site.locator(BLOCKED_NOTICE).count()).toBe(1);

  const popup = await session.openPopup();
  await popup.getByLabel('DeepL API key').fill('popup-e2e-key:fx');
  await popup.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => popup.getByRole('status').allInnerTexts()).toContainEqual(expect.stringMatching(/Key works: DeepL Free plan/));
  expect(await popup.getByLabel('saved key, masked').innerText()).toBe('••••key:fx');

  // The texts that waited are translated without a click or a reload, and the notice goes.
  await site.bringToFront();
  await expect.poll(async () => (await settled(site)).translated, { timeout: 30_000 }).toBeGreaterThan(10);
  expect(await site.locator(BLOCKED_NOTICE).count()).toBe(0);
  await expect.poll(() => popup.getByText(/\d[\d,]* \/ 500,000 characters/).count(), { timeout: 10_000 }).toBe(1);
  await session.screenshot(popup, 'popup-with-key');

  // A real popup floats over the page; here it is a tab, so show the page again to let it render
  // (hidden tabs get no animation frames, and the overlay does its work in them).
  const choose = async (mode: string) => {
    await popup.bringToFront();
    await popup.getByRole('radio', { name: mode }).click({ force: true });
    await site.bringToFront();
  };
  await choose('English only');
  await expect.poll(() => site.locator('.rnl-replaced').count()).toBeGreaterThan(5);
  await choose('Off');
  await expect.poll(() => site.locator('.rnl-t').count()).toBe(0);
  await choose('Bilingual');
  await expect.poll(() => site.locator('.rnl-t').count()).toBeGreaterThan(10);
});

test('the on-page button hides and comes back from the popup', async () => {
  const site = await session.openSite('/explore?cards=4');
  const button = site.locator('#rnl-floating-button');
  await button.waitFor({ state: 'visible' });
  const popup = await session.openPopup();
  const shown = popup.getByRole('checkbox', { name: 'On/off button on the page' });
  // The box follows storage, so it changes a moment after the click: wait for it, not for the click.
  await shown.click();
  await expect.poll(() => shown.isChecked()).toBe(false);
  await expect.poll(() => button.count()).toBe(0);
  await shown.click();
  await expect.poll(() => shown.isChecked()).toBe(true);
  await expect.poll(() => button.count()).toBe(1);
});
