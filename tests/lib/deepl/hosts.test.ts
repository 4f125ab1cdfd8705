import { expect, test } from 'vitest';
import { checkServerUrl, DEEPL_HOST_PERMISSIONS, originsOf } from '../../../lib/deepl/hosts';

const allowed = [...originsOf(DEEPL_HOST_PERMISSIONS), 'https://proxy.example'];

test('a server is https, on an origin the build may reach, given without credentials, query or fragment', () => {
  expect(checkServerUrl('', allowed)).toEqual({ ok: true, url: '' });
  expect(checkServerUrl(' https://proxy.example/deepl/ ', allowed)).toEqual({ ok: true, url: 'https://proxy.example/deepl' });
  expect(checkServerUrl('https://api.deepl.com', allowed)).toEqual({ ok: true, url: 'https://api.deepl.com' });
  expect(checkServerUrl('http://proxy.example', allowed)).toMatchObject({ ok: false, message: expect.stringMatching(/https/) });
  expect(checkServerUrl('http://127.0.0.1:8080', allowed)).toMatchObject({ ok: false });
  expect(checkServerUrl('https://attacker.example', allowed)).toMatchObject({ ok: false, message: expect.stringMatching(/not among/) });
  expect(checkServerUrl('https://user:pw@proxy.example', allowed)).toMatchObject({ ok: false });
  expect(checkServerUrl('https://proxy.example/?x=1', allowed)).toMatchObject({ ok: false });
  expect(checkServerUrl('not a url', allowed)).toMatchObject({ ok: false });
});

test('origins of match patterns; other permissions are skipped', () => {
  expect(originsOf(['storage', ...DEEPL_HOST_PERMISSIONS])).toEqual(['https://api-free.deepl.com', 'https://api.deepl.com']);
});
