// The layers ARCHITECTURE.md describes, checked: which folder of lib/ may import which. A module
// imports from its own layer or below; the page side and the worker side never import each other
// (the key, the queue and the provider stay out of the content script's bundle).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

/** Layer of each lib/ folder, bottom (0) to top. */
const LAYER: Record<string, number> = {
  core: 0, // error vocabulary, retry policy, provider types
  detect: 1,
  sites: 1,
  format: 2,
  settings: 2, // the settings' shape and defaults (no storage)
  messaging: 2,
  glossary: 2,
  cache: 2,
  usage: 2,
  ocr: 1, // text in images: pre- and post-processing of the OCR models, their runtime (offscreen document)
  render: 3,
  translate: 3, // the provider contract, queue, service
  deepl: 4, // a provider
  chat: 4, // a provider: any OpenAI-compatible chat-completions endpoint
  storage: 5, // every stored item; it names the shapes of the layers below
  worker: 6,
  content: 6,
};
const PAGE_SIDE = new Set(['content', 'render']);
const WORKER_SIDE = new Set(['worker', 'translate', 'deepl', 'chat', 'usage']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The file an import names: as written, or with the extension or index.ts the bundler adds. */
const fileOf = (path: string) => [path, `${path}.ts`, `${path}.tsx`, join(path, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile()) ?? path;

/** Every relative import of a file, as the file it names from the project root; `typeOnly`: `import type`, erased from the bundle. */
function importsOf(file: string): Array<{ to: string; typeOnly: boolean }> {
  const source = readFileSync(file, 'utf8');
  const found = [
    ...[...source.matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s)?[^;]*?from\s+'(\.[^']+)'/g)].map((m) => ({ path: m[2]!, typeOnly: Boolean(m[1]) })),
    ...[...source.matchAll(/(?:^|\n)\s*import\s+'(\.[^']+)'/g), ...source.matchAll(/import\('(\.[^']+)'\)/g)].map((m) => ({ path: m[1]!, typeOnly: false })),
  ];
  return found.map(({ path, typeOnly }) => ({ to: relative(ROOT, fileOf(resolve(dirname(file), path))), typeOnly }));
}

/** The packages a file imports for the bundle (not `import type`): bare names, as `onnxruntime-web/jspi`. */
const packagesOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s+(type\s)?(?:[^;]*?from\s+)?'([^.'][^']*)'/g)].filter((m) => !m[1]).map((m) => m[2]!);

const folderOf = (path: string) => /^lib\/([^/]+)/.exec(path)?.[1];

const edges = filesUnder(join(ROOT, 'lib')).flatMap((file) => {
  const from = relative(ROOT, file);
  return importsOf(file).map(({ to, typeOnly }) => ({ from, to, typeOnly, a: folderOf(from)!, b: folderOf(to) }));
});

/** The content script's own imports, counted as the page side's. */
const contentScriptEdges = filesUnder(join(ROOT, 'entrypoints/content')).flatMap((file) =>
  importsOf(file).map(({ to, typeOnly }) => ({ from: relative(ROOT, file), to, typeOnly, a: 'content', b: folderOf(to) })),
);

describe('layers of lib/', () => {
  test('every lib/ folder has a layer', () => {
    const folders = readdirSync(join(ROOT, 'lib')).filter((name) => statSync(join(ROOT, 'lib', name)).isDirectory());
    expect(folders.filter((f) => LAYER[f] === undefined)).toEqual([]);
  });

  test('lib/ imports nothing from entrypoints/ or components/', () => {
    expect(edges.filter((e) => !e.to.startsWith('lib/'))).toEqual([]);
  });

  test('no import runs from a lower layer to a higher one', () => {
    const upward = edges.filter((e) => e.b && e.a !== e.b && LAYER[e.b]! > LAYER[e.a]!);
    expect(upward.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  test('the page side and the worker side never import each other', () => {
    const crossing = edges.filter((e) => e.b && ((PAGE_SIDE.has(e.a) && WORKER_SIDE.has(e.b)) || (WORKER_SIDE.has(e.a) && PAGE_SIDE.has(e.b))));
    expect(crossing.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  test('the page side reads no extension storage: closed to content scripts, it holds the key (settings come from the worker)', () => {
    const reads = [...edges, ...contentScriptEdges].filter((e) => PAGE_SIDE.has(e.a) && e.b === 'storage');
    expect(reads.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  test('the page side imports from lib/ocr only what the two sides share: cover-box.ts, base64.ts, and errors.ts as types', () => {
    const shared = new Set(['lib/ocr/cover-box.ts', 'lib/ocr/base64.ts']);
    const ocr = [...edges, ...contentScriptEdges].filter((e) => PAGE_SIDE.has(e.a) && e.b === 'ocr');
    const beyond = ocr.filter((e) => !shared.has(e.to) && !(e.to === 'lib/ocr/errors.ts' && e.typeOnly));
    expect(beyond.map((e) => `${e.from} → ${e.to}${e.typeOnly ? ' (types)' : ''}`)).toEqual([]);
    expect(ocr.some((e) => e.to === 'lib/ocr/cover-box.ts')).toBe(true); // the check sees these imports
  });

  test("nor through other folders: the content script's bundle holds no other lib/ocr file (onnxruntime's runtime is 17 MB of WebAssembly)", () => {
    const bundled = new Set<string>();
    const follow = (file: string) => {
      if (bundled.has(file) || !/\.tsx?$/.test(file)) return;
      bundled.add(file);
      for (const { to, typeOnly } of importsOf(join(ROOT, file))) if (!typeOnly) follow(to); // `import type` is erased
    };
    for (const dir of ['entrypoints/content', 'lib/content', 'lib/render']) filesUnder(join(ROOT, dir)).forEach((file) => follow(relative(ROOT, file)));
    const ocr = [...bundled].filter((file) => folderOf(file) === 'ocr').sort();
    expect(ocr.filter((file) => !['lib/ocr/base64.ts', 'lib/ocr/cover-box.ts'].includes(file))).toEqual([]);
    expect(bundled.has('lib/glossary/types.ts')).toBe(true); // followed beyond the page side (through lib/messaging/contract.ts)
    // Nor the runtime or the models as packages.
    const packages = new Set([...bundled].flatMap((file) => packagesOf(join(ROOT, file))));
    expect([...packages].filter((name) => /^(onnxruntime-web|@gutenye\/)/.test(name))).toEqual([]);
    expect(packages.has('wxt/browser')).toBe(true); // the check sees packages
  });

  test('imports are relative or packages: no path alias (`@/`, `~/`) the checks above would not follow', () => {
    const files = ['lib', 'entrypoints', 'components'].flatMap((dir) => filesUnder(join(ROOT, dir)));
    const aliased = files.flatMap((file) => packagesOf(file).filter((name) => /^[@~]{1,2}\//.test(name)).map((name) => `${relative(ROOT, file)}: ${name}`));
    expect(aliased).toEqual([]);
  });

  test('the check sees imports (it can fail)', () => {
    expect(edges.length).toBeGreaterThan(50);
    expect(edges.some((e) => e.a === 'content' && e.b === 'render')).toBe(true);
  });
});
