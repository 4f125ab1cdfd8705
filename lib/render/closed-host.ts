// Our own UI on the page (notices, the switch, the term card, the write-back control) lives in a
// closed shadow root under an element marked as ours: the page can neither read nor restyle it, and
// our observers skip it. Its style goes first.
import { OURS } from './render';

export function createClosedHost(doc: Document, name: string, css: string): { host: HTMLDivElement; shadow: ShadowRoot } {
  const host = doc.createElement('div');
  host.setAttribute(OURS, name);
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = css;
  shadow.append(style);
  return { host, shadow };
}
