// The options page: the glossary with room to read (the same component as the popup's tab), or, at
// #welcome, the welcome page (opened on install; the options page's trust lets it say where a key goes).
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { GlossaryView } from '../../components/glossary/GlossaryView';
import { saveFile } from '../../components/glossary/save-file';
import { ChatModelSection } from '../../components/options/ChatModelSection';
import { ImageAccessSection } from '../../components/options/ImageAccessSection';
import { ServerSection } from '../../components/options/ServerSection';
import { WelcomePage } from '../../components/welcome/WelcomePage';
import { sendToWorker } from '../../lib/messaging/client';
import { downloadLanguagePack, findTranslatorApi } from '../../lib/translate/on-device';
import '../popup/style.css';

const worker = { send: sendToWorker };
const downloadOnDevice = (target: string, onProgress: (share: number) => void) => downloadLanguagePack(findTranslatorApi(), target, onProgress);
const isWelcome = () => location.hash === '#welcome';

function OptionsPage() {
  const [welcome, setWelcome] = useState(isWelcome);
  useEffect(() => {
    const follow = () => setWelcome(isWelcome());
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);
  useEffect(() => {
    document.title = welcome ? 'Welcome to RedNote Lens' : 'RedNote Lens — settings and glossary';
  }, [welcome]);
  if (welcome) return <WelcomePage worker={worker} downloadOnDevice={downloadOnDevice} />;
  return (
    <main className="popup wide">
      <header>
        <img src="/icon/48.png" alt="" width={32} height={32} />
        <h1>RedNote Lens settings</h1>
      </header>
      <p className="hint">
        Choosing a translator from the start: <a href="#welcome">the welcome page</a>. The popup (the toolbar button) holds the display mode and what to translate.
      </p>
      <h2>Translators</h2>
      <ChatModelSection worker={worker} />
      <ServerSection worker={worker} />
      {/* Chrome only: Firefox has no offscreen documents, so no text in images. */}
      {import.meta.env.BROWSER !== 'firefox' && (
        <>
          <h2>Text in images</h2>
          <ImageAccessSection />
        </>
      )}
      <h2>Glossary: the words of Xiaohongshu</h2>
      <GlossaryView worker={worker} saveFile={saveFile} />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<OptionsPage />);
