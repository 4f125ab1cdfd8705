// Text in images: the built extension's offscreen recogniser on the generated replica images
// (tests/support/ocr-images.ts), handed over as the worker hands them (the file's bytes). Character accuracy per image and
// overall, nothing read on the text-free cover, recognition time cold (models loading) and warm, and
// the extension's size with and without the models.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { IMAGE_CDN_MATCHES } from '../../lib/sites/xiaohongshu/hosts';
import { extensionWithHostsGranted } from '../../tests/e2e/chat-setup';
import { launchExtension, SITE, type ExtensionSession } from '../../tests/e2e/harness';
import { CDN, installCarousel, serveImages, slideTo } from '../../tests/e2e/image-carousel';
import { contentProbe } from '../../tests/e2e/soak';
import { EXTENSION_DIR, launchWithExtension, WEBGPU_SWITCHES } from '../../tests/support/browser';
import { charAccuracy } from '../../tests/support/char-accuracy';
import { drawScenes, groundTruth, SCENES } from '../../tests/support/ocr-images';
import type { BenchRow } from './table';
import { cpu } from './trace-cpu';

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
  // RNL_BENCH_WEBGPU=1: with SwiftShader's WebGPU adapter (software, on the CPU; no GPU here).
  const browser = await launchWithExtension({ args: process.env.RNL_BENCH_WEBGPU ? WEBGPU_SWITCHES : [] });
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
        const answer = (await (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ target: 'rnl-offscreen', type: 'ocr-image', image })) as Answer;
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
    const backend = await recogniser.evaluate(() => document.documentElement.dataset.ocrBackend);
    rows.push({ name: 'recognition, cold (first image: models load)', value: times[0]!, unit: 'ms', against: `1080×1440, onnxruntime on ${backend}; this machine: 2 cores shared with 4 other sessions` });
    const warm = [...times.slice(1), again.ms];
    rows.push({ name: 'recognition, warm (mean of the others)', value: warm.reduce((a, b) => a + b, 0) / warm.length, unit: 'ms', against: `per 1080×1440 image; range ${Math.round(Math.min(...warm))}–${Math.round(Math.max(...warm))} ms` });
    const modelFiles = (path: string) => /\/ocr$|\.wasm$/.test(path);
    rows.push({ name: 'extension size (chrome-mv3), with the models', value: sizeOf(EXTENSION_DIR) / 1e6, unit: 'MB', against: `models 15.6 MB + onnxruntime's WebAssembly runtime ${(sizeOf(join(EXTENSION_DIR, 'ocr'), (path) => !/\/ort-wasm[^/]*$/.test(path)) / 1e6).toFixed(1)} MB` });
    rows.push({ name: 'extension size without them', value: sizeOf(EXTENSION_DIR, modelFiles) / 1e6, unit: 'MB', against: 'the Firefox build has none (no text in images there)' });
  } finally {
    await browser.close();
  }
  return rows;
}

const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Wall time of each step of the reader's path (hover, click, two slides, the reads ahead) and the looks it took, so the run without ours does the same. */
interface Path {
  steps: Array<{ ms: number; looks: number }>;
}

/**
 * The replica note with a carousel of `names`, settled: the page's own text translated first (its work is
 * not counted), the content script started, then the page's load settled (fonts, images decoded, the
 * page's own timers).
 */
async function openNote(session: ExtensionSession, names: string[]) {
  const page = await session.openSite('/explore/66f0a1b2000000001e012345');
  await installCarousel(page, names.map((n) => `${CDN}/${n}.jpg`));
  // A string: no bundler helpers in the page.
  await page.waitForFunction("document.querySelector('#detail-title [data-rnl]') && !document.querySelector('.rnl-pending')");
  const probe = await contentProbe(page);
  for (let i = 0; !(await probe.evaluate<boolean>('typeof globalThis.__rnlImageText === "function"').catch(() => false)); i++) {
    if (i > 100) throw new Error('The content script did not start');
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(2_000);
  return { page, probe };
}

/**
 * One reader's path on the replica note's carousel of generated images: the pointer over the first image,
 * a click on *Translate image*, a slide to each image but the last; each step lasts until the English is on the image, or the
 * next image is read ahead and ready to show (the looks over CDP read no layout). Given `ours` (that
 * path's steps), the same without image translation: the pointer over the picture kept from our content
 * script, no click, the same slides, each step as long and with as many looks. The renderer's
 * main-thread CPU (trace thread times) for each of the path's three parts.
 */
async function readerPath(session: ExtensionSession, names: string[], ours?: Path) {
  const { page, probe } = await openNote(session, names);
  type Layer = { src: string; control: { x: number; y: number; width: number; height: number } };
  /** One look, the same few bytes with ours and without (the run without has no layers): how far the images are. */
  type Look = { layers: number; english: string[]; ready: string[] };
  const look = () => probe.evaluate<Look>('globalThis.__rnlImageProgress ? globalThis.__rnlImageProgress() : { layers: 0, english: [], ready: [] }');
  const layers = (measure = false) => probe.evaluate<Layer[]>(`globalThis.__rnlImageText ? globalThis.__rnlImageText(${measure}) : []`);
  const path: Path = { steps: [] };
  let step = 0;
  /** Until `done` (with ours), or as long and with as many looks as that step took with ours. */
  const until = async (done: (now: Look) => boolean) => {
    const start = Date.now();
    let looks = 0;
    const same = ours?.steps[step++];
    for (;;) {
      if (Date.now() - start > 90_000) throw new Error(`Step ${step} of the reader's path did not end in 90 s`);
      looks++;
      const now = await look();
      if (same ? looks >= same.looks && Date.now() - start >= same.ms : done(now)) break;
      await page.waitForTimeout(same ? Math.max(0, Math.min(100, same.ms - (Date.now() - start))) : 100);
    }
    path.steps.push({ ms: Date.now() - start, looks });
  };
  const englishOn = (name: string) => (now: Look) => now.english.some((src) => src.endsWith(`/${name}.jpg`));
  const image = page.locator('.note-slider img').first();
  const box = (await image.boundingBox())!;
  // Each slide read as a reader reads it: until the next image, read ahead meanwhile, is ready to show.
  const readyToShow = (name: string) => (now: Look) => now.ready.some((src) => src.endsWith(`/${name}.jpg`));
  /** The path in parts, each measured alone: the first image (asked by a click), then each slide but the last image's (read ahead). */
  const parts = [
    async () => {
      // The pointer over the picture in both runs (the page answers a hover with its own work). Without
      // ours, a listener of the page's, first in the capture phase, keeps the pointer's arrival from our
      // content script, so no control of ours is mounted.
      if (ours) await page.evaluate(() => window.addEventListener('pointerover', (event) => event.stopImmediatePropagation(), { capture: true }));
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await until((now) => now.layers > 0);
      // Our control clicked (its click does not reach the page); without ours, no click (a click on the
      // picture is the page's to answer: the replica's opens nothing, the site's may).
      const control = (await layers(true))[0]?.control;
      if (control) await page.mouse.click(control.x + control.width / 2, control.y + control.height / 2);
      await until(englishOn(names[0]!));
      await until(readyToShow(names[1]!));
    },
    ...names.slice(1, -1).map((name, i) => async () => {
      await slideTo(page, i + 1);
      await until(englishOn(name));
      await until(readyToShow(names[i + 2]!));
    }),
  ];
  const result: Array<Awaited<ReturnType<typeof cpu>>> = [];
  for (const part of parts) result.push(await cpu(page, part, SITE));
  await probe.detach();
  await page.close();
  return { path, cpu: result };
}

/**
 * The browser warmed before the two measured runs (the second run in a cold browser found its caches warm):
 * the note opened, the pointer over the picture (kept from our content script, as in the run without) and
 * the carousel slid to its end, without image translation.
 */
async function warmUp(session: ExtensionSession, names: string[]) {
  const { page, probe } = await openNote(session, names);
  await page.evaluate(() => window.addEventListener('pointerover', (event) => event.stopImmediatePropagation(), { capture: true }));
  const box = (await page.locator('.note-slider img').first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 1; i < names.length; i++) await slideTo(page, i);
  await probe.detach();
  await page.close();
}

/**
 * What one frame that paints anything costs the replica note's main thread, whoever paints: the page's
 * own carousel arrow recoloured, minus a frame that paints nothing (each: the change, two animation frames
 * and 50 ms; median of 9). It is the floor under each frame of ours: the first image shows three things
 * at three moments (the control, the click's *Reading…*, the English).
 */
async function pageFrameCost(session: ExtensionSession, names: string[]) {
  const { page, probe } = await openNote(session, names);
  await probe.detach();
  // Strings: no bundler helpers in the page.
  const frame = (change: string) => () => page.evaluate<void>(`new Promise((done) => { ${change}; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50))); })`);
  const recolour = "const a = document.querySelector('.swiper-button-next'); a.style.backgroundColor = a.style.backgroundColor === 'rgb(250, 250, 250)' ? 'rgb(255, 255, 255)' : 'rgb(250, 250, 250)'";
  const costs: number[] = [];
  for (let i = 0; i < 9; i++) costs.push((await cpu(page, frame(recolour), SITE)).total - (await cpu(page, frame(''), SITE)).total);
  await page.close();
  return medianOf(costs);
}

/**
 * The page's side in use: the built extension on a replica note whose carousel holds six generated
 * images; the reader clicks *Translate image* and slides to the fifth (the sixth is read ahead while the
 * fifth is shown). Our main-thread CPU for the first image and per further image: each part of the
 * path with image translation (the page's text translated before) minus the same part, as long and with
 * as many looks, without it (see readerPath), in the same browser, after a page that warms it (the
 * note opened and slid through without image translation, so neither run finds the browser cold);
 * median of `runs` browsers.
 */
export async function runOcrPageBench(runs = Number(process.env.RNL_BENCH_RUNS ?? 5), extensionDir?: string): Promise<BenchRow[]> {
  // Six images; the last is read ahead while the fifth is shown: each slide measured is one image shown and the next read ahead.
  const names = ['cover-headline', 'price-list', 'dense-slide', 'no-text', 'vertical', 'cover-serif'];
  const shown = names.length - 1;
  type Result = { first: number; further: number; total: number; sls: number; layout: number; style: number; firstMs: number; warmMs: number; frame: number };
  const results: Result[] = [];
  for (let run = 0; run < runs; run++) {
    // The image CDN's host access granted, as the reader's click on the options page's button would.
    const extension = extensionWithHostsGranted(IMAGE_CDN_MATCHES, extensionDir);
    const session = await launchExtension({ extensionDir: extension.dir });
    try {
      await serveImages(session.context, names);
      await warmUp(session, names);
      const on = await readerPath(session, names);
      const off = await readerPath(session, names, on.path);
      // The bench's looks (Runtime.evaluate over CDP: a script without a URL) are not the extension's: their own time left out on both sides.
      const looks = (part: (typeof on.cpu)[number]) => part.self.get('EvaluateScript ') ?? 0;
      const ours = (k: 'total' | 'sls' | 'layout' | 'style', i: number) => on.cpu[i]![k] - off.cpu[i]![k] - (k === 'total' || k === 'sls' ? looks(on.cpu[i]!) - looks(off.cpu[i]!) : 0);
      const sum = (k: 'total' | 'sls' | 'layout' | 'style') => on.cpu.reduce((n, _, i) => n + ours(k, i), 0);
      const r: Result = {
        first: ours('total', 0),
        // The median slide: one slide's figure is the difference of two runs' frames, each ±5 ms here.
        further: medianOf(on.cpu.slice(1).map((_, i) => ours('total', i + 1))),
        total: sum('total') / shown,
        sls: sum('sls') / shown,
        layout: sum('layout') / shown,
        style: sum('style') / shown,
        firstMs: on.path.steps[1]!.ms,
        // Steps: hover, click → English, the next ready, then per slide: slide → English, the next ready.
        warmMs: on.path.steps[5]!.ms,
        frame: await pageFrameCost(session, names),
      };
      results.push(r);
      if (process.env.RNL_BENCH_DETAIL) {
        on.cpu.forEach((part, i) => {
          const other = off.cpu[i]!;
          const keys = new Set([...part.self.keys(), ...other.self.keys()]);
          const rows = [...keys].filter((n) => !n.startsWith('#')).map((n) => [n, (part.self.get(n) ?? 0) - (other.self.get(n) ?? 0), other.self.get(n) ?? 0] as const);
          console.log(`part ${i + 1}: ours ${ours('total', i).toFixed(1)} ms`);
          for (const [n, d, alone] of rows.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 10)) console.log(`  ${d.toFixed(1).padStart(7)} ${alone.toFixed(1).padStart(7)}  ${n} (${part.self.get(`#${n}`) ?? 0} with ours, ${other.self.get(`#${n}`) ?? 0} without)`);
        });
      }
      console.log(`run ${run + 1}: ours: first image ${r.first.toFixed(1)} ms CPU, each further ${r.further.toFixed(1)} (${on.cpu.slice(1).map((_, i) => ours('total', i + 1).toFixed(1)).join(', ')}), per image over the ${shown} shown ${r.total.toFixed(1)} (script+layout+style ${r.sls.toFixed(1)}, layout ${r.layout.toFixed(1)}, style ${r.style.toFixed(1)}); a frame of the page's own ${r.frame.toFixed(1)}`);
    } finally {
      await session.close();
      extension.remove();
    }
  }
  const median = (k: keyof Result) => medianOf(results.map((r) => r[k]));
  const how = `CPU (trace thread times) of the page's renderer, with image translation minus the same steps and looks without it (the page's text translated in both); paint included; median of ${runs}; no pixel read on the page`;
  return [
    { name: `page main thread per image (a note of ${shown}, the first clicked)`, value: median('total'), unit: 'ms', against: `target < 5 ms; ${how}` },
    { name: '  the first image (hover, click)', value: median('first'), unit: 'ms', against: "once per note: the control on the pointer, the click's Reading…, the English (three frames of the page's), the next image read ahead" },
    { name: '  each further image (a slide)', value: median('further'), unit: 'ms', against: "the slide's English drawn ahead and shown in the page's own frame for the slide, the next image read ahead; the median slide of a run" },
    { name: '  of which script, layout, style (per image)', value: median('sls'), unit: 'ms', against: `layout ${median('layout').toFixed(1)} ms, style ${median('style').toFixed(1)} ms; the rest: paint, tasks' overhead` },
    { name: "  a frame of the page's own that paints (the floor under each of ours)", value: median('frame'), unit: 'ms', against: "the replica's carousel arrow recoloured, minus a frame that paints nothing; median of 9 in each browser" },
    { name: 'click → English on the first image', value: median('firstMs'), unit: 'ms', against: 'models loading + recognition + translation + drawing (local server, no latency)' },
    { name: 'slide → English on the third image', value: median('warmMs'), unit: 'ms', against: 'read ahead while the second was shown' },
  ];
}
