// The worker's side of the contract: check who is asking and what, then dispatch. Pure and async so
// it is tested directly; listen.ts adapts it to runtime.onMessage.
import * as v from 'valibot';
import { SITE_HOSTS } from '../sites/xiaohongshu/hosts';
import { ContentRequestSchema, OptionsRequestSchema, PageRequestSchema, type Envelope, type Request, type ResponseFor } from './contract';

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string; index?: number };
}

export type Handlers = { [K in Request['type']]: (request: Extract<Request, { type: K }>, sender: MessageSender) => Promise<ResponseFor<Extract<Request, { type: K }>>> };

export interface HandlerDeps {
  extensionId: string;
  /** chrome-extension://<id>/ (or moz-extension://…/) */
  extensionOrigin: string;
  /** The handlers, or a promise of them while the worker is still starting. */
  handlers: Handlers | Promise<Handlers>;
}

const fromSite = (sender: MessageSender) => {
  try {
    return Boolean(sender.tab) && (SITE_HOSTS as readonly string[]).includes(new URL(sender.url ?? sender.tab?.url ?? '').host);
  } catch {
    return false;
  }
};

// The popup has no tab; the options page (or the popup opened as a page) has one: the URL decides.
const fromExtensionPage = (sender: MessageSender, origin: string) => Boolean(sender.url?.startsWith(origin));

/** The options page's own path: the only page that may say where the key goes. */
const OPTIONS_PAGE_PATH = '/options.html';
const fromOptionsPage = (sender: MessageSender, origin: string) => {
  try {
    const url = new URL(sender.url ?? '');
    return url.href.startsWith(origin) && url.pathname === OPTIONS_PAGE_PATH;
  } catch {
    return false;
  }
};

/** What a content script is told when its request failed in the worker. */
const CONTENT_FAILURE = 'The worker could not answer.';

export function createMessageHandler(deps: HandlerDeps) {
  return async function handle(message: unknown, sender: MessageSender): Promise<Envelope<unknown>> {
    // Only this extension's own contexts reach here (no externally_connectable); check anyway.
    if (sender.id !== deps.extensionId) return { ok: false, error: 'Message from another extension refused.' };
    const site = fromSite(sender);
    const schema = site
      ? ContentRequestSchema
      : fromOptionsPage(sender, deps.extensionOrigin)
        ? v.union([ContentRequestSchema, PageRequestSchema, OptionsRequestSchema])
        : fromExtensionPage(sender, deps.extensionOrigin)
          ? v.union([ContentRequestSchema, PageRequestSchema])
          : undefined;
    if (!schema) return { ok: false, error: 'Message from an unexpected context refused.' };
    const parsed = v.safeParse(schema, message);
    if (!parsed.success) return { ok: false, error: `Invalid message: ${parsed.issues[0]?.message ?? 'bad shape'}` };
    const request: Request = parsed.output;
    try {
      const handler = (await deps.handlers)[request.type] as (r: Request, s: MessageSender) => Promise<unknown>;
      return { ok: true, value: await handler(request, sender) };
    } catch (error) {
      // A worker's message can name a server and quote it: our pages get it, a content script (beside the page) does not.
      return { ok: false, error: site ? CONTENT_FAILURE : String((error as Error)?.message ?? error) };
    }
  };
}
