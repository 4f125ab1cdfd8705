// The popup: is it on, how it shows translations, what it translates, with which translator.
import { useEffect, useId, useState } from 'react';
import { DEFAULT_SETTINGS, deeplKeyItem, settingsItem, updateSettings, withDefaults, type DisplayMode, type ProviderChoice, type Settings } from '../../lib/settings';
import { SITE_HOSTS } from '../../lib/sites/xiaohongshu/hosts';
import { KeySection } from './KeySection';
import { BlockedBanner, SessionStats, UsageMeter } from './StatusPanel';
import { useStoredItem } from './useStoredItem';
import { useWorkerStatus } from './useWorkerStatus';
import type { WorkerClient } from './worker-client';

export interface PopupProps {
  worker: WorkerClient;
  /** The glossary tab's content (kept out of this file so the options page can show it alone). */
  glossary?: React.ReactNode;
  /** Host of the active tab, when the popup can know it. */
  activeHost(): Promise<string | undefined>;
  /** Start the download of the on-device language pack (needs the click's user gesture). */
  downloadOnDevice?(): Promise<void>;
}

const MODES: Array<{ value: DisplayMode; label: string; hint: string }> = [
  { value: 'bilingual', label: 'Bilingual', hint: 'English under the Chinese' },
  { value: 'replace', label: 'English only', hint: 'Chinese on hover' },
  { value: 'off', label: 'Off', hint: 'Page as it is' },
];
const WHAT: Array<{ key: keyof Settings['translate']; label: string }> = [
  { key: 'interface', label: 'Interface (menus, tabs, buttons)' },
  { key: 'titles', label: 'Titles' },
  { key: 'bodies', label: 'Note texts and bios' },
  { key: 'comments', label: 'Comments and replies' },
  { key: 'nicknames', label: 'Nicknames' },
];
const PROVIDERS: Array<{ value: ProviderChoice; label: string }> = [
  { value: 'deepl', label: 'DeepL' },
  { value: 'on-device', label: 'On-device' },
  { value: 'off', label: 'None' },
];
export const TARGETS: Array<[string, string]> = [
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

export function Popup({ worker, activeHost, downloadOnDevice, glossary }: PopupProps) {
  const [tab, setTab] = useState<'settings' | 'glossary'>('settings');
  const stored = useStoredItem(settingsItem);
  const key = useStoredItem(deeplKeyItem);
  const settings = stored ? withDefaults(stored) : undefined;
  const { status, error, refresh } = useWorkerStatus(worker);
  const [host, setHost] = useState<string | undefined>();
  const ids = { mode: useId(), what: useId(), provider: useId(), target: useId(), budget: useId() };
  useEffect(() => {
    void activeHost().then(setHost);
  }, [activeHost]);

  if (!settings) return <main className="popup">Loading…</main>;
  const onSite = host !== undefined && (SITE_HOSTS as readonly string[]).includes(host);
  const offHere = onSite && settings.disabledHosts.includes(host);
  const needsKey = settings.provider === 'deepl' && !key;
  const state = settings.mode === 'off' ? 'Translations are off' : offHere ? `Off on ${host}` : needsKey ? 'Add a DeepL key below to start' : onSite ? `Translating ${host}` : 'Open www.xiaohongshu.com to read it in English';
  const set = (patch: Partial<Settings>) => void updateSettings(patch);

  return (
    <main className="popup">
      <header>
        <img src="/icon/48.png" alt="" width={28} height={28} />
        <div>
          <h1>RedNote Lens</h1>
          <p className={`state${needsKey ? ' warn' : ''}`} role="status">
            {state}
          </p>
        </div>
      </header>

      {glossary ? (
        <div className="tabs" role="tablist" aria-label="Sections">
          <button type="button" role="tab" aria-selected={tab === 'settings'} onClick={() => setTab('settings')}>
            Settings
          </button>
          <button type="button" role="tab" aria-selected={tab === 'glossary'} onClick={() => setTab('glossary')}>
            Glossary
          </button>
        </div>
      ) : null}
      {tab === 'glossary' ? (
        glossary
      ) : (
      <>
      {status ? <BlockedBanner status={status} worker={worker} onRetried={() => void refresh()} /> : null}
      {error ? <p className="banner">The background worker did not answer: {error}</p> : null}

      {onSite ? (
        <label className="switch">
          <input type="checkbox" checked={!offHere} onChange={(e) => set({ disabledHosts: e.target.checked ? settings.disabledHosts.filter((h) => h !== host) : [...settings.disabledHosts, host] })} />
          <span>On for {host}</span>
        </label>
      ) : null}

      <fieldset>
        <legend id={ids.mode}>Show translations</legend>
        <div className="segmented" role="radiogroup" aria-labelledby={ids.mode}>
          {MODES.map((m) => (
            <label key={m.value} className={settings.mode === m.value ? 'on' : ''} title={m.hint}>
              <input type="radio" name="mode" value={m.value} checked={settings.mode === m.value} onChange={() => set(m.value === 'off' ? { mode: 'off' } : { mode: m.value, lastOnMode: m.value })} />
              {m.label}
            </label>
          ))}
        </div>
        <p className="hint">Shortcut: Alt+T (change it in the browser's extension shortcuts).</p>
      </fieldset>

      <fieldset>
        <legend id={ids.what}>Translate</legend>
        {WHAT.map((w) => (
          <label key={w.key} className="check">
            <input type="checkbox" checked={settings.translate[w.key]} onChange={(e) => set({ translate: { ...settings.translate, [w.key]: e.target.checked } })} />
            {w.label}
          </label>
        ))}
        <label className="check">
          <input type="checkbox" checked={settings.highlightTerms} onChange={(e) => set({ highlightTerms: e.target.checked })} />
          Underline platform terms (hover for pinyin and meaning)
        </label>
      </fieldset>

      <fieldset>
        <legend id={ids.provider}>Translator</legend>
        <div className="segmented" role="radiogroup" aria-labelledby={ids.provider}>
          {PROVIDERS.map((p) => (
            <label key={p.value} className={settings.provider === p.value ? 'on' : ''}>
              <input type="radio" name="provider" value={p.value} checked={settings.provider === p.value} onChange={() => set({ provider: p.value })} />
              {p.label}
            </label>
          ))}
        </div>
        {settings.provider === 'deepl' ? <KeySection worker={worker} /> : null}
        {settings.provider === 'on-device' ? <OnDevice availability={status?.onDevice} download={downloadOnDevice} /> : null}
        <label className="field" htmlFor={ids.target}>
          Translate into
          <select id={ids.target} value={settings.targetLang} onChange={(e) => set({ targetLang: e.target.value })}>
            {TARGETS.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      {settings.provider === 'deepl' && key ? (
        <fieldset>
          <legend>Usage</legend>
          <UsageMeter usage={status?.usage} budget={settings.monthlyBudget} />
          <label className="field" htmlFor={ids.budget}>
            Monthly budget (characters, 0 = none)
            <input id={ids.budget} type="number" min={0} step={10_000} value={settings.monthlyBudget} onChange={(e) => set({ monthlyBudget: Math.max(0, Number(e.target.value) || 0) })} />
          </label>
        </fieldset>
      ) : null}

      {status ? (
        <fieldset>
          <legend>This session</legend>
          <SessionStats session={status.session} />
        </fieldset>
      ) : null}

      <footer>
        <button type="button" className="link" onClick={() => set({ ...DEFAULT_SETTINGS, disabledHosts: settings.disabledHosts })}>
          Reset settings
        </button>
      </footer>
      </>
      )}
    </main>
  );
}

function OnDevice({ availability, download }: { availability?: string; download?: () => Promise<void> }) {
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
