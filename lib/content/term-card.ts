// The card that explains a platform term on hover, in a shadow root; text only.
import type { GlossaryTerm } from '../glossary/types';
import { createClosedHost } from '../render/closed-host';

const CARD_CSS = `
:host { all: initial; position: fixed; z-index: 2147483001; }
.card { font: 13px/1.45 system-ui, sans-serif; color: #222; background: #fff; border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18);
  padding: 10px 12px; width: 260px; border-top: 3px solid #ff2442; }
.term { font-size: 18px; font-weight: 700; }
.pinyin { color: #ff2442; margin-left: 6px; }
.meaning { font-weight: 600; margin: 2px 0; }
.explanation { margin: 4px 0; color: #444; }
.example { color: #666; font-size: 12px; margin: 4px 0; }
label { display: flex; gap: 6px; align-items: center; font-size: 12px; color: #444; margin-top: 6px; cursor: pointer; }
@media (prefers-color-scheme: dark) { .card { background: #26262a; color: #eee; } .explanation { color: #ccc; } .example, label { color: #aaa; } }`;

export function createTermCard(doc: Document, onLearned: (term: string, learned: boolean) => void) {
  let host: HTMLElement | undefined;
  let parts: Record<'term' | 'pinyin' | 'meaning' | 'explanation' | 'example', HTMLElement> | undefined;
  let checkbox: HTMLInputElement | undefined;
  let current: GlossaryTerm | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;

  function build() {
    // Closed: the card shows which terms the reader has (and has learned); page scripts cannot read it.
    const made = createClosedHost(doc, 'card', CARD_CSS);
    host = made.host;
    const shadow = made.shadow;
    const card = doc.createElement('div');
    card.className = 'card';
    card.setAttribute('role', 'tooltip');
    const make = (tag: string, cls: string) => Object.assign(doc.createElement(tag), { className: cls });
    const head = make('div', '');
    parts = { term: make('span', 'term'), pinyin: make('span', 'pinyin'), meaning: make('div', 'meaning'), explanation: make('div', 'explanation'), example: make('div', 'example') };
    head.append(parts.term, parts.pinyin);
    const label = doc.createElement('label');
    checkbox = doc.createElement('input');
    checkbox.type = 'checkbox';
    checkbox.addEventListener('change', (e) => {
      if (e.isTrusted && current) onLearned(current.term, checkbox!.checked);
    });
    label.append(checkbox, doc.createTextNode('I know this one (stop underlining it)'));
    card.append(head, parts.meaning, parts.explanation, parts.example, label);
    card.addEventListener('mouseenter', () => clearTimeout(hideTimer));
    card.addEventListener('mouseleave', () => hide());
    shadow.append(card);
    doc.body.append(host);
  }

  function hide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (host) host.style.display = 'none';
      current = undefined;
    }, 250);
  }

  return {
    show(term: GlossaryTerm, rect: DOMRect, learned: boolean) {
      clearTimeout(hideTimer);
      if (!host?.isConnected) build();
      current = term;
      parts!.term.textContent = term.term;
      parts!.pinyin.textContent = term.pinyin;
      parts!.meaning.textContent = term.meaning;
      parts!.explanation.textContent = term.explanation;
      parts!.example.textContent = term.example.zh ? `${term.example.zh} — ${term.example.en}` : '';
      checkbox!.checked = learned;
      const view = doc.defaultView!;
      host!.style.display = 'block';
      host!.style.left = `${Math.min(Math.max(8, rect.left), view.innerWidth - 276)}px`;
      host!.style.top = rect.bottom + 180 < view.innerHeight ? `${rect.bottom + 6}px` : `${Math.max(8, rect.top - 186)}px`;
    },
    hide,
    get visibleTerm() {
      return current?.term;
    },
    remove() {
      host?.remove();
      host = undefined;
    },
  };
}
