// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Popup } from '../../components/popup/Popup';
import type { WorkerClient } from '../../components/popup/worker-client';
import type { EngineStatus, KeyCheck, Request } from '../../lib/messaging/contract';
import { DEFAULT_SETTINGS, deeplKeyItem, getSettings, updateSettings } from '../../lib/storage/settings';

const baseStatus: EngineStatus = {
  provider: 'deepl',
  queued: 0,
  session: { translated: 120, fromCache: 80, charactersSaved: 2_345, charactersBilled: 900, requests: 3 },
  onDevice: 'downloadable',
  usage: { characterCount: 123_456, characterLimit: 500_000, checkedAt: 0 },
};

function fakeWorker(keyCheck: KeyCheck, status: EngineStatus = baseStatus) {
  const sent: Request[] = [];
  const worker: WorkerClient = {
    send: vi.fn(async (request: Request) => {
      sent.push(request);
      if (request.type === 'get-status') return status;
      if (request.type === 'check-key') return keyCheck;
      return { ok: true };
    }) as WorkerClient['send'],
  };
  return { worker, sent };
}

const host = (h?: string) => async () => h;

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('Popup', () => {
  test('says a key is needed, and a good key is checked, stored and shown masked', async () => {
    const { worker, sent } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 10, characterLimit: 500_000 } });
    render(<Popup worker={worker} activeHost={host('www.xiaohongshu.com')} />);
    expect(await screen.findByText('Add a DeepL key below to start')).toBeTruthy();
    await userEvent.type(screen.getByLabelText('DeepL API key'), 'abcd-efgh-1234:fx');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Key works: DeepL Free plan, 10 of 500,000/)).toBeTruthy();
    expect(await deeplKeyItem.getValue()).toBe('abcd-efgh-1234:fx');
    expect(sent).toContainEqual({ type: 'check-key', key: 'abcd-efgh-1234:fx' });
    expect((await screen.findByLabelText('saved key, masked')).textContent).toBe('••••234:fx');
    expect(document.body.textContent).not.toContain('abcd-efgh-1234:fx');
  });

  test('a wrong key is not stored and the reason is shown', async () => {
    const { worker } = fakeWorker({ ok: false, kind: 'auth', message: 'DeepL did not accept this Free key (ending in :fx).' });
    render(<Popup worker={worker} activeHost={host()} />);
    await userEvent.type(await screen.findByLabelText('DeepL API key'), 'wrong:fx');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/did not accept this Free key/)).toBeTruthy();
    expect(await deeplKeyItem.getValue()).toBe('');
  });

  test('the display mode and what to translate are written to settings', async () => {
    const { worker } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } });
    render(<Popup worker={worker} activeHost={host('www.xiaohongshu.com')} />);
    await userEvent.click(await screen.findByRole('radio', { name: 'English only' }));
    await waitFor(async () => expect((await getSettings()).mode).toBe('replace'));
    expect((await getSettings()).lastOnMode).toBe('replace');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Nicknames' }));
    await waitFor(async () => expect((await getSettings()).translate.nicknames).toBe(true));
    await userEvent.click(screen.getByRole('checkbox', { name: 'On for www.xiaohongshu.com' }));
    await waitFor(async () => expect((await getSettings()).disabledHosts).toEqual(['www.xiaohongshu.com']));
    expect(await screen.findByText('Off on www.xiaohongshu.com')).toBeTruthy();
  });

  test('the on-page button can be hidden and brought back', async () => {
    const { worker } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } });
    render(<Popup worker={worker} activeHost={host('www.xiaohongshu.com')} />);
    const shown = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'On/off button on the page' });
    expect(shown.checked).toBe(true);
    await userEvent.click(shown);
    await waitFor(async () => expect((await getSettings()).showFloatingButton).toBe(false));
    await waitFor(() => expect(shown.checked).toBe(false));
    await userEvent.click(shown);
    await waitFor(async () => expect((await getSettings()).showFloatingButton).toBe(true));
  });

  test('translating the images of a note I open is off until the reader turns it on; turning it on asks for the image CDN\'s host access', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((() => Promise.resolve(false)) as never);
    const { worker } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } });
    render(<Popup worker={worker} activeHost={host('www.xiaohongshu.com')} />);
    const images = await screen.findByRole<HTMLInputElement>('checkbox', { name: /Translate the images of a note I open/ });
    expect(images.checked).toBe(false);
    await userEvent.click(images);
    await waitFor(async () => expect((await getSettings()).translateImages).toBe(true));
    expect(request).toHaveBeenCalledWith({ origins: ['https://*.xhscdn.com/*'] });
    await userEvent.click(images);
    await waitFor(async () => expect((await getSettings()).translateImages).toBe(false));
    expect(request).toHaveBeenCalledTimes(1);
  });

  test('reset brings back the defaults but keeps the sites switched off', async () => {
    await updateSettings({ mode: 'replace', lastOnMode: 'replace', targetLang: 'DE', disabledHosts: ['www.rednote.com'] });
    const { worker } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } });
    render(<Popup worker={worker} activeHost={host()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Reset settings' }));
    await waitFor(async () => expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, disabledHosts: ['www.rednote.com'] }));
  });

  test('the translation cache can be cleared (a page could otherwise time what was read before)', async () => {
    const { worker, sent } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } });
    render(<Popup worker={worker} activeHost={host()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Clear translation cache' }));
    expect(sent).toContainEqual({ type: 'clear-cache' });
    expect(await screen.findByText('Translation cache cleared')).toBeTruthy();
  });

  test('usage, budget, session figures and a quota banner with retry', async () => {
    await deeplKeyItem.setValue('k:fx');
    const { worker, sent } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } }, { ...baseStatus, blocked: { kind: 'quota', message: "Your DeepL account's character quota for this month is used up." }, queued: 12 });
    render(<Popup worker={worker} activeHost={host()} />);
    expect(await screen.findByText('123,456 / 500,000 characters')).toBeTruthy();
    expect(screen.getByText('2,345')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('quota for this month is used up. (12 texts waiting)');
    expect(screen.getByLabelText('25% of the monthly DeepL quota used')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    expect(sent).toContainEqual({ type: 'retry-now' });
    const budget = screen.getByLabelText(/Monthly budget/);
    await userEvent.clear(budget);
    await userEvent.type(budget, '200000');
    await waitFor(async () => expect((await getSettings()).monthlyBudget).toBe(200_000));
  });

  test('one text waiting is "1 text waiting"', async () => {
    await deeplKeyItem.setValue('k:fx');
    const { worker } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } }, { ...baseStatus, blocked: { kind: 'quota', message: 'Quota used up.' }, queued: 1 });
    render(<Popup worker={worker} activeHost={host()} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Quota used up. (1 text waiting)');
  });

  test('a Free key without a budget shows the built-in one; a Pro key is offered one', async () => {
    await deeplKeyItem.setValue('k:fx');
    const { worker } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } });
    const { unmount } = render(<Popup worker={worker} activeHost={host()} />);
    expect((await screen.findByLabelText(/Monthly budget/)).closest('label')!.textContent).toContain('0 = the built-in 450,000');
    expect(screen.getByText('Budget: 450,000 characters a month.')).toBeTruthy();
    unmount();
    await deeplKeyItem.setValue('pro-key');
    render(<Popup worker={worker} activeHost={host()} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Set 1,000,000 a month' }));
    await waitFor(async () => expect((await getSettings()).monthlyBudget).toBe(1_000_000));
  });

  test('on-device: the download needs a click, and absence is said plainly', async () => {
    const download = vi.fn(async () => {});
    const { worker } = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } });
    const { unmount } = render(<Popup worker={worker} activeHost={host()} downloadOnDevice={download} />);
    await userEvent.click(await screen.findByRole('radio', { name: 'On-device' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Download Chinese' }));
    expect(download).toHaveBeenCalledOnce();
    unmount();
    const absent = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } }, { ...baseStatus, onDevice: 'absent' });
    render(<Popup worker={absent.worker} activeHost={host()} />);
    await act(async () => {});
    expect(await screen.findByText(/no on-device translator/)).toBeTruthy();
  });

  test('a state only the reader can fix links to the welcome page, which the footer reopens too', async () => {
    const openWelcome = vi.fn();
    const blocked = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } }, { ...baseStatus, blocked: { kind: 'no-provider', message: 'No translator is set up' } });
    render(<Popup worker={blocked.worker} activeHost={host()} openWelcome={openWelcome} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Choose or fix the translator' }));
    await userEvent.click(screen.getByRole('button', { name: 'Welcome and set-up' }));
    expect(openWelcome).toHaveBeenCalledTimes(2);
    cleanup();
    // Retrying by itself (busy, offline): nothing for the reader to set up.
    const busy = fakeWorker({ ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 1 } }, { ...baseStatus, blocked: { kind: 'rate-limited', message: 'busy' } });
    render(<Popup worker={busy.worker} activeHost={host()} openWelcome={openWelcome} />);
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Choose or fix the translator' })).toBeNull();
  });
});
