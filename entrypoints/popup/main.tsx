import { createRoot } from 'react-dom/client';

function Popup() {
  return <main>RedNote Lens</main>;
}

createRoot(document.getElementById('root')!).render(<Popup />);
