// Which translator: DeepL with the reader's key, the browser's on-device one, or none; and into what language.
import { useId } from 'react';
import { updateSettings, type ProviderChoice, type Settings } from '../../lib/storage/settings';
import type { EngineStatus } from '../../lib/messaging/contract';
import { KeySection } from './KeySection';
import { OnDeviceSetup, type DownloadOnDevice } from './OnDeviceSetup';
import type { WorkerClient } from './worker-client';

const PROVIDERS: Array<{ value: ProviderChoice; label: string }> = [
  { value: 'deepl', label: 'DeepL' },
  { value: 'on-device', label: 'On-device' },
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
  return (
    <fieldset>
      <legend id={ids.provider}>Translator</legend>
      <div className="segmented" role="radiogroup" aria-labelledby={ids.provider}>
        {PROVIDERS.map((p) => (
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
