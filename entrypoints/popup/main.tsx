import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { GlossaryView } from '../../components/glossary/GlossaryView';
import { saveFile } from '../../components/glossary/save-file';
import { Popup } from '../../components/popup/Popup';
import { sendToWorker } from '../../lib/messaging/client';
import { findTranslatorApi } from '../../lib/translate/on-device';
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

async function downloadOnDevice() {
  const api = findTranslatorApi();
  if (!api) throw new Error('no on-device translator in this browser');
  await api.create({ sourceLanguage: 'zh', targetLanguage: 'en' });
}

const openInTab = () => void browser.runtime.openOptionsPage();

createRoot(document.getElementById('root')!).render(
  <Popup worker={worker} activeHost={activeHost} downloadOnDevice={downloadOnDevice} glossary={<GlossaryView worker={worker} saveFile={saveFile} openInTab={openInTab} />} />,
);
