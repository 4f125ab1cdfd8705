import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { GlossaryView } from '../../components/glossary/GlossaryView';
import { saveFile } from '../../components/glossary/save-file';
import { Popup } from '../../components/popup/Popup';
import { sendToWorker } from '../../lib/messaging/client';
import { downloadLanguagePack, findTranslatorApi } from '../../lib/translate/on-device';
import { WELCOME_PATH } from '../../lib/worker/welcome';
import './style.css';

const worker = { send: sendToWorker };

async function activeHost(): Promise<string | undefined> {
  // tab.url is visible for the site's tabs, where the content script's host access applies.
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  try {
    return tab?.url ? new URL(tab.url).host : undefined;
  } catch {
    return undefined;
  }
}

const downloadOnDevice = (target: string, onProgress: (share: number) => void) => downloadLanguagePack(findTranslatorApi(), target, onProgress);

const openInTab = () => void browser.runtime.openOptionsPage();
const openWelcome = () => void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH as '/options.html') });

createRoot(document.getElementById('root')!).render(
  <Popup worker={worker} activeHost={activeHost} downloadOnDevice={downloadOnDevice} openWelcome={openWelcome} glossary={<GlossaryView worker={worker} saveFile={saveFile} openInTab={openInTab} />} />,
);
