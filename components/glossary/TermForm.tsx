// Add or edit one of your own terms.
import { useId, useState } from 'react';
import { CATEGORY_LABELS, TERM_CATEGORIES, type GlossaryTerm, type TermCategory } from '../../lib/glossary/types';

export function TermForm({ initial, existing, onSave, onCancel }: { initial?: GlossaryTerm; existing: readonly GlossaryTerm[]; onSave(term: GlossaryTerm): Promise<void>; onCancel(): void }) {
  const [term, setTerm] = useState(initial?.term ?? '');
  const [pinyin, setPinyin] = useState(initial?.pinyin ?? '');
  const [meaning, setMeaning] = useState(initial?.meaning ?? '');
  const [explanation, setExplanation] = useState(initial?.explanation ?? '');
  const [category, setCategory] = useState<TermCategory>(initial?.category ?? 'slang');
  const [error, setError] = useState<string>();
  const id = useId();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const t = term.trim();
    if (!t || !meaning.trim()) return setError('A term needs its characters and a meaning.');
    if (!initial && existing.some((e) => e.term === t && e.custom)) return setError(`You already have “${t}”.`);
    await onSave({ term: t, pinyin: pinyin.trim(), literal: initial?.literal ?? '', meaning: meaning.trim(), explanation: explanation.trim(), category, example: initial?.example ?? { zh: '', en: '' }, custom: true });
  }

  return (
    <form className="term-form" onSubmit={submit} aria-label={initial ? `Edit ${initial.term}` : 'New term'}>
      <label htmlFor={`${id}-term`}>Characters</label>
      <input id={`${id}-term`} value={term} onChange={(e) => setTerm(e.target.value)} readOnly={Boolean(initial)} lang="zh-CN" />
      <label htmlFor={`${id}-pinyin`}>Pinyin</label>
      <input id={`${id}-pinyin`} value={pinyin} onChange={(e) => setPinyin(e.target.value)} />
      <label htmlFor={`${id}-meaning`}>Meaning</label>
      <input id={`${id}-meaning`} value={meaning} onChange={(e) => setMeaning(e.target.value)} />
      <label htmlFor={`${id}-explanation`}>Explanation</label>
      <input id={`${id}-explanation`} value={explanation} onChange={(e) => setExplanation(e.target.value)} />
      <label htmlFor={`${id}-category`}>Category</label>
      <select id={`${id}-category`} value={category} onChange={(e) => setCategory(e.target.value as TermCategory)}>
        {TERM_CATEGORIES.map((c) => (
          <option key={c} value={c}>
            {CATEGORY_LABELS[c]}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="bad">
          {error}
        </p>
      ) : null}
      <div className="row">
        <button type="submit">Save term</button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
