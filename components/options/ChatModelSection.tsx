// A chat model as the translator: any OpenAI-compatible chat-completions endpoint (OpenAI, DeepSeek,
// OpenRouter, a local Ollama or LM Studio). Saving asks the browser for access to that one host
// (the click is the gesture the request needs), stores the endpoint, model and key, chooses the chat
// model and sends one short text through the worker; Test sends it again.
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { chatKeyFor, chatOriginsOf, checkChatEndpoint, originOf } from '../../lib/chat/endpoint';
import type { ChatModelTest } from '../../lib/messaging/contract';
import { chatKeyItem, chatModelItem } from '../../lib/storage/items';
import { maskKey, updateSettings } from '../../lib/storage/settings';
import { useStoredItem } from '../popup/useStoredItem';
import type { WorkerClient } from '../popup/worker-client';

/** Where readers find each kind of server; the model names are examples, any the server has will do. */
const EXAMPLES: Array<[name: string, endpoint: string, model: string]> = [
  ['Ollama (this computer, no key)', 'http://localhost:11434/v1', 'qwen2.5:7b'],
  ['LM Studio (this computer, no key)', 'http://localhost:1234/v1', 'qwen2.5-7b-instruct'],
  ['OpenAI', 'https://api.openai.com/v1', 'gpt-4o-mini'],
  ['DeepSeek', 'https://api.deepseek.com/v1', 'deepseek-chat'],
  ['OpenRouter', 'https://openrouter.ai/api/v1', 'qwen/qwen-2.5-72b-instruct'],
];

export interface ChatModelSectionProps {
  worker: WorkerClient;
  /** Ask the browser for access to a host (browser.permissions.request; tests pass their own). */
  requestAccess?(pattern: string): Promise<boolean>;
  /** Origins this build may reach (its manifest's optional host permissions). */
  allowedOrigins?: readonly string[];
}

type Result = { ok: boolean; message: string };

const defaultRequestAccess = (pattern: string) => browser.permissions.request({ origins: [pattern] });

export function ChatModelSection({ worker, requestAccess = defaultRequestAccess, allowedOrigins = chatOriginsOf(browser.runtime.getManifest() as Parameters<typeof chatOriginsOf>[0]) }: ChatModelSectionProps) {
  const stored = useStoredItem(chatModelItem);
  const storedKey = useStoredItem(chatKeyItem);
  const [endpoint, setEndpoint] = useState<string>();
  const [model, setModel] = useState<string>();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>();
  const ids = { endpoint: useId(), model: useId(), key: useId() };
  // The fields start from what is stored, until the reader types.
  const endpointValue = endpoint ?? stored?.endpoint ?? '';
  const modelValue = model ?? stored?.model ?? '';

  async function test(values: { endpoint: string; model: string; key: string }) {
    setBusy(true);
    try {
      const answer: ChatModelTest = await worker.send({ type: 'test-chat-model', ...values });
      setResult(answer.ok ? { ok: true, message: `Works: “${answer.sample}” → “${answer.text}” (${answer.tokens.toLocaleString('en-US')} tokens).` } : { ok: false, message: answer.message });
    } catch (e) {
      setResult({ ok: false, message: String((e as Error)?.message ?? e) });
    } finally {
      setBusy(false);
    }
  }

  function save(event: React.FormEvent) {
    event.preventDefault();
    const checked = checkChatEndpoint(endpointValue, allowedOrigins);
    if (!checked.ok) return setResult({ ok: false, message: checked.message });
    if (!modelValue.trim()) return setResult({ ok: false, message: 'Give the model’s name (as the server lists it).' });
    // Asked first, in the click itself: the browser grants a permission request only in a user gesture.
    const access = requestAccess(checked.permission);
    void (async () => {
      if (!(await access.catch(() => false))) return setResult({ ok: false, message: `Not saved: RedNote Lens needs your permission to send text to ${checked.origin}.` });
      // A key belongs to the server it was saved for: a new origin without a new key keeps none.
      const newKey = key.trim() || (storedKey ? chatKeyFor(storedKey, checked.origin) : '');
      await chatModelItem.setValue({ endpoint: checked.url, model: modelValue.trim() });
      await chatKeyItem.setValue({ origin: checked.origin, key: newKey });
      await updateSettings({ provider: 'chat' });
      setEndpoint(undefined);
      setModel(undefined);
      setKey('');
      await test({ endpoint: checked.url, model: modelValue.trim(), key: newKey });
    })();
  }

  return (
    <fieldset>
      <legend>Chat model</legend>
      <p className="hint">
        Any server that speaks OpenAI’s chat-completions API translates for you: a local Ollama or LM Studio (free, nothing leaves your computer), or OpenAI, DeepSeek, OpenRouter with your key. Texts go in batches with the note’s title and the glossary terms they contain.
      </p>
      <p aria-label="Chat model in use">{stored?.endpoint && stored.model ? <><code>{stored.model}</code> at <code>{stored.endpoint}</code></> : 'None set up.'}</p>
      <form className="key-form" onSubmit={save}>
        <label htmlFor={ids.endpoint}>Endpoint (base URL)</label>
        <input id={ids.endpoint} type="url" autoComplete="off" spellCheck={false} placeholder="http://localhost:11434/v1" value={endpointValue} onChange={(e) => setEndpoint(e.target.value)} />
        <label htmlFor={ids.model}>Model</label>
        <input id={ids.model} type="text" autoComplete="off" spellCheck={false} placeholder="qwen2.5:7b" value={modelValue} onChange={(e) => setModel(e.target.value)} />
        <label htmlFor={ids.key}>{storedKey?.key ? 'Replace API key' : 'API key (none for a local server)'}</label>
        <input id={ids.key} type="password" autoComplete="off" spellCheck={false} placeholder="sk-…" value={key} onChange={(e) => setKey(e.target.value)} />
        <div className="row">
          <button type="submit" disabled={busy || !endpointValue.trim() || !modelValue.trim()}>
            Save and use
          </button>
          <button type="button" disabled={busy || !stored?.endpoint || !stored.model} onClick={() => stored && void test({ endpoint: stored.endpoint, model: stored.model, key: storedKey ? chatKeyFor(storedKey, originOf(stored.endpoint)) : '' })}>
            {busy ? 'Testing…' : 'Test'}
          </button>
        </div>
      </form>
      {storedKey?.key ? (
        <p>
          Key <code aria-label="saved chat key, masked">{maskKey(storedKey.key)}</code>{' '}
          <button type="button" className="link" onClick={() => void chatKeyItem.setValue({ origin: '', key: '' })}>
            Remove key
          </button>
        </p>
      ) : null}
      {result ? (
        <p role="status" className={result.ok ? 'ok' : 'bad'}>
          {result.message}
        </p>
      ) : null}
      <details>
        <summary>Endpoints and example models</summary>
        <ul>
          {EXAMPLES.map(([name, url, example]) => (
            <li key={name}>
              {name}: <code>{url}</code>, e.g. <code>{example}</code>
            </li>
          ))}
        </ul>
      </details>
      <p className="hint">Saving asks your browser to let RedNote Lens reach that one server. The key stays in this browser and goes only to the server it was saved with: saving another server’s address forgets it unless you give a key again. Another hosted server must be added when the extension is built (see the README).</p>
    </fieldset>
  );
}
