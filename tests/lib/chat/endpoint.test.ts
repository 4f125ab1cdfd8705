import { describe, expect, test } from 'vitest';
import { checkChatEndpoint } from '../../../lib/chat/endpoint';

describe('chat endpoint check', () => {
  test('https anywhere; the /chat/completions a reader pastes is dropped; the permission is the origin alone', () => {
    expect(checkChatEndpoint(' https://api.openai.com/v1/chat/completions ')).toEqual({ ok: true, url: 'https://api.openai.com/v1', origin: 'https://api.openai.com', permission: 'https://api.openai.com/*' });
    expect(checkChatEndpoint('https://openrouter.ai/api/v1/')).toMatchObject({ ok: true, url: 'https://openrouter.ai/api/v1' });
  });

  test('plain http only to this computer', () => {
    expect(checkChatEndpoint('http://localhost:11434/v1')).toMatchObject({ ok: true, url: 'http://localhost:11434/v1', permission: 'http://localhost/*' });
    expect(checkChatEndpoint('http://127.0.0.1:1234/v1')).toMatchObject({ ok: true });
    expect(checkChatEndpoint('http://example.com/v1')).toMatchObject({ ok: false });
    expect(checkChatEndpoint('http://localhost.example.com/v1')).toMatchObject({ ok: false });
    expect(checkChatEndpoint('http://[::1]:11434/v1')).toMatchObject({ ok: false });
  });

  test('no credentials, query or fragment; not a URL; empty', () => {
    expect(checkChatEndpoint('https://user:pw@api.openai.com/v1')).toMatchObject({ ok: false });
    expect(checkChatEndpoint('https://api.openai.com/v1?key=1')).toMatchObject({ ok: false });
    expect(checkChatEndpoint('api.openai.com')).toMatchObject({ ok: false, message: 'That is not a URL.' });
    expect(checkChatEndpoint('')).toMatchObject({ ok: false });
  });
});
