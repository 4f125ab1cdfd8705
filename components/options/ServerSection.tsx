// The options page's one setting that says where the key goes: a DeepL-compatible server instead of
// DeepL's own host. Only this page may set it (the worker refuses the request from anywhere else).
import { useId, useState } from 'react';
import { deeplServerItem } from '../../lib/storage/items';
import { useStoredItem } from '../popup/useStoredItem';
import type { WorkerClient } from '../popup/worker-client';

export function ServerSection({ worker }: { worker: WorkerClient }) {
  const stored = useStoredItem(deeplServerItem);
  const [draft, setDraft] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message: string } | undefined>();
  const inputId = useId();

  async function save(url: string) {
    try {
      const answer = await worker.send({ type: 'set-deepl-server', url });
      setResult(answer.ok ? { ok: true, message: answer.url ? `Requests now go to ${answer.url}.` : 'Requests go to DeepL’s own host again.' } : answer);
      if (answer.ok) setDraft('');
    } catch (e) {
      setResult({ ok: false, message: String((e as Error)?.message ?? e) });
    }
  }

  return (
    <fieldset>
      <legend>DeepL server</legend>
      <p aria-label="DeepL server in use">{stored ? <code>{stored}</code> : 'DeepL’s own host for the key (api-free.deepl.com for Free keys, api.deepl.com for Pro).'}</p>
      <form
        className="key-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save(draft);
        }}
      >
        <label htmlFor={inputId}>DeepL-compatible server (https)</label>
        <div className="row">
          <input id={inputId} type="url" autoComplete="off" spellCheck={false} placeholder="https://…" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={!draft.trim()}>
            Use this server
          </button>
        </div>
      </form>
      {stored ? (
        <button type="button" className="link" onClick={() => void save('')}>
          Back to DeepL’s own host
        </button>
      ) : null}
      {result ? (
        <p role="status" className={result.ok ? 'ok' : 'bad'}>
          {result.message}
        </p>
      ) : null}
      <p className="hint">Your key is sent with every request to this server. A server outside DeepL’s own hosts must be added when the extension is built (see the README).</p>
    </fieldset>
  );
}
