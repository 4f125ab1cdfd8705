// Which translator: DeepL with the reader's key, the browser's on-device one, a chat model set up in
// the options page, or none; and into what language.
import { useId } from 'react';
import { browser } from 'wxt/browser';
import { chatModelItem } from '../../lib/storage/items';
import { updateSettings, type ProviderChoice, type Settings } from '../../lib/storage/settings';
import type { EngineStatus } from '../../lib/messaging/contract';
import { KeySection } from './KeySection';
import { OnDeviceSetup, type DownloadOnDevice } from './OnDeviceSetup';
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
  downloadOnDevice?: DownloadOnDevice;
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
      {settings.provider === 'on-device' ? (
        <OnDeviceSetup availability={onDevice} target={settings.targetLang} download={downloadOnDevice} worker={worker} meanwhile={<p>Labels, counts and dates are in English already; notes and comments follow when it ends.</p>} />
      ) : null}
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
