// The popup: is it on, how it shows translations, what it translates, with which translator.
import { useEffect, useState } from 'react';
import { DEFAULT_SETTINGS, updateSettings } from '../../lib/storage/settings';
import { SITE_HOSTS } from '../../lib/sites/xiaohongshu/hosts';
import { deeplKeyItem, settingsItem } from '../../lib/storage/items';
import { ModeSection } from './ModeSection';
import type { DownloadOnDevice } from './OnDeviceSetup';
import { BlockedBanner, SessionStats } from './StatusPanel';
import { TranslatorSection } from './TranslatorSection';
import { UsageSection } from './UsageSection';
import { useStoredItem } from './useStoredItem';
import { useWorkerStatus } from './useWorkerStatus';
import { WhatSection } from './WhatSection';
import type { WorkerClient } from './worker-client';

export interface PopupProps {
  worker: WorkerClient;
  /** The glossary tab's content (kept out of this file so the options page can show it alone). */
  glossary?: React.ReactNode;
  /** Host of the active tab, when the popup can know it. */
  activeHost(): Promise<string | undefined>;
  /** Start the download of the on-device language pack (needs the click's user gesture). */
  downloadOnDevice?: DownloadOnDevice;
  /** Open the welcome page (what it does, the choice of translator) in a tab. */
  openWelcome?(): void;
}

export function Popup({ worker, activeHost, downloadOnDevice, openWelcome, glossary }: PopupProps) {
  const [tab, setTab] = useState<'settings' | 'glossary'>('settings');
  const settings = useStoredItem(settingsItem);
  const key = useStoredItem(deeplKeyItem);
  const { status, error, refresh } = useWorkerStatus(worker);
  const [host, setHost] = useState<string | undefined>();
  useEffect(() => {
    void activeHost().then(setHost);
  }, [activeHost]);

  if (!settings) return <main className="popup">Loading…</main>;
  const onSite = host !== undefined && (SITE_HOSTS as readonly string[]).includes(host);
  const offHere = onSite && settings.disabledHosts.includes(host);
  const needsKey = settings.provider === 'deepl' && !key;
  const state = settings.mode === 'off' ? 'Translations are off' : offHere ? `Off on ${host}` : needsKey ? 'Add a DeepL key below to start' : onSite ? `Translating ${host}` : 'Open www.xiaohongshu.com to read it in English';

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
          {status ? <BlockedBanner status={status} worker={worker} onRetried={() => void refresh()} openWelcome={openWelcome} /> : null}
          {error ? <p className="banner">The background worker did not answer: {error}</p> : null}
          {onSite ? <HostSwitch host={host} on={!offHere} /> : null}
          <ModeSection settings={settings} />
          <WhatSection settings={settings} />
          <TranslatorSection settings={settings} worker={worker} onDevice={status?.onDevice} downloadOnDevice={downloadOnDevice} />
          {settings.provider === 'deepl' && key ? <UsageSection usage={status?.usage} budget={settings.monthlyBudget} deeplKey={key} /> : null}
          {status ? (
            <fieldset>
              <legend>This session</legend>
              <SessionStats session={status.session} />
            </fieldset>
          ) : null}
          <footer>
            {openWelcome ? (
              <button type="button" className="link" onClick={openWelcome}>
                Welcome and set-up
              </button>
            ) : null}
            <button type="button" className="link" onClick={() => void updateSettings((current) => ({ ...DEFAULT_SETTINGS, disabledHosts: current.disabledHosts }))}>
              Reset settings
            </button>
            <ClearCache worker={worker} />
          </footer>
        </>
      )}
    </main>
  );
}

/** On or off for the site in the active tab, apart from the display mode. */
function HostSwitch({ host, on }: { host: string; on: boolean }) {
  const toggle = (wanted: boolean) =>
    void updateSettings((current) => ({ disabledHosts: wanted ? current.disabledHosts.filter((h) => h !== host) : [...current.disabledHosts.filter((h) => h !== host), host] }));
  return (
    <label className="switch">
      <input type="checkbox" checked={on} onChange={(e) => toggle(e.target.checked)} />
      <span>On for {host}</span>
    </label>
  );
}

/** Forget stored translations: a page could time how fast a text comes back to tell what was read before. */
function ClearCache({ worker }: { worker: WorkerClient }) {
  const [state, setState] = useState<'idle' | 'cleared' | 'failed'>('idle');
  const clear = () =>
    void worker.send({ type: 'clear-cache' }).then(
      () => setState('cleared'),
      () => setState('failed'),
    );
  return (
    <>
      <button type="button" className="link" onClick={clear}>
        Clear translation cache
      </button>
      {state === 'idle' ? null : <span role="status">{state === 'cleared' ? 'Translation cache cleared' : 'The cache could not be cleared'}</span>}
    </>
  );
}
