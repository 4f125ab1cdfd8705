// Which translator: DeepL with the reader's key, the browser's on-device one, a chat model set up in
// the options page, or none; and into what language.
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { chatModelItem } from '../../lib/storage/items';
import { updateSettings, type ProviderChoice, type Settings } from '../../lib/storage/settings';
import type { EngineStatus } from '../../lib/messaging/contract';
import { KeySection } from './KeySection';
import { useStoredItem } from './useStoredItem';
import type { WorkerClient } from './worker-client';

const PROVIDERS: Array<{ value: ProviderChoice; label: string }> = [
  { value: 'deepl', label: 'DeepL' },
  { value: 'on-device', label: 'On-device' },
  { value: 'chat', label: 'Chat model' },
  { value: 'off', label: 'None' },
];
const TARGETS: Array<[string, string]> = [
  ['EN-US', 'English (US)'],
  ['EN-GB', 'English (UK)'],
  ['DE', 'German'],
  ['FR', 'French'],
  ['ES', 'Spanish'],
  ['IT', 'Italian'],
  ['PT-BR', 'Portuguese (Brazil)'],
  ['JA', 'Japanese'],
  ['KO', 'Korean'],
  ['RU', 'Russian'],
];

export interface TranslatorSectionProps {
  settings: Settings;
  worker: WorkerClient;
  /** The on-device translator's availability, as the worker reported it. */
  onDevice?: EngineStatus['onDevice'];
  downloadOnDevice?(): Promise<void>;
}

export function TranslatorSection({ settings, worker, onDevice, downloadOnDevice }: TranslatorSectionProps) {
  const ids = { provider: useId(), target: useId() };
  const chat = useStoredItem(chatModelItem);
  // The chat model is a choice once the options page set one up (or while it is the one in use).
  const chatReady = Boolean(chat?.endpoint && chat.model);
  const choices = PROVIDERS.filter((p) => p.value !== 'chat' || chatReady || settings.provider === 'chat');
  return (
    <fieldset>
      <legend id={ids.provider}>Translator</legend>
      <div className="segmented" role="radiogroup" aria-labelledby={ids.provider}>
        {choices.map((p) => (
          <label key={p.value} className={settings.provider === p.value ? 'on' : ''}>
            <input type="radio" name="provider" value={p.value} checked={settings.provider === p.value} onChange={() => void updateSettings({ provider: p.value })} />
            {p.label}
          </label>
        ))}
      </div>
      {settings.provider === 'deepl' ? <KeySection worker={worker} /> : null}
      {settings.provider === 'on-device' ? <OnDevice availability={onDevice} download={downloadOnDevice} /> : null}
      {settings.provider === 'chat' ? (
        <p className="hint">
          {chatReady ? (
            <>
              <code>{chat!.model}</code> at <code>{chat!.endpoint}</code>.{' '}
            </>
          ) : (
            'No chat model set up yet. '
          )}
          <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
            Set up in the options page
          </button>
        </p>
      ) : null}
      <label className="field" htmlFor={ids.target}>
        Translate into
        <select id={ids.target} value={settings.targetLang} onChange={(e) => void updateSettings({ targetLang: e.target.value })}>
          {TARGETS.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

function OnDevice({ availability, download }: { availability?: EngineStatus['onDevice']; download?: () => Promise<void> }) {
  const [message, setMessage] = useState<string>();
  if (availability === 'absent') return <p className="hint warn">This browser has no on-device translator (Chrome 138+ on desktop has one). Use a DeepL key instead.</p>;
  if (availability === 'unavailable') return <p className="hint warn">The on-device translator cannot translate Chinese into this language.</p>;
  if (availability === 'available') return <p className="hint ok">On-device translator ready: free, nothing leaves your computer.</p>;
  return (
    <div className="hint">
      <p>{availability === 'downloading' ? 'The Chinese language pack is downloading…' : 'Chrome needs to download its Chinese language pack once.'}</p>
      {download && availability === 'downloadable' ? (
        <button type="button" onClick={() => void download().then(() => setMessage('Download started.'), (e: unknown) => setMessage(`Download failed: ${String((e as Error)?.message ?? e)}`))}>
          Download language pack
        </button>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </div>
  );
}
