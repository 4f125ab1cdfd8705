// The glossary with room to read: the same component as the popup's tab.
import { createRoot } from 'react-dom/client';
import { GlossaryView } from '../../components/glossary/GlossaryView';
import { saveFile } from '../../components/glossary/save-file';
import { ChatModelSection } from '../../components/options/ChatModelSection';
import { ServerSection } from '../../components/options/ServerSection';
import { sendToWorker } from '../../lib/messaging/client';
import '../popup/style.css';

createRoot(document.getElementById('root')!).render(
  <main className="popup wide">
    <header>
      <img src="/icon/48.png" alt="" width={32} height={32} />
      <h1>RedNote Lens glossary: the words of Xiaohongshu</h1>
    </header>
    <ChatModelSection worker={{ send: sendToWorker }} />
    <ServerSection worker={{ send: sendToWorker }} />
    <GlossaryView worker={{ send: sendToWorker }} saveFile={saveFile} />
  </main>,
);
