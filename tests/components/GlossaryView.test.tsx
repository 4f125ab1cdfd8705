// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GlossaryView } from '../../components/glossary/GlossaryView';
import type { WorkerClient } from '../../components/popup/worker-client';
import { learnedItem, userTermsItem } from '../../lib/storage/glossary';
import { BUILTIN_TERMS } from '../../lib/glossary/terms';

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

function setup(send: WorkerClient['send'] = vi.fn(async () => ({ ok: true, glossaryId: 'g1', entries: 170 })) as WorkerClient['send']) {
  const saveFile = vi.fn();
  render(<GlossaryView worker={{ send }} saveFile={saveFile} />);
  return { saveFile, send };
}
const list = () => screen.getByRole('list', { name: /^[\d,]+ terms?$/ });
const shownTerms = () => within(list()).queryAllByRole('listitem').map((li) => li.querySelector('.term')?.textContent);

describe('GlossaryView', () => {
  test('lists every term, and finds 种草 by toneless pinyin', async () => {
    setup();
    await waitFor(() => expect(shownTerms()).toHaveLength(BUILTIN_TERMS.length));
    await userEvent.type(screen.getByLabelText('Search the glossary'), 'zhongcao');
    expect(shownTerms()[0]).toBe('种草');
    expect(within(list()).getAllByRole('listitem')[0]!.textContent).toContain('zhòng cǎo');
  });

  test('filters by category and hides learned terms', async () => {
    setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Abbreviations' }));
    expect(shownTerms()).toContain('yyds');
    expect(shownTerms()).not.toContain('种草');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Learned yyds' }));
    await waitFor(async () => expect(await learnedItem.getValue()).toEqual(['yyds']));
    await userEvent.click(screen.getByRole('checkbox', { name: /Hide learned/ }));
    expect(shownTerms()).not.toContain('yyds');
  });

  test('add and delete an own term', async () => {
    setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Add a term' }));
    const form = screen.getByRole('form', { name: 'New term' });
    await userEvent.type(within(form).getByLabelText('Characters'), '躺赢');
    await userEvent.type(within(form).getByLabelText('Meaning'), 'win without trying');
    await userEvent.click(within(form).getByRole('button', { name: 'Save term' }));
    await waitFor(async () => expect((await userTermsItem.getValue()).map((t) => t.term)).toEqual(['躺赢']));
    await userEvent.type(screen.getByLabelText('Search the glossary'), '躺赢');
    await userEvent.click(await screen.findByRole('button', { name: 'Delete 躺赢' }));
    await waitFor(async () => expect(await userTermsItem.getValue()).toEqual([]));
  });

  test('a term needs a meaning', async () => {
    setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Add a term' }));
    await userEvent.type(screen.getByLabelText('Characters'), '躺赢');
    await userEvent.click(screen.getByRole('button', { name: 'Save term' }));
    expect(screen.getByRole('alert').textContent).toBe('A term needs its characters and a meaning.');
  });

  test('exports CSV and Anki files', async () => {
    const { saveFile } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    await userEvent.click(screen.getByRole('button', { name: 'Export for Anki' }));
    expect(saveFile.mock.calls.map((c) => c[0])).toEqual(['rednote-lens-glossary.csv', 'rednote-lens-anki.txt']);
    expect(saveFile.mock.calls[0]![1]).toContain('种草,zhòng cǎo');
  });

  test('imports a CSV: good rows added, each bad row explained', async () => {
    setup();
    const file = new File(['term,meaning,category\n躺赢,win easily,slang\n,missing term,slang\n上分,rank up,games\n'], 'mine.csv', { type: 'text/csv' });
    await userEvent.upload(await screen.findByLabelText('Import CSV'), file);
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Imported 1 term.');
    expect(status.textContent).toContain('Row 3: the term is empty.');
    expect(status.textContent).toContain('Row 4: unknown category "games"');
    expect((await userTermsItem.getValue()).map((t) => t.term)).toEqual(['躺赢']);
  });

  test('an import too large for storage is refused before reading, and a failed save is shown', async () => {
    setup();
    const input = await screen.findByLabelText('Import CSV');
    const huge = new File(['term,meaning\n'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(huge, 'size', { value: 28 * 1024 * 1024 }); // 200,000 rows
    await userEvent.upload(input, huge);
    expect((await screen.findByRole('status')).textContent).toContain('larger than 1 MB');
    vi.spyOn(userTermsItem, 'setValue').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await userEvent.upload(input, new File(['term,meaning\n躺赢,win easily\n'], 'mine.csv', { type: 'text/csv' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('could not be saved (QUOTA_BYTES quota exceeded)'));
    expect(await userTermsItem.getValue()).toEqual([]);
  });

  test('sends the glossary to DeepL on request and says what happened', async () => {
    const { send } = setup();
    await userEvent.click(await screen.findByRole('button', { name: 'Use with DeepL' }));
    expect(send).toHaveBeenCalledWith({ type: 'sync-glossary' });
    expect((await screen.findByRole('status')).textContent).toContain('DeepL now uses your glossary (170 terms)');
  });

  test('one term is "1 term"', async () => {
    setup(vi.fn(async () => ({ ok: true, glossaryId: 'g1', entries: 1 })) as WorkerClient['send']);
    await userEvent.click(await screen.findByRole('button', { name: 'Use with DeepL' }));
    expect((await screen.findByRole('status')).textContent).toContain('DeepL now uses your glossary (1 term)');
  });
});
