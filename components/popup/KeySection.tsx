// The DeepL key: typed once, checked live against DeepL, stored only in storage.local, never shown back.
import { useId, useState } from 'react';
import type { KeyCheck } from '../../lib/messaging/contract';
import { maskKey } from '../../lib/storage/settings';
import { deeplKeyItem, deeplServerItem } from '../../lib/storage/items';
import { RETRYABLE_KINDS } from '../../lib/core/errors';
import { useStoredItem } from './useStoredItem';
import type { WorkerClient } from './worker-client';

/** hint: where to get a key (the welcome page says it in its own steps). */
export function KeySection({ worker, hint = true }: { worker: WorkerClient; hint?: boolean }) {
  const stored = useStoredItem(deeplKeyItem);
  const server = useStoredItem(deeplServerItem);
  const [draft, setDraft] = useState('');
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<KeyCheck | { ok: 'saved-unchecked'; message: string } | undefined>();
  const inputId = useId();

  async function save(event: React.FormEvent) {
    event.preventDefault();
    const key = draft.trim();
    if (!key) return;
    setChecking(true);
    try {
      const check = await worker.send({ type: 'check-key', key });
      if (check.ok) {
        await deeplKeyItem.setValue(key);
        setDraft('');
        setResult(check);
      } else if (RETRYABLE_KINDS.has(check.kind)) {
        // Offline, DeepL down or busy: not the key's fault. Keep it, and say it is unchecked.
        await deeplKeyItem.setValue(key);
        setDraft('');
        setResult({ ok: 'saved-unchecked', message: `Saved, but not checked: ${check.message}` });
      } else setResult(check);
    } catch (e) {
      setResult({ ok: false, kind: 'network', message: String((e as Error)?.message ?? e) });
    } finally {
      setChecking(false);
    }
  }

  return (
    <div className="key">
      {stored ? (
        <div className="key-stored">
          <span>
            Key <code aria-label="saved key, masked">{maskKey(stored)}</code> {stored.trim().endsWith(':fx') ? '(Free plan)' : '(Pro plan)'}
          </span>
          <button type="button" className="link" onClick={() => void deeplKeyItem.setValue('').then(() => setResult(undefined))}>
            Remove key
          </button>
        </div>
      ) : null}
      {server ? (
        <p className="warn" aria-label="DeepL server">
          Sent to <code>{server}</code>, not DeepL’s own host (changed in the options page).
        </p>
      ) : null}
      <form onSubmit={save} className="key-form">
        <label htmlFor={inputId}>{stored ? 'Replace DeepL API key' : 'DeepL API key'}</label>
        <div className="row">
          <input id={inputId} type="password" autoComplete="off" spellCheck={false} placeholder="xxxxxxxx-xxxx-…:fx" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={checking || !draft.trim()}>
            {checking ? 'Checking…' : 'Save'}
          </button>
        </div>
      </form>
      {result ? (
        <p role="status" className={result.ok === true ? 'ok' : result.ok === false ? 'bad' : 'warn'}>
          {result.ok === true
            ? `Key works: DeepL ${result.plan === 'free' ? 'Free' : 'Pro'} plan, ${result.usage.characterCount.toLocaleString('en-US')} of ${result.usage.characterLimit.toLocaleString('en-US')} characters used this month.`
            : result.message}
        </p>
      ) : null}
      {!stored && hint ? (
        <p className="hint">
          Get a free key (500,000 characters a month) at deepl.com → API. Keys of the Free plan end in <code>:fx</code>. The key stays in this browser and is sent only to DeepL.
        </p>
      ) : null}
    </div>
  );
}
