// The chat-completions endpoint the reader typed, checked: where the page's text (and the key, if
// any) will go. https anywhere; plain http only to this computer (a local Ollama or LM Studio).

/** What the reader chose in the options page (stored; the key is stored apart). */
export interface ChatModelSetting {
  /** Base URL as typed and checked ('http://localhost:11434/v1'). */
  endpoint: string;
  model: string;
}

export type EndpointCheck = { ok: true; url: string; origin: string; permission: string } | { ok: false; message: string };

/** Hosts of this computer that plain http may reach (the manifest's optional host permissions list the same). */
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** The suffix readers often paste with the base URL: the client adds it itself. */
const COMPLETIONS_PATH = /\/chat\/completions\/?$/;

/**
 * A base URL such as 'https://api.openai.com/v1' or 'http://localhost:11434/v1' (the request goes
 * to its /chat/completions). `permission` is the host pattern asked for at run time: the scheme and
 * host alone (Firefox's match patterns take no port; Chromium's without one match any port).
 */
export function checkChatEndpoint(input: string): EndpointCheck {
  const text = input.trim();
  if (!text) return { ok: false, message: 'Give the address of the chat-completions endpoint.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'That is not a URL.' };
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    return { ok: false, message: 'The endpoint must use https (plain http only for a server on this computer: localhost or 127.0.0.1).' };
  }
  if (url.username || url.password || url.search || url.hash) return { ok: false, message: 'Give the endpoint’s address alone, without a user name, query or fragment.' };
  const path = url.pathname.replace(COMPLETIONS_PATH, '').replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}`, origin: url.origin, permission: `${url.protocol}//${url.hostname}/*` };
}

/** Host patterns the manifest may ask for at run time (optional_host_permissions): any https host, and local servers. */
export const CHAT_OPTIONAL_HOSTS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'] as const;
