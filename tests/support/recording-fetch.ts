// A `fetch` that forwards to the real one and keeps every exchange, so a test can see the exact requests the
// extension's code makes (and replay them, or variants of them, later).

export interface Exchange {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  status: number;
  contentType: string | null;
  responseText: string;
}

export function recordingFetch(): { fetch: typeof fetch; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const record: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    const response = await globalThis.fetch(input, init);
    exchanges.push({
      method: init?.method ?? 'GET',
      url,
      path: new URL(url).pathname,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : undefined,
      status: response.status,
      contentType: response.headers.get('content-type'),
      responseText: await response.clone().text(),
    });
    return response;
  };
  return { fetch: record, exchanges };
}

/** Send a recorded request again, changed by `edit`, straight to the server. */
export function replay(exchange: Exchange, edit: { headers?: Record<string, string | undefined>; body?: string; url?: string } = {}) {
  const headers = Object.fromEntries(Object.entries({ ...exchange.headers, ...edit.headers }).filter((e): e is [string, string] => e[1] !== undefined));
  return fetch(edit.url ?? exchange.url, { method: exchange.method, headers, body: edit.body ?? exchange.body });
}

/** The JSON body of a recorded request, changed by `edit`, as text again. */
export function withJson(exchange: Exchange, edit: (body: Record<string, unknown>) => void): string {
  const body = JSON.parse(exchange.body ?? '{}') as Record<string, unknown>;
  edit(body);
  return JSON.stringify(body);
}
