// The glossary to learn from: search (characters, pinyin with or without tones, English), filter by
// category, mark as learned, your own terms, export for spreadsheets and Anki, import a CSV.
import { useId, useMemo, useState } from 'react';
import { CSV_TOO_LARGE, MAX_CSV_BYTES, parseCsv, toAnkiTsv, toCsv } from '../../lib/glossary/csv';
import { searchTerms } from '../../lib/glossary/search';
import { mergeTerms } from '../../lib/glossary/merge';
import { countOf } from '../../lib/format/plural';
import { addOrUpdateUserTerms, deleteUserTerm, setLearned } from '../../lib/storage/glossary';
import { CATEGORY_LABELS, TERM_CATEGORIES, type GlossaryTerm, type TermCategory } from '../../lib/glossary/types';
import { learnedItem, userTermsItem } from '../../lib/storage/items';
import { useStoredItem } from '../popup/useStoredItem';
import type { WorkerClient } from '../popup/worker-client';
import { TermForm } from './TermForm';

export interface GlossaryViewProps {
  worker: WorkerClient;
  /** Save a file (a download in the browser). */
  saveFile(name: string, content: string, type: string): void;
  openInTab?(): void;
}

export function GlossaryView({ worker, saveFile, openInTab }: GlossaryViewProps) {
  const userTerms = useStoredItem(userTermsItem) ?? NONE;
  const learnedList = useStoredItem(learnedItem) ?? EMPTY;
  const learned = useMemo(() => new Set(learnedList), [learnedList]);
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<TermCategory | undefined>();
  const [hideLearned, setHideLearned] = useState(false);
  const [editing, setEditing] = useState<GlossaryTerm | 'new' | undefined>();
  const [notice, setNotice] = useState<{ tone: 'ok' | 'bad'; lines: string[] } | undefined>();
  const searchId = useId();
  const all = useMemo(() => mergeTerms(userTerms), [userTerms]);
  const shown = searchTerms(all, query, { category, learned, hideLearned });

  async function importFile(file: File) {
    if (file.size > MAX_CSV_BYTES) return setNotice({ tone: 'bad', lines: [CSV_TOO_LARGE] });
    const { terms, errors } = parseCsv(await file.text());
    try {
      if (terms.length) await addOrUpdateUserTerms(terms);
    } catch (e) {
      return setNotice({ tone: 'bad', lines: [`Nothing was imported: the terms could not be saved (${String((e as Error)?.message ?? e)}).`] });
    }
    setNotice({ tone: errors.length ? 'bad' : 'ok', lines: [`Imported ${countOf(terms.length, 'term')}.`, ...errors.map((e) => e.message)] });
  }

  async function sendToDeepl() {
    try {
      const answer = await worker.send({ type: 'sync-glossary' });
      setNotice(answer.ok ? { tone: 'ok', lines: [`DeepL now uses your glossary (${countOf(answer.entries, 'term')}) for Chinese → English.`] } : { tone: 'bad', lines: [answer.message] });
    } catch (e) {
      setNotice({ tone: 'bad', lines: [String((e as Error)?.message ?? e)] });
    }
  }

  return (
    <section className="glossary" aria-label="Glossary">
      <div className="glossary-tools">
        <label htmlFor={searchId} className="visually-hidden">
          Search the glossary
        </label>
        <input id={searchId} type="search" placeholder="Search: 种草, zhongcao, recommend…" value={query} onChange={(e) => setQuery(e.target.value)} />
        <div className="chips" role="group" aria-label="Category">
          <button type="button" aria-pressed={!category} onClick={() => setCategory(undefined)}>
            All
          </button>
          {TERM_CATEGORIES.map((c) => (
            <button key={c} type="button" aria-pressed={category === c} onClick={() => setCategory(category === c ? undefined : c)}>
              {CATEGORY_LABELS[c]}
            </button>
          ))}
        </div>
        <label className="check">
          <input type="checkbox" checked={hideLearned} onChange={(e) => setHideLearned(e.target.checked)} />
          Hide learned ({learned.size} of {all.length})
        </label>
      </div>

      <div className="glossary-files">
        <button type="button" onClick={() => setEditing('new')}>
          Add a term
        </button>
        <button type="button" className="secondary" onClick={() => saveFile('rednote-lens-glossary.csv', toCsv(all), 'text/csv')}>
          Export CSV
        </button>
        <button type="button" className="secondary" onClick={() => saveFile('rednote-lens-anki.txt', toAnkiTsv(all), 'text/plain')}>
          Export for Anki
        </button>
        <label className="file-button">
          Import CSV
          <input type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
        </label>
        <button type="button" className="secondary" onClick={() => void sendToDeepl()}>
          Use with DeepL
        </button>
        {openInTab ? (
          <button type="button" className="link" onClick={openInTab}>
            Open in a tab
          </button>
        ) : null}
      </div>

      {notice ? (
        <div role="status" className={`notice ${notice.tone}`}>
          {notice.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      ) : null}

      {editing ? (
        <TermForm
          initial={editing === 'new' ? undefined : editing}
          existing={all}
          onCancel={() => setEditing(undefined)}
          onSave={async (term) => {
            await addOrUpdateUserTerms([term]);
            setEditing(undefined);
          }}
        />
      ) : null}

      <ul className="terms" aria-label={countOf(shown.length, 'term')}>
        {shown.map((t) => (
          <li key={t.term} className={learned.has(t.term) ? 'learned' : ''}>
            <div className="term-head">
              <span className="term" lang="zh-CN">
                {t.term}
              </span>
              {t.pinyin ? <span className="pinyin">{t.pinyin}</span> : null}
              <span className="meaning">{t.meaning}</span>
            </div>
            <p className="explanation">{t.explanation}</p>
            {t.example.zh ? (
              <p className="example">
                <span lang="zh-CN">{t.example.zh}</span> — {t.example.en}
              </p>
            ) : null}
            <div className="term-actions">
              <label className="check">
                <input type="checkbox" checked={learned.has(t.term)} onChange={(e) => void setLearned(t.term, e.target.checked)} aria-label={`Learned ${t.term}`} />
                Learned
              </label>
              <button type="button" className="link" onClick={() => setEditing(t)} aria-label={`Edit ${t.term}`}>
                Edit
              </button>
              {t.custom ? (
                <button type="button" className="link" onClick={() => void deleteUserTerm(t.term)} aria-label={`Delete ${t.term}`}>
                  Delete
                </button>
              ) : null}
            </div>
          </li>
        ))}
        {!shown.length ? <li className="empty">No term matches. Add your own below.</li> : null}
      </ul>

    </section>
  );
}

const EMPTY: string[] = [];
const NONE: GlossaryTerm[] = [];
