import { describe, expect, test } from 'vitest';
import { chatHostPermissions, checkChatEndpoint as check } from '../../../lib/chat/endpoint';
import { originsOf } from '../../../lib/deepl/hosts';

/** What a build without extra servers may reach. */
const ALLOWED = originsOf(chatHostPermissions());
const checkChatEndpoint = (input: string) => check(input, ALLOWED);

describe('chat endpoint check', () => {
  test('a hosted API of the list; the /chat/completions a reader pastes is dropped; the permission is that origin alone', () => {
    expect(checkChatEndpoint(' https://api.openai.com/v1/chat/completions ')).toEqual({ ok: true, url: 'https://api.openai.com/v1', origin: 'https://api.openai.com', permission: 'https://api.openai.com/*' });
    expect(checkChatEndpoint('https://openrouter.ai/api/v1/')).toMatchObject({ ok: true, url: 'https://openrouter.ai/api/v1' });
  });

  test("an https server outside the build's list is refused, saying how to add one; added at build time it is taken", () => {
    expect(checkChatEndpoint('https://llm.example.com/v1')).toMatchObject({ ok: false, message: expect.stringMatching(/not among the servers this build may reach.*README/) });
    expect(check('https://llm.example.com/v1', originsOf(chatHostPermissions(['https://llm.example.com'])))).toMatchObject({ ok: true, permission: 'https://llm.example.com/*' });
  });

  test('plain http only to this computer, any port; its permission without the port', () => {
    expect(checkChatEndpoint('http://localhost:11434/v1')).toMatchObject({ ok: true, url: 'http://localhost:11434/v1', permission: 'http://localhost/*' });
    expect(checkChatEndpoint('http://127.0.0.1:1234/v1')).toMatchObject({ ok: true, permission: 'http://127.0.0.1/*' });
    expect(checkChatEndpoint('http://example.com/v1')).toMatchObject({ ok: false, message: expect.stringMatching(/must use https/) });
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
