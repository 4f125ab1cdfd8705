// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ServerSection } from '../../components/options/ServerSection';
import { Popup } from '../../components/popup/Popup';
import type { WorkerClient } from '../../components/popup/worker-client';
import type { Request } from '../../lib/messaging/contract';
import { checkServerUrl, DEEPL_HOST_PERMISSIONS, originsOf } from '../../lib/deepl/hosts';
import { deeplServerItem } from '../../lib/storage/items';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

/** The worker as the options page meets it: the check, then the stored item. */
function fakeWorker() {
  const sent: Request[] = [];
  const worker: WorkerClient = {
    send: vi.fn(async (request: Request) => {
      sent.push(request);
      if (request.type !== 'set-deepl-server') return { ok: true };
      const checked = checkServerUrl(request.url, originsOf(DEEPL_HOST_PERMISSIONS));
      if (checked.ok) await deeplServerItem.setValue(checked.url);
      return checked;
    }) as WorkerClient['send'],
  };
  return { worker, sent };
}

test('the options page asks the worker to set the server, says why one is refused, and can go back to DeepL’s host', async () => {
  const { worker, sent } = fakeWorker();
  render(<ServerSection worker={worker} />);
  const field = screen.getByLabelText('DeepL-compatible server (https)');
  await userEvent.type(field, 'http://api.deepl.com');
  await userEvent.click(screen.getByRole('button', { name: 'Use this server' }));
  expect((await screen.findByRole('status')).textContent).toMatch(/must use https/);
  await userEvent.clear(field);
  await userEvent.type(field, 'https://api.deepl.com/');
  await userEvent.click(screen.getByRole('button', { name: 'Use this server' }));
  expect((await screen.findByRole('status')).textContent).toBe('Requests now go to https://api.deepl.com.');
  expect(await deeplServerItem.getValue()).toBe('https://api.deepl.com');
  expect((await screen.findByLabelText('DeepL server in use')).textContent).toBe('https://api.deepl.com');
  await userEvent.click(screen.getByRole('button', { name: 'Back to DeepL’s own host' }));
  expect(await deeplServerItem.getValue()).toBe('');
  expect(sent.map((r) => r.type)).toEqual(['set-deepl-server', 'set-deepl-server', 'set-deepl-server']);
});

test('the popup shows a chosen server beside the key', async () => {
  const status = { provider: 'deepl', queued: 0, session: { segments: 0, fromCache: 0, charactersSaved: 0, charactersBilled: 0, requests: 0 }, onDevice: 'absent' };
  const worker: WorkerClient = { send: vi.fn(async (r: Request) => (r.type === 'get-status' ? status : { ok: true })) as WorkerClient['send'] };
  await deeplServerItem.setValue('https://api.deepl.com');
  render(<Popup worker={worker} activeHost={async () => undefined} />);
  expect((await screen.findByLabelText('DeepL server')).textContent).toContain('https://api.deepl.com');
});
