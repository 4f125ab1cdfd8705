// One local DeepL-compatible server for a test file: started before its tests, reset before each,
// closed after. Vitest's hooks live here, not in deepl-server.ts, which also runs outside vitest.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startDeeplServer, type DeeplTestServer } from './deepl-server';

export function useDeeplServer(started: (server: DeeplTestServer) => void) {
  let server: DeeplTestServer | undefined;
  beforeAll(async () => {
    server = await startDeeplServer();
    started(server);
  });
  afterAll(() => server?.close());
  beforeEach(() => server?.reset());
}
