// The welcome page (the options page's #welcome view): what RedNote Lens does, the choice of
// translator best first for this browser, then one click to Xiaohongshu. Opened on install, from
// the popup, and from a page that has no translator yet. Every set-up part is the popup's own.
import { updateSettings } from '../../lib/storage/settings';
import { chatModelItem, deeplKeyItem, settingsItem } from '../../lib/storage/items';
import type { ProviderChoice } from '../../lib/core/provider-types';
import { ChatModelSection } from '../options/ChatModelSection';
import { KeySection } from '../popup/KeySection';
import { OnDeviceSetup, type DownloadOnDevice } from '../popup/OnDeviceSetup';
import { useStoredItem } from '../popup/useStoredItem';
import { useWorkerStatus } from '../popup/useWorkerStatus';
import type { WorkerClient } from '../popup/worker-client';
import { CHOICES, orderChoices, type ChoiceFacts } from './choices';

export const SITE_START_URL = 'https://www.xiaohongshu.com/explore';

export interface WelcomePageProps {
  worker: WorkerClient;
  downloadOnDevice?: DownloadOnDevice;
}

interface SetupContext {
  worker: WorkerClient;
  target: string;
  facts: ChoiceFacts;
  downloadOnDevice?: DownloadOnDevice;
}

/** Each choice's set-up, under its card once chosen. */
const SETUP: Partial<Record<ProviderChoice, (ctx: SetupContext) => React.ReactNode>> = {
  'on-device': (ctx) => (
    <OnDeviceSetup
      availability={ctx.facts.onDevice}
      target={ctx.target}
      download={ctx.downloadOnDevice}
      worker={ctx.worker}
      meanwhile={
        <p>
          Meanwhile you can open Xiaohongshu: labels, counts and dates are in English already; notes and comments follow as soon as the download ends, without
          reloading.
        </p>
      }
    />
  ),
  deepl: (ctx) => (
    <>
      <ol className="steps">
        <li>
          Sign up for <strong>DeepL API Free</strong> at <code>deepl.com/pro-api</code>: 500,000 characters a month, free of charge (DeepL asks for a card to
          check who you are).
        </li>
        <li>
          In your DeepL account, open <em>API Keys</em> and copy the key (a Free key ends in <code>:fx</code>).
        </li>
        <li>Paste it here: it is checked with DeepL at once, kept in this browser, and sent only to DeepL.</li>
      </ol>
      <KeySection worker={ctx.worker} hint={false} />
      <p className="hint">A Free key stops at 450,000 characters a month, so you are never charged; a Pro key is billed by DeepL, and the popup sets a monthly budget.</p>
    </>
  ),
  chat: (ctx) => <ChatModelSection worker={ctx.worker} />,
};

export function WelcomePage({ worker, downloadOnDevice }: WelcomePageProps) {
  const settings = useStoredItem(settingsItem);
  const deeplKey = useStoredItem(deeplKeyItem);
  const chat = useStoredItem(chatModelItem);
  const { status } = useWorkerStatus(worker);
  if (!settings) return <main className="popup wide welcome">Loading…</main>;

  const facts: ChoiceFacts = { onDevice: status?.onDevice, deeplKey, chat };
  const choices = orderChoices(CHOICES, facts);
  const chosen = CHOICES.find((c) => c.provider === settings.provider);
  const ready = Boolean(chosen?.ready(facts));
  const ctx: SetupContext = { worker, target: settings.targetLang, facts, downloadOnDevice };

  return (
    <main className="popup wide welcome">
      <header>
        <img src="/icon/48.png" alt="" width={40} height={40} />
        <h1>Welcome to RedNote Lens</h1>
      </header>
      <p className="lead">
        Read Xiaohongshu (小红书) in English: titles, notes, comments and the interface get an English line under the Chinese, and the platform’s slang is
        explained when you hover it. Labels, counts and dates are translated on your computer; for everything else, choose a translator.
      </p>

      <section aria-labelledby="step-translator">
        <h2 id="step-translator">1. Choose a translator</h2>
        <ul className="choices">
          {choices.map((choice, i) => {
            const works = choice.worksHere(facts);
            const selected = settings.provider === choice.provider;
            return (
              <li key={choice.provider} className={`choice${selected ? ' on' : ''}${works ? '' : ' off'}`}>
                <div className="choice-head">
                  <div>
                    <h3>
                      {choice.title}
                      {i === 0 && works && choices.length > 1 ? <span className="badge">Best here</span> : null}
                    </h3>
                    <p className="hint">{works ? choice.summary : 'Not in this browser (Chrome 138 or later on a desktop has it).'}</p>
                  </div>
                  {works ? (
                    selected ? (
                      choice.ready(facts) ? (
                        <span className="chosen ok">✓ Chosen, ready</span>
                      ) : (
                        <span className="chosen warn">Chosen: set it up below</span>
                      )
                    ) : (
                      <button type="button" onClick={() => void updateSettings({ provider: choice.provider })} aria-label={`Use ${choice.title}`}>
                        Use this
                      </button>
                    )
                  ) : null}
                </div>
                {selected && works ? SETUP[choice.provider]?.(ctx) : null}
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="step-open">
        <h2 id="step-open">2. Open Xiaohongshu</h2>
        <p role="status" className={ready ? 'ok' : 'warn'}>
          {ready
            ? `Ready: ${chosen!.title} translates notes and comments.`
            : 'No translator is ready yet: the site opens in Chinese with English labels, counts and dates, and one notice leads back here.'}
        </p>
        <p>
          {/* A tab of its own: this page stays, to come back to (a download going on, the key). */}
          <a className="button" href={SITE_START_URL} target="_blank" rel="noopener">
            Open Xiaohongshu
          </a>
        </p>
        <p className="hint">Alt+T or the small red button on the page switches translations on and off; the RedNote Lens button in the toolbar holds every setting.</p>
      </section>
    </main>
  );
}
