// Text in images: the built extension's offscreen recogniser on the generated replica images
// (tests/support/ocr-images.ts), handed over as the worker hands them (the file's bytes). Character accuracy per image and
// overall, nothing read on the text-free cover, recognition time cold (models loading) and warm, and
// the extension's size with and without the models.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, launchWithExtension } from '../../tests/support/browser';
import { charAccuracy } from '../../tests/support/char-accuracy';
import { drawScenes, groundTruth, SCENES } from '../../tests/support/ocr-images';
import type { BenchRow } from './table';


function sizeOf(dir: string, skip: (path: string) => boolean = () => false): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    if (skip(path)) return sum;
    return sum + (statSync(path).isDirectory() ? sizeOf(path, skip) : statSync(path).size);
  }, 0);
}

interface Answer {
  ok: boolean;
  value?: { lines: Array<{ text: string; confidence: number }> };
  error?: string;
}

export async function runOcrBench(log = false): Promise<BenchRow[]> {
  const browser = await launchWithExtension({});
  const rows: BenchRow[] = [];
  try {
    const blank = await browser.context.newPage();
    const images = await drawScenes(blank);
    // The offscreen document's page, opened as a tab (the worker opens it offscreen in use), and
    // another page of ours to send it the worker's request.
    const recogniser = await browser.context.newPage();
    await recogniser.goto(`chrome-extension://${browser.extensionId}/offscreen.html`);
    const sender = await browser.context.newPage();
    await sender.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const recognise = (name: string) =>
      sender.evaluate(async (image) => {
        const start = performance.now();
        const answer = (await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ target: 'rnl-offscreen', type: 'recognise-image', image })) as Answer;
        return { answer, ms: performance.now() - start };
      }, images.get(name)!.split(',')[1]!);

    let chars = 0;
    let errors = 0;
    const times: number[] = [];
    for (const scene of SCENES) {
      const { answer, ms } = await recognise(scene.name);
      if (!answer.ok) throw new Error(`${scene.name}: ${answer.error}`);
      times.push(ms);
      const read = answer.value!.lines.map((l) => l.text);
      const truth = groundTruth(scene);
      const score = charAccuracy(truth, read);
      if (log) console.log(scene.name, JSON.stringify(read));
      if (truth.length) {
        chars += score.chars;
        errors += score.errors;
        rows.push({ name: `${scene.name}: character accuracy`, value: score.accuracy * 100, unit: '%', against: `≥ 95 %; ${score.errors} errors in ${score.chars} characters, lines in reading order` });
      } else {
        rows.push({ name: `${scene.name}: characters read`, value: read.join('').length, unit: 'chars', against: '0: nothing invented on a cover without text' });
      }
    }
    rows.push({ name: 'all images with text: character accuracy', value: (1 - errors / chars) * 100, unit: '%', against: `≥ 95 %; ${chars} characters` });
    const again = await recognise(SCENES[0]!.name);
    rows.push({ name: 'recognition, cold (first image: models load)', value: times[0]!, unit: 'ms', against: '1080×1440, WebAssembly SIMD, one thread; this machine: 2 cores shared with 4 other sessions' });
    const warm = [...times.slice(1), again.ms];
    rows.push({ name: 'recognition, warm (mean of the others)', value: warm.reduce((a, b) => a + b, 0) / warm.length, unit: 'ms', against: `per 1080×1440 image; range ${Math.round(Math.min(...warm))}–${Math.round(Math.max(...warm))} ms` });
    const modelFiles = (path: string) => /\/ocr$|\.wasm$/.test(path);
    rows.push({ name: 'extension size (chrome-mv3), with the models', value: sizeOf(EXTENSION_DIR) / 1e6, unit: 'MB', against: 'models 15.6 MB + onnxruntime WebAssembly 14.2 MB' });
    rows.push({ name: 'extension size without them', value: sizeOf(EXTENSION_DIR, modelFiles) / 1e6, unit: 'MB', against: 'the Firefox build has none (no text in images there)' });
  } finally {
    await browser.close();
  }
  return rows;
}
