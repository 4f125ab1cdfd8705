// The chat model set up in e2e runs: a copy of the built extension whose manifest already grants the
// local chat server's host, so the options page's permissions.request resolves at once. Headless
// Chromium shows its permission prompt to no one (the request stays pending for ever; Playwright
// cannot answer browser dialogs, and Chromium has no switch to auto-accept them), and a permission
// already granted is not asked for again. What the test does not cover: the prompt itself.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { rawEntries } from '../../lib/storage/keys';
import { EXTENSION_DIR } from '../support/browser';
import { startChatServer, type ChatTestServer } from '../support/chat-server';
import { launchExtension, type ExtensionSession } from './harness';
import { runSoak, type Soak, type SoakFigures } from './soak';

/** The local test server's host pattern: among the build's optional host permissions. */
export const LOCAL_CHAT_PERMISSION = 'http://127.0.0.1/*';

export const extensionWithLocalChatGranted = () => extensionWithHostsGranted([LOCAL_CHAT_PERMISSION]);

/** A copy of the build (`from`) whose manifest grants these optional host permissions at install (the image CDN's too). */
export function extensionWithHostsGranted(patterns: readonly string[], from = EXTENSION_DIR): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rednote-lens-granted-ext-'));
  cpSync(from, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions = [...manifest.host_permissions, ...patterns];
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The reader's way: the options page, endpoint and model typed, Save and use; resolves on the test's answer. */
export async function setUpChatModel(session: ExtensionSession, server: ChatTestServer, model = 'qwen2.5:7b'): Promise<Page> {
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  await options.getByLabel('Endpoint (base URL)').fill(server.endpoint);
  await options.getByLabel('Model', { exact: true }).fill(model);
  await options.getByRole('button', { name: 'Save and use' }).click();
  return options;
}

/** The chat model stored as the options page stores it, and chosen (for runs that are not about the options page). */
export async function storeChatModel(session: ExtensionSession, server: ChatTestServer, model = 'qwen2.5:7b') {
  await session.worker.evaluate(
    (values) => (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage.local.set(values),
    rawEntries('chatModel', { endpoint: server.endpoint, model }),
  );
  await session.setSettings({ provider: 'chat' });
}

/**
 * A soak with the chat-model translator: its own browser and local chat-completions server (with the
 * provider latency given), the chat model stored and chosen. `beforeRun` prepares the session (the
 * bench's stand-in for tsx's __name helper).
 */
export async function runChatSoak(soak: Soak, latencyMs: number, beforeRun?: (session: ExtensionSession) => Promise<unknown>): Promise<{ figures: SoakFigures; tokens: number }> {
  const server = await startChatServer({ latencyMs });
  const extension = extensionWithLocalChatGranted();
  const session = await launchExtension({ latencyMs, deeplKey: null, extensionDir: extension.dir });
  try {
    await beforeRun?.(session);
    await storeChatModel(session, server);
    const figures = await runSoak(session, soak, server);
    return { figures, tokens: server.tokensSent };
  } finally {
    await session.close();
    await server.close();
    extension.remove();
  }
}
