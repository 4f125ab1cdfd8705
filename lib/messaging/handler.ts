// The worker's side of the contract: check who is asking and what, then dispatch. Pure and async so
// it is tested directly; listen.ts adapts it to runtime.onMessage.
import * as v from 'valibot';
import { SITE_HOSTS } from '../sites/xiaohongshu/hosts';
import { ContentRequestSchema, PageRequestSchema, type ContentRequest, type Envelope, type PageRequest, type Request, type ResponseFor } from './contract';

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
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

export function createMessageHandler(deps: HandlerDeps) {
  return async function handle(message: unknown, sender: MessageSender): Promise<Envelope<unknown>> {
    // Only this extension's own contexts reach here (no externally_connectable); check anyway.
    if (sender.id !== deps.extensionId) return { ok: false, error: 'Message from another extension refused.' };
    let request: ContentRequest | PageRequest;
    if (fromSite(sender)) {
      const parsed = v.safeParse(ContentRequestSchema, message);
      if (!parsed.success) return { ok: false, error: `Invalid message: ${parsed.issues[0]?.message ?? 'bad shape'}` };
      request = parsed.output;
    } else if (fromExtensionPage(sender, deps.extensionOrigin)) {
      const parsed = v.safeParse(v.union([ContentRequestSchema, PageRequestSchema]), message);
      if (!parsed.success) return { ok: false, error: `Invalid message: ${parsed.issues[0]?.message ?? 'bad shape'}` };
      request = parsed.output;
    } else {
      return { ok: false, error: 'Message from an unexpected context refused.' };
    }
    try {
      const handler = (await deps.handlers)[request.type] as (r: Request, s: MessageSender) => Promise<unknown>;
      return { ok: true, value: await handler(request, sender) };
    } catch (error) {
      return { ok: false, error: String((error as Error)?.message ?? error) };
    }
  };
}
