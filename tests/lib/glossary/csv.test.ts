import { expect, test } from 'vitest';
import { CSV_TOO_LARGE, MAX_CSV_BYTES, parseCsv, toAnkiTsv, toCsv } from '../../../lib/glossary/csv';
import { BUILTIN_TERMS } from '../../../lib/glossary/terms';

test('CSV round-trips every built-in term', () => {
  const { terms, errors } = parseCsv(toCsv(BUILTIN_TERMS));
  expect(errors).toEqual([]);
  expect(terms.map(({ custom: _, ...t }) => t)).toEqual(BUILTIN_TERMS);
});

test('cells a spreadsheet would run as formulas are defused, and come back as typed', () => {
  const csv = toCsv([{ ...BUILTIN_TERMS[0]!, meaning: '=HYPERLINK("x")' }]);
  expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
  expect(parseCsv(csv).terms[0]!.meaning).toBe('=HYPERLINK("x")');
});

test('Anki file: header lines, tab-separated, one card a term', () => {
  const lines = toAnkiTsv(BUILTIN_TERMS).trim().split('\n');
  expect(lines.slice(0, 3)).toEqual(['#separator:tab', '#html:false', '#columns:Front\tBack\tTags']);
  const card = lines.find((l) => l.startsWith('种草 (zhòng cǎo)'))!;
  expect(card.split('\t')).toHaveLength(3);
  expect(card).toContain('rednote-lens shopping');
});

test('import keeps good rows and says precisely what is wrong with each bad row', () => {
  const csv = ['term,meaning,category,pinyin', '上头,hooked,slang,shàng tóu', ',no term,slang,', '破防,,slang,', '吃瓜,gossip,gossip,', '上头,again,slang,', '"多行\n词",x,slang,'].join('\n');
  const { terms, errors } = parseCsv(csv);
  expect(terms.map((t) => t.term)).toEqual(['上头']);
  expect(errors.map((e) => e.message)).toEqual([
    'Row 3: the term is empty.',
    'Row 4: "破防" has no meaning.',
    'Row 5: unknown category "gossip" (use platform, shopping, lifestyle, addressing, slang, abbreviation).',
    'Row 6: "上头" appears twice.',
    'Row 7: the term or its meaning spans several lines.',
  ]);
  expect(parseCsv('word,translation\n种草,recommend').errors[0]!.message).toMatch(/at least "term" and "meaning"/);
});

test('invisible controls are dropped from every field (a right-to-left override would show in the term card)', () => {
  const { terms, errors } = parseCsv('term,meaning,explanation\n\u202e躺赢\u200b,win \u202eylisae,\u2066said\u2069 of\ufeff luck\n');
  expect(errors).toEqual([]);
  expect(terms[0]).toMatchObject({ term: '躺赢', meaning: 'win ylisae', explanation: 'said of luck' });
});

test('a file past MAX_CSV_BYTES is refused whole, with the reason', () => {
  const big = 'term,meaning\n' + '躺赢,win easily\n'.repeat(MAX_CSV_BYTES / 10);
  expect(parseCsv(big)).toEqual({ terms: [], errors: [{ row: 1, message: CSV_TOO_LARGE }] });
});
