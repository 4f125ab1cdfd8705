// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ChatModelSection } from '../../components/options/ChatModelSection';
import { Popup } from '../../components/popup/Popup';
import type { WorkerClient } from '../../components/popup/worker-client';
import type { EngineStatus, Request } from '../../lib/messaging/contract';
import { chatHostPermissions } from '../../lib/chat/endpoint';
import { originsOf } from '../../lib/deepl/hosts';
import { chatKeyItem, chatModelItem } from '../../lib/storage/items';
import { getSettings } from '../../lib/storage/settings';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

const status: EngineStatus = { provider: 'deepl', queued: 0, session: { translated: 0, fromCache: 0, charactersSaved: 0, charactersBilled: 0, requests: 0 }, onDevice: 'absent' };

function fakeWorker() {
  const sent: Request[] = [];
  const worker: WorkerClient = {
    send: vi.fn(async (request: Request) => {
      sent.push(request);
      if (request.type === 'get-status') return status;
      if (request.type === 'test-chat-model') return request.key === 'sk-bad' ? { ok: false, kind: 'auth', message: 'The chat model at api.openai.com refused the API key (HTTP 401).' } : { ok: true, sample: '被这支口红种草了', text: 'This lipstick made me want to buy it', tokens: 123 };
      return { ok: true };
    }) as WorkerClient['send'],
  };
  return { worker, sent };
}

async function fill(endpoint: string, model: string, key = '') {
  await userEvent.type(screen.getByLabelText('Endpoint (base URL)'), endpoint);
  await userEvent.type(screen.getByLabelText('Model'), model);
  if (key) await userEvent.type(screen.getByLabelText('API key (none for a local server)'), key);
  await userEvent.click(screen.getByRole('button', { name: 'Save and use' }));
}

test('save asks for access to that one host, stores endpoint, model and key, chooses the chat model and shows the test answer', async () => {
  const { worker, sent } = fakeWorker();
  const requestAccess = vi.fn(async () => true);
  render(<ChatModelSection worker={worker} allowedOrigins={originsOf(chatHostPermissions())} requestAccess={requestAccess} />);
  await fill('https://api.openai.com/v1/chat/completions', 'gpt-4o-mini', 'sk-good-1234');
  expect((await screen.findByRole('status')).textContent).toBe('Works: “被这支口红种草了” → “This lipstick made me want to buy it” (123 tokens).');
  expect(requestAccess).toHaveBeenCalledWith('https://api.openai.com/*');
  expect(await chatModelItem.getValue()).toEqual({ endpoint: 'https://api.openai.com/v1', model: 'gpt-4o-mini' });
  expect(await chatKeyItem.getValue()).toEqual({ origin: 'https://api.openai.com', key: 'sk-good-1234' });
  expect((await getSettings()).provider).toBe('chat');
  expect(sent).toContainEqual({ type: 'test-chat-model', endpoint: 'https://api.openai.com/v1', model: 'gpt-4o-mini', key: 'sk-good-1234' });
  expect((await screen.findByLabelText('saved chat key, masked')).textContent).not.toContain('sk-good');
  // Test again with what is stored (the key included, though not shown).
  await userEvent.click(screen.getByRole('button', { name: 'Test' }));
  expect(sent.filter((r) => r.type === 'test-chat-model')).toHaveLength(2);
  expect(sent.at(-1)).toMatchObject({ key: 'sk-good-1234' });
});

test('a refused permission saves nothing; a bad address is refused before any request', async () => {
  const { worker, sent } = fakeWorker();
  const requestAccess = vi.fn(async () => false);
  render(<ChatModelSection worker={worker} allowedOrigins={originsOf(chatHostPermissions())} requestAccess={requestAccess} />);
  await fill('http://example.com/v1', 'm');
  expect((await screen.findByRole('status')).textContent).toMatch(/must use https/);
  expect(requestAccess).not.toHaveBeenCalled();
  await userEvent.clear(screen.getByLabelText('Endpoint (base URL)'));
  await userEvent.type(screen.getByLabelText('Endpoint (base URL)'), 'http://localhost:11434/v1');
  await userEvent.click(screen.getByRole('button', { name: 'Save and use' }));
  expect((await screen.findByRole('status')).textContent).toMatch(/needs your permission to send text to http:\/\/localhost:11434/);
  expect(requestAccess).toHaveBeenCalledWith('http://localhost/*');
  expect(await chatModelItem.getValue()).toEqual({ endpoint: '', model: '' });
  expect((await getSettings()).provider).toBe('deepl');
  expect(sent.filter((r) => r.type === 'test-chat-model')).toHaveLength(0);
});

test('the test’s error is shown in words', async () => {
  const { worker } = fakeWorker();
  render(<ChatModelSection worker={worker} allowedOrigins={originsOf(chatHostPermissions())} requestAccess={async () => true} />);
  await fill('https://api.openai.com/v1', 'gpt-4o-mini', 'sk-bad');
  expect((await screen.findByRole('status')).textContent).toMatch(/refused the API key/);
});

test('the popup offers “Chat model” once one is set up, and counts its tokens', async () => {
  const { worker } = fakeWorker();
  status.session.tokens = 4_321;
  const { unmount } = render(<Popup worker={worker} activeHost={async () => undefined} />);
  await screen.findByText('DeepL');
  expect(screen.queryByText('Chat model')).toBeNull();
  unmount();
  await chatModelItem.setValue({ endpoint: 'http://localhost:11434/v1', model: 'qwen2.5:7b' });
  render(<Popup worker={worker} activeHost={async () => undefined} />);
  await userEvent.click(await screen.findByText('Chat model'));
  expect((await getSettings()).provider).toBe('chat');
  expect(await screen.findByText('qwen2.5:7b')).toBeTruthy();
  expect((await screen.findByText('Chat-model tokens')).nextElementSibling?.textContent).toBe('4,321');
});

test('a key is kept for its own server only: saving another origin without a key forgets it, the same origin keeps it', async () => {
  const { worker, sent } = fakeWorker();
  await chatKeyItem.setValue({ origin: 'https://api.openai.com', key: 'sk-openai-1234' });
  await chatModelItem.setValue({ endpoint: 'https://api.openai.com/v1', model: 'gpt-4o-mini' });
  render(<ChatModelSection worker={worker} allowedOrigins={originsOf(chatHostPermissions())} requestAccess={async () => true} />);
  // Same origin, new model: the key stays and is tested.
  const model = await screen.findByDisplayValue('gpt-4o-mini');
  await userEvent.clear(model);
  await userEvent.type(model, 'gpt-4o');
  await userEvent.click(screen.getByRole('button', { name: 'Save and use' }));
  await screen.findByRole('status');
  expect(sent.at(-1)).toMatchObject({ type: 'test-chat-model', key: 'sk-openai-1234' });
  expect(await chatKeyItem.getValue()).toEqual({ origin: 'https://api.openai.com', key: 'sk-openai-1234' });
  // Another server: the OpenAI key neither goes there nor stays stored.
  const endpoint = screen.getByLabelText('Endpoint (base URL)');
  await userEvent.clear(endpoint);
  await userEvent.type(endpoint, 'https://api.deepseek.com/v1');
  await userEvent.click(screen.getByRole('button', { name: 'Save and use' }));
  await expect.poll(() => sent.filter((r) => r.type === 'test-chat-model').length).toBe(2);
  expect(sent.at(-1)).toMatchObject({ endpoint: 'https://api.deepseek.com/v1', key: '' });
  expect(await chatKeyItem.getValue()).toEqual({ origin: 'https://api.deepseek.com', key: '' });
});
