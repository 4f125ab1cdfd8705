// The worker's request to the offscreen document (Chrome), where the text in images is recognised.
import * as v from 'valibot';
import type { ImageText } from '../ocr/index';

export type { ImageText };

export const OcrRequestSchema = v.object({
  target: v.literal('rnl-offscreen'),
  type: v.literal('recognise-image'),
  url: v.pipe(v.string(), v.maxLength(4_000)),
});
export type OcrRequest = v.InferOutput<typeof OcrRequestSchema>;

export const isOcrRequest = (message: unknown): message is OcrRequest => v.is(OcrRequestSchema, message);
