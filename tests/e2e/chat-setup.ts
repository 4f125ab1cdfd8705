// The chat model set up in e2e runs: a copy of the built extension whose manifest already grants the
// local chat server's host, so the options page's permissions.request resolves at once. Headless
// Chromium shows its permission prompt to no one (the request stays pending for ever; Playwright
// cannot answer browser dialogs, and Chromium has no switch to auto-accept them), and a permission
// already granted is not asked for again. What the test does not cover: the prompt itself.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR } from '../support/browser';
import type { ChatTestServer } from '../support/chat-server';
import type { ExtensionSession } from './harness';

/** The local test server's host pattern: among the build's optional host permissions. */
export const LOCAL_CHAT_PERMISSION = 'http://127.0.0.1/*';

export function extensionWithLocalChatGranted(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rednote-lens-chat-ext-'));
  cpSync(EXTENSION_DIR, dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { host_permissions: string[] };
  manifest.host_permissions = [...manifest.host_permissions, LOCAL_CHAT_PERMISSION];
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
