// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WorkerClient } from '../../components/popup/worker-client';
import { CHOICES, orderChoices } from '../../components/welcome/choices';
import { SITE_START_URL, WelcomePage } from '../../components/welcome/WelcomePage';
import type { EngineStatus, Request } from '../../lib/messaging/contract';
import { deeplKeyItem, getSettings } from '../../lib/storage/settings';

const status = (onDevice: EngineStatus['onDevice']): EngineStatus => ({
  provider: 'deepl',
  queued: 0,
  session: { translated: 0, fromCache: 0, charactersSaved: 0, charactersBilled: 0, requests: 0 },
  onDevice,
});

function fakeWorker(onDevice: EngineStatus['onDevice']) {
  const sent: Request[] = [];
  const worker: WorkerClient = {
    send: vi.fn(async (request: Request) => {
      sent.push(request);
      if (request.type === 'get-status') return status(onDevice);
      if (request.type === 'check-key') return { ok: true, plan: 'free', usage: { characterCount: 0, characterLimit: 500_000 } };
      return { ok: true };
    }) as WorkerClient['send'],
  };
  return { worker, sent };
}

const headings = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the order of the choices', () => {
  test('on-device first where the browser has it, last (not offered) where it does not', () => {
    expect(orderChoices(CHOICES, { onDevice: 'downloadable' }).map((c) => c.provider)).toEqual(['on-device', 'deepl', 'chat']);
    expect(orderChoices(CHOICES, { onDevice: 'absent' }).map((c) => c.provider)).toEqual(['deepl', 'chat', 'on-device']);
    expect(orderChoices(CHOICES, { onDevice: 'unavailable' }).map((c) => c.provider)).toEqual(['deepl', 'chat', 'on-device']);
  });
});

describe('WelcomePage', () => {
  test('Chrome with the Translator API: on-device first; "Download Chinese" shows progress and what happens meanwhile, then the worker sends again', async () => {
    const { worker, sent } = fakeWorker('downloadable');
    let report: (share: number) => void = () => {};
    let finish: () => void = () => {};
    const download = vi.fn((_target: string, onProgress: (share: number) => void) => {
      report = onProgress;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    render(<WelcomePage worker={worker} downloadOnDevice={download} />);
    await waitFor(() => expect(headings()[0]).toMatch(/on-device.*Best here/));
    expect(screen.getByRole('status').textContent).toMatch(/No translator is ready yet/);
    await userEvent.click(screen.getByRole('button', { name: /Use Chrome’s on-device translator/ }));
    await waitFor(async () => expect((await getSettings()).provider).toBe('on-device'));
    await userEvent.click(await screen.findByRole('button', { name: 'Download Chinese' }));
    expect(download).toHaveBeenCalledWith('EN-US', expect.any(Function));
    act(() => report(0.42));
    expect(await screen.findByText('Downloading Chinese for the on-device translator: 42 %')).toBeTruthy();
    expect(screen.getByText(/Meanwhile you can open Xiaohongshu/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Download Chinese' })).toBeNull(); // one download at a time
    await act(async () => finish());
    expect(await screen.findByText(/On-device translator ready/)).toBeTruthy();
    expect(sent).toContainEqual({ type: 'retry-now' });
  });

  test('no Translator API: DeepL first, with the key checked live; ready once the key is saved; one click opens the site', async () => {
    const { worker, sent } = fakeWorker('absent');
    render(<WelcomePage worker={worker} />);
    await waitFor(() => expect(headings()).toEqual(['DeepL, with your own keyBest here', 'A chat model', 'Chrome’s on-device translator']));
    expect(screen.getByText(/Not in this browser/)).toBeTruthy();
    // DeepL is the default choice: its set-up shows at once.
    const deepl = screen.getAllByRole('listitem').find((li) => li.textContent?.includes('DeepL, with'))!;
    expect(within(deepl).getByText(/500,000 characters a month, free of charge/)).toBeTruthy();
    await userEvent.type(within(deepl).getByLabelText('DeepL API key'), 'welcome-key:fx');
    await userEvent.click(within(deepl).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Key works: DeepL Free plan/)).toBeTruthy();
    expect(sent).toContainEqual({ type: 'check-key', key: 'welcome-key:fx' });
    expect(await deeplKeyItem.getValue()).toBe('welcome-key:fx');
    await waitFor(() => expect(screen.getAllByRole('status').some((s) => /Ready: DeepL/.test(s.textContent ?? ''))).toBe(true));
    expect(screen.getByRole('link', { name: 'Open Xiaohongshu' }).getAttribute('href')).toBe(SITE_START_URL);
  });

  test('a chat model: its set-up (the options page’s own section) under its card once chosen', async () => {
    // The section lists the servers this build may reach from the manifest (the fake browser has none).
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({ manifest_version: 3, name: 'RedNote Lens', version: '1', optional_host_permissions: ['http://localhost/*'] });
    const { worker } = fakeWorker('absent');
    render(<WelcomePage worker={worker} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Use A chat model' }));
    await waitFor(async () => expect((await getSettings()).provider).toBe('chat'));
    expect(await screen.findByLabelText('Endpoint (base URL)')).toBeTruthy();
    expect(screen.getByText('Chosen: set it up below')).toBeTruthy();
  });
});
