// The glossary as files: CSV (spreadsheets, re-import), Anki (flashcards), and CSV import with a
// clear message for every row that cannot be used.
import { withoutControls } from '../detect/chinese';
import { TERM_CATEGORIES, type GlossaryTerm, type TermCategory } from './types';

export const CSV_COLUMNS = ['term', 'pinyin', 'literal', 'meaning', 'explanation', 'category', 'example_zh', 'example_en'] as const;
const MAX_FIELD = 500;
/**
 * The largest CSV imported: thousands of terms, far below extension storage's 10 MB (200,000 rows
 * are 28 MB, and the save would fail).
 */
export const MAX_CSV_BYTES = 1024 * 1024;
export const CSV_TOO_LARGE = `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it and import the parts.`;

/** Cells that a spreadsheet would run as a formula get a leading apostrophe. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const row = (t: GlossaryTerm) => [t.term, t.pinyin, t.literal, t.meaning, t.explanation, t.category, t.example.zh, t.example.en];

export function toCsv(terms: readonly GlossaryTerm[]): string {
  return [CSV_COLUMNS.join(','), ...terms.map((t) => row(t).map(cell).join(','))].join('\r\n') + '\r\n';
}

/** Anki's text import: tab-separated, header lines say how to read it. Front: term and pinyin; back: the rest. */
export function toAnkiTsv(terms: readonly GlossaryTerm[]): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  const lines = terms.map((t) =>
    [
      clean(t.pinyin ? `${t.term} (${t.pinyin})` : t.term),
      clean(`${t.meaning} — ${t.explanation} Example: ${t.example.zh} — ${t.example.en}`),
      `rednote-lens ${t.category}`,
    ].join('\t'),
  );
  return ['#separator:tab', '#html:false', '#columns:Front\tBack\tTags', '#tags column:3', ...lines].join('\n') + '\n';
}

/** RFC 4180 records (quoted fields may hold commas, quotes and newlines). */
function parseRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field || record.length) record.push(field), records.push(record);
  return records.filter((r) => r.some((f) => f.trim()));
}

export interface ImportResult {
  terms: GlossaryTerm[];
  errors: Array<{ row: number; message: string }>;
}

/** Read a CSV with a header row (at least `term` and `meaning`); good rows are kept, bad rows say why. */
export function parseCsv(text: string): ImportResult {
  if (text.length > MAX_CSV_BYTES) return { terms: [], errors: [{ row: 1, message: CSV_TOO_LARGE }] };
  const records = parseRecords(text.replace(/^\uFEFF/, ''));
  const result: ImportResult = { terms: [], errors: [] };
  if (!records.length) return { terms: [], errors: [{ row: 1, message: 'The file is empty.' }] };
  const header = records[0]!.map((h) => h.trim().toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('term') < 0 || col('meaning') < 0) return { terms: [], errors: [{ row: 1, message: 'The first row must name the columns, with at least "term" and "meaning".' }] };
  const seen = new Set<string>();
  records.slice(1).forEach((fields, index) => {
    const rowNumber = index + 2;
    // Invisible controls (right-to-left overrides, zero-width spaces) dropped, as from page text and translations.
    const get = (name: string) => (col(name) >= 0 ? withoutControls(fields[col(name)] ?? '').trim().replace(/^'(?=[=+\-@])/, '') : '');
    const term = get('term');
    const meaning = get('meaning');
    const category = (get('category') || 'slang').toLowerCase();
    const values = [term, meaning, get('pinyin'), get('literal'), get('explanation'), get('example_zh'), get('example_en')];
    let problem: string | undefined;
    if (!term) problem = 'the term is empty';
    else if (!meaning) problem = `"${term}" has no meaning`;
    else if (values.some((v) => v.length > MAX_FIELD)) problem = `a field is longer than ${MAX_FIELD} characters`;
    else if (values.some((v) => /[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/.test(v))) problem = 'a field holds control characters';
    else if (/[\t\r\n]/.test(term + meaning)) problem = 'the term or its meaning spans several lines';
    else if (!(TERM_CATEGORIES as readonly string[]).includes(category)) problem = `unknown category "${category}" (use ${TERM_CATEGORIES.join(', ')})`;
    else if (seen.has(term)) problem = `"${term}" appears twice`;
    if (problem) {
      result.errors.push({ row: rowNumber, message: `Row ${rowNumber}: ${problem}.` });
      return;
    }
    seen.add(term);
    result.terms.push({
      term,
      pinyin: get('pinyin'),
      literal: get('literal'),
      meaning,
      explanation: get('explanation'),
      category: category as TermCategory,
      example: { zh: get('example_zh'), en: get('example_en') },
      custom: true,
    });
  });
  return result;
}
