import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendToWorker, WorkerUnavailableError } from '../../../lib/messaging/client';
import { createMessageHandler, type Handlers } from '../../../lib/messaging/handler';
import { MAX_CHAT_ENDPOINT_CHARS, MAX_CHAT_KEY_CHARS, MAX_CHAT_MODEL_CHARS } from '../../../lib/messaging/limits';
import { listenForMessages } from '../../../lib/messaging/listen';
import { DEFAULT_SETTINGS } from '../../../lib/settings/defaults';

const ID = 'rednote-lens-id';
const ORIGIN = `chrome-extension://${ID}/`;
const site = { id: ID, url: 'https://www.xiaohongshu.com/explore', tab: { id: 1, url: 'https://www.xiaohongshu.com/explore' } };
const popup = { id: ID, url: `${ORIGIN}popup.html` };

function handlers(): Handlers {
  return {
    translate: vi.fn(async (r: { segments: Array<{ id: string; text: string }> }) => ({ results: r.segments.map((s) => ({ id: s.id, ok: true as const, text: `EN ${s.text}`, fromCache: false })) })),
    'get-status': vi.fn(async () => ({ provider: 'off' as const, queued: 0, session: { translated: 0, fromCache: 0, charactersSaved: 0, charactersBilled: 0, requests: 0 }, onDevice: 'absent' as const })),
    'check-key': vi.fn(async () => ({ ok: true as const, plan: 'free' as const, usage: { characterCount: 0, characterLimit: 1 } })),
    'sync-glossary': vi.fn(async () => ({ ok: false as const, message: 'no' })),
    'retry-now': vi.fn(async () => ({ ok: true as const })),
    'clear-cache': vi.fn(async () => ({ ok: true as const })),
    'continue-translating': vi.fn(async () => ({ ok: true as const })),
    'page-settings': vi.fn(async () => ({ settings: DEFAULT_SETTINGS, userTerms: [], learned: [] })),
    'set-learned': vi.fn(async () => ({ ok: true as const })),
    'toggle-translation': vi.fn(async () => ({ ok: true as const })),
    'set-deepl-server': vi.fn(async (r: { url: string }) => ({ ok: true as const, url: r.url })),
    'recognise-image': vi.fn(async () => ({ ok: true as const, text: { width: 1, height: 1, lines: [] }, english: [], overlay: null })),
    'write-translate': vi.fn(async (r: { text: string }) => ({ ok: true as const, chinese: `ZH ${r.text}`, provider: 'deepl' as const, translator: 'DeepL', registers: [] })),
    'open-welcome': vi.fn(async () => ({ ok: true as const })),
    'open-image-access': vi.fn(async () => ({ ok: true as const })),
    'test-chat-model': vi.fn(async () => ({ ok: true as const, sample: '你好', text: 'hello', tokens: 9 })),
  };
}

describe('createMessageHandler', () => {
  test('content scripts on the site may translate', async () => {
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: handlers() });
    const answer = await handle({ type: 'translate', segments: [{ id: 'a', text: '你好' }] }, site);
    expect(answer).toEqual({ ok: true, value: { results: [{ id: 'a', ok: true, text: 'EN 你好', fromCache: false }] } });
  });

  test('content scripts may ask to write their text in Chinese, within the size limit', async () => {
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: handlers() });
    expect(await handle({ type: 'write-translate', text: 'hello' }, site)).toEqual({ ok: true, value: { ok: true, chinese: 'ZH hello', provider: 'deepl', translator: 'DeepL', registers: [] } });
    expect(await handle({ type: 'write-translate', text: 'x'.repeat(5_001) }, site)).toMatchObject({ ok: false });
    expect(await handle({ type: 'write-translate', text: '' }, site)).toMatchObject({ ok: false });
  });

  test("content scripts may say the reader's continue, and the handler learns their tab", async () => {
    const h = handlers();
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    expect(await handle({ type: 'continue-translating' }, site)).toEqual({ ok: true, value: { ok: true } });
    expect(h['continue-translating']).toHaveBeenCalledWith({ type: 'continue-translating' }, site);
    expect(await handle({ type: 'continue-translating', tab: 99 }, site)).toMatchObject({ ok: true }); // extra fields are dropped, the sender decides the tab
    expect(h['continue-translating']).toHaveBeenLastCalledWith({ type: 'continue-translating' }, site);
  });

  test('content scripts may not reach key, status or glossary requests', async () => {
    const h = handlers();
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    expect(await handle({ type: 'check-key', key: 'x' }, site)).toMatchObject({ ok: false });
    expect(await handle({ type: 'get-status' }, site)).toMatchObject({ ok: false });
    expect(await handle({ type: 'clear-cache' }, site)).toMatchObject({ ok: false });
    expect(h['clear-cache']).not.toHaveBeenCalled();
    expect(await handle({ type: 'clear-cache' }, popup)).toEqual({ ok: true, value: { ok: true } });
    expect(h['check-key']).not.toHaveBeenCalled();
    expect(await handle({ type: 'check-key', key: 'x' }, popup)).toMatchObject({ ok: true });
  });

  test('only the options page may say where the key goes', async () => {
    const h = handlers();
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    const request = { type: 'set-deepl-server', url: 'https://api.deepl.com' };
    expect(await handle(request, site)).toMatchObject({ ok: false });
    expect(await handle(request, popup)).toMatchObject({ ok: false });
    expect(await handle(request, { id: ID, url: `${ORIGIN}popup.html?options.html`, tab: { id: 3 } })).toMatchObject({ ok: false });
    expect(await handle(request, { id: ID, url: `https://www.xiaohongshu.com/options.html`, tab: { id: 4 } })).toMatchObject({ ok: false });
    expect(h['set-deepl-server']).not.toHaveBeenCalled();
    expect(await handle(request, { id: ID, url: `${ORIGIN}options.html`, tab: { id: 5 } })).toEqual({ ok: true, value: { ok: true, url: 'https://api.deepl.com' } });
  });

  test('only the options page may send a text to a chat endpoint it names (with a key)', async () => {
    const h = handlers();
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    const request = { type: 'test-chat-model', endpoint: 'https://evil.example/v1', model: 'm', key: 'sk-1' };
    expect(await handle(request, site)).toMatchObject({ ok: false });
    expect(await handle(request, popup)).toMatchObject({ ok: false });
    expect(h['test-chat-model']).not.toHaveBeenCalled();
    expect(await handle({ ...request, model: '' }, { id: ID, url: `${ORIGIN}options.html`, tab: { id: 5 } })).toMatchObject({ ok: false });
    expect(await handle(request, { id: ID, url: `${ORIGIN}options.html`, tab: { id: 5 } })).toEqual({ ok: true, value: { ok: true, sample: '你好', text: 'hello', tokens: 9 } });
  });

  test('the Test’s endpoint, model and key are held to the limits named in limits.ts', async () => {
    const h = handlers();
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    const options = { id: ID, url: `${ORIGIN}options.html`, tab: { id: 5 } };
    const request = { type: 'test-chat-model', endpoint: 'https://api.openai.com/v1', model: 'm', key: 'k' };
    const longest = { ...request, endpoint: 'e'.repeat(MAX_CHAT_ENDPOINT_CHARS), model: 'm'.repeat(MAX_CHAT_MODEL_CHARS), key: 'k'.repeat(MAX_CHAT_KEY_CHARS) };
    expect(await handle(longest, options)).toMatchObject({ ok: true });
    for (const field of ['endpoint', 'model', 'key'] as const) expect(await handle({ ...longest, [field]: `${longest[field]}x` }, options), field).toMatchObject({ ok: false });
  });

  test('content scripts ask for their settings, learned terms and the toggle through the worker', async () => {
    const h = handlers();
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    expect(await handle({ type: 'page-settings' }, site)).toMatchObject({ ok: true, value: { settings: DEFAULT_SETTINGS } });
    expect(await handle({ type: 'set-learned', term: '种草', learned: true }, site)).toEqual({ ok: true, value: { ok: true } });
    expect(await handle({ type: 'set-learned', term: '', learned: true }, site)).toMatchObject({ ok: false });
    expect(await handle({ type: 'toggle-translation' }, site)).toEqual({ ok: true, value: { ok: true } });
  });

  test('a content script may ask for the welcome page (it cannot open extension pages itself); only in the contract’s shape', async () => {
    const h = handlers();
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    expect(await handle({ type: 'open-welcome' }, site)).toEqual({ ok: true, value: { ok: true } });
    expect(await handle({ type: 'open-welcome', url: 'https://evil.example/' }, site)).toEqual({ ok: true, value: { ok: true } });
    expect(h['open-welcome']).toHaveBeenLastCalledWith({ type: 'open-welcome' }, site); // extra fields dropped: the page is always ours
    expect(await handle({ type: 'open-welcome' }, { id: ID, url: 'https://evil.example/', tab: { id: 2, url: 'https://evil.example/' } })).toMatchObject({ ok: false });
  });

  test('a content script may ask for the text of a note image by its URL (the worker checks the host)', async () => {
    const h = handlers();
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    const url = 'https://sns-webpic-qc.xhscdn.com/a.jpg';
    expect(await handle({ type: 'recognise-image', url }, site)).toEqual({ ok: true, value: { ok: true, text: { width: 1, height: 1, lines: [] }, english: [], overlay: null } });
    expect(h['recognise-image']).toHaveBeenCalledWith({ type: 'recognise-image', url }, site);
    expect(await handle({ type: 'recognise-image', url: 'x'.repeat(5_000) }, site)).toMatchObject({ ok: false });
  });

  test('other extensions, other sites and malformed messages are refused', async () => {
    const h = handlers();
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    expect(await handle({ type: 'translate', segments: [] }, { ...site, id: 'evil' })).toMatchObject({ ok: false, error: expect.stringMatching(/another extension/) });
    expect(await handle({ type: 'translate', segments: [] }, { id: ID, url: 'https://evil.example/', tab: { id: 2 } })).toMatchObject({ ok: false });
    expect(await handle({ type: 'translate', segments: [{ id: 'a', text: 42 }] }, site)).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid message/) });
    expect(await handle({ type: 'translate', segments: Array(501).fill({ id: 'a', text: 'x' }) }, site)).toMatchObject({ ok: false });
    expect(await handle({ type: 'eval', code: 'x' }, site)).toMatchObject({ ok: false });
    expect(await handle('translate', site)).toMatchObject({ ok: false });
    expect(h.translate).not.toHaveBeenCalled();
  });

  test('a failing handler becomes an error envelope: with its message for our pages, without it for a content script (beside a hostile page)', async () => {
    const h = handlers();
    h.translate = vi.fn(async () => {
      throw new Error('boom at api.example.com: {"error":"secret"}');
    });
    const handle = createMessageHandler({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
    expect(await handle({ type: 'translate', segments: [] }, popup)).toEqual({ ok: false, error: 'boom at api.example.com: {"error":"secret"}' });
    expect(await handle({ type: 'translate', segments: [] }, site)).toEqual({ ok: false, error: 'The worker could not answer.' });
  });
});

describe('listener and client over runtime messaging', () => {
  beforeEach(() => fakeBrowser.reset());

  test('a request sent with sendToWorker is answered through sendResponse', async () => {
    const h = handlers();
    listenForMessages(async (message) => ({ ok: true, value: await h['get-status']({ type: 'get-status' }, {}) }));
    expect(await sendToWorker({ type: 'get-status' })).toMatchObject({ provider: 'off' });
  });

  test('a message another context of ours answers (the offscreen document) is left unanswered here', async () => {
    const handle = vi.fn(async () => ({ ok: false, error: 'not mine' }));
    const remove = listenForMessages(handle, (message) => (message as { target?: string }).target === 'rnl-offscreen');
    await expect(sendToWorker({ type: 'get-status' })).rejects.toThrow('not mine');
    expect(handle).toHaveBeenCalledTimes(1);
    await fakeBrowser.runtime.sendMessage({ target: 'rnl-offscreen', type: 'ocr-image', image: '' }).catch(() => {});
    expect(handle).toHaveBeenCalledTimes(1);
    remove();
  });

  test('an error envelope rejects with its message; no answer means the worker is gone', async () => {
    const remove = listenForMessages(async () => ({ ok: false, error: 'Invalid message' }));
    await expect(sendToWorker({ type: 'get-status' })).rejects.toThrow('Invalid message');
    remove();
    await expect(sendToWorker({ type: 'get-status' })).rejects.toBeInstanceOf(WorkerUnavailableError);
  });
});
