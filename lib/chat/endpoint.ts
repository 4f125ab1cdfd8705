// The chat-completions endpoint the reader typed, checked: where the page's text (and the key, if
// any) will go. A server on this computer (http://localhost or 127.0.0.1, any port), or an https
// origin this build may reach: the hosted APIs below, and any added at build time (RNL_CHAT_SERVERS).
// The manifest's optional host permissions and its CSP's connect-src list the same origins.
import { originsOf } from '../deepl/hosts';

/** What the reader chose in the options page (stored; the key is stored apart). */
export interface ChatModelSetting {
  /** Base URL as typed and checked ('http://localhost:11434/v1'). */
  endpoint: string;
  model: string;
}

/**
 * The chat endpoint's API key with the origin it was saved for ('' key: none). The worker sends it to
 * that origin only, so a key saved for one server never goes to another endpoint saved later.
 */
export interface ChatKey {
  origin: string;
  key: string;
}

/** The key to send to an endpoint at `origin`: the stored one if it was saved for that origin, else none. */
export const chatKeyFor = (stored: ChatKey, origin: string) => (stored.origin === origin ? stored.key : '');

/** The origin of a stored endpoint ('' if it is not a URL). */
export function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return '';
  }
}

export type EndpointCheck = { ok: true; url: string; origin: string; permission: string } | { ok: false; message: string };

/** Hosted OpenAI-compatible chat APIs a reader may choose without rebuilding the extension. */
export const CHAT_HOSTED_ORIGINS = [
  'https://api.openai.com',
  'https://api.deepseek.com',
  'https://openrouter.ai',
  'https://api.groq.com',
  'https://api.mistral.ai',
  'https://api.together.xyz',
  'https://api.fireworks.ai',
  'https://generativelanguage.googleapis.com',
  'https://dashscope.aliyuncs.com',
  'https://dashscope-intl.aliyuncs.com',
  'https://api.siliconflow.cn',
  'https://api.siliconflow.com',
  'https://api.moonshot.cn',
  'https://api.moonshot.ai',
  'https://open.bigmodel.cn',
] as const;

/** Servers on this computer (Ollama, LM Studio): plain http, any port. */
export const CHAT_LOCAL_ORIGINS = ['http://localhost', 'http://127.0.0.1'] as const;

/** Host patterns for the manifest's optional host permissions: asked for one at a time, at run time. */
export const chatHostPermissions = (extraOrigins: readonly string[] = []) => [...CHAT_HOSTED_ORIGINS, ...extraOrigins, ...CHAT_LOCAL_ORIGINS].map((origin) => `${origin}/*`);

/** The origins this build may reach with a chat model: those of its manifest's optional host permissions (optional_permissions in MV2). */
export const chatOriginsOf = (manifest: { optional_host_permissions?: string[]; optional_permissions?: string[] }) =>
  originsOf(manifest.optional_host_permissions ?? manifest.optional_permissions ?? []);

/** The suffix readers often paste with the base URL: the client adds it itself. */
const COMPLETIONS_PATH = /\/chat\/completions\/?$/;

/**
 * A base URL such as 'https://api.openai.com/v1' or 'http://localhost:11434/v1' (the request goes
 * to its /chat/completions), if this build may reach it (`allowedOrigins`: the origins of its
 * optional host permissions). `permission` is the host pattern asked for at run time: that one
 * origin (for a local server its host alone: Firefox's match patterns take no port).
 */
export function checkChatEndpoint(input: string, allowedOrigins: readonly string[]): EndpointCheck {
  const text = input.trim();
  if (!text) return { ok: false, message: 'Give the address of the chat-completions endpoint.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'That is not a URL.' };
  }
  const local = `${url.protocol}//${url.hostname}`;
  const isLocal = (CHAT_LOCAL_ORIGINS as readonly string[]).includes(local);
  if (url.protocol !== 'https:' && !isLocal) return { ok: false, message: 'The endpoint must use https (plain http only for a server on this computer: localhost or 127.0.0.1).' };
  if (url.username || url.password || url.search || url.hash) return { ok: false, message: 'Give the endpoint’s address alone, without a user name, query or fragment.' };
  if (!allowedOrigins.includes(isLocal ? local : url.origin)) {
    return { ok: false, message: `${url.origin} is not among the servers this build may reach: a local server, ${CHAT_HOSTED_ORIGINS.map((o) => o.slice(8)).join(', ')}, or one added when the extension is built (see the README).` };
  }
  const path = url.pathname.replace(COMPLETIONS_PATH, '').replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}`, origin: url.origin, permission: `${isLocal ? local : url.origin}/*` };
}
