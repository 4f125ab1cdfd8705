// The sending side of the contract: content scripts and the popup talk to the worker only through here.
import { browser } from 'wxt/browser';
import type { Envelope, Request, ResponseFor, Segment, SegmentResult, WriteTranslation } from './contract';
import { MAX_CONTEXT_CHARS, MAX_SEGMENT_CHARS, MAX_SEGMENTS_PER_MESSAGE } from './limits';

export class WorkerUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The extension's background worker did not answer: ${String((cause as Error)?.message ?? cause)}`);
    this.name = 'WorkerUnavailableError';
  }
}

/** Send one request and unwrap the envelope. A worker that died mid-request rejects with WorkerUnavailableError. */
export async function sendToWorker<R extends Request>(request: R): Promise<ResponseFor<R>> {
  let envelope: Envelope<ResponseFor<R>> | undefined;
  try {
    envelope = (await browser.runtime.sendMessage(request)) as Envelope<ResponseFor<R>> | undefined;
  } catch (error) {
    throw new WorkerUnavailableError(error);
  }
  if (!envelope) throw new WorkerUnavailableError('no answer');
  if (!envelope.ok) throw new Error(envelope.error);
  return envelope.value;
}

/** Translate any number of segments: split into messages the contract allows, answers in input order. */
export async function requestTranslations(segments: readonly Segment[]): Promise<SegmentResult[]> {
  // Page text past the contract's limits is cut rather than refused (a 100 KB comment still
  // translates; a 5,000-character note title as context must not fail every comment under it).
  const fitted = segments.map((s) => ({
    ...s,
    text: s.text.slice(0, MAX_SEGMENT_CHARS),
    ...(s.context === undefined ? {} : { context: s.context.slice(0, MAX_CONTEXT_CHARS) }),
  }));
  const chunks: Segment[][] = [];
  for (let i = 0; i < fitted.length; i += MAX_SEGMENTS_PER_MESSAGE) {
    chunks.push(fitted.slice(i, i + MAX_SEGMENTS_PER_MESSAGE));
  }
  const online = globalThis.navigator?.onLine;
  const answers = await Promise.all(chunks.map((chunk) => sendToWorker({ type: 'translate', segments: chunk, ...(online === undefined ? {} : { online }) })));
  return answers.flatMap((answer) => answer.results);
}

/** The reader said continue after the worker paused this tab for an unusual amount of text. */
export async function continueTranslating(): Promise<void> {
  await sendToWorker({ type: 'continue-translating' });
}

/** The reader's English written in Chinese, with its back-translation (after the reader's own click). */
export function writeInChinese(text: string, platformWords = false): Promise<WriteTranslation> {
  const online = globalThis.navigator?.onLine;
  return sendToWorker({ type: 'write-translate', text, platformWords, ...(online === undefined ? {} : { online }) });
}
