// The layers ARCHITECTURE.md describes, checked: which folder of lib/ may import which. A module
// imports from its own layer or below; the page side and the worker side never import each other
// (the key, the queue and the provider stay out of the content script's bundle).
import { readdirSync, readFileSync, statSync } from 'node:fs';
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

/** Every relative import of a file, as a path from the project root. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const found = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g), ...source.matchAll(/import\('(\.[^']+)'\)/g)];
  return found.map((m) => relative(ROOT, resolve(dirname(file), m[1]!)));
}

const folderOf = (path: string) => /^lib\/([^/]+)/.exec(path)?.[1];

const edges = filesUnder(join(ROOT, 'lib')).flatMap((file) => {
  const from = relative(ROOT, file);
  return importsOf(file).map((to) => ({ from, to, a: folderOf(from)!, b: folderOf(to) }));
});

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
    const content = filesUnder(join(ROOT, 'entrypoints/content')).flatMap((file) => importsOf(file).map((to) => ({ from: relative(ROOT, file), to, a: 'content', b: folderOf(to) })));
    const reads = [...edges, ...content].filter((e) => PAGE_SIDE.has(e.a) && e.b === 'storage');
    expect(reads.map((e) => `${e.from} → ${e.to}`)).toEqual([]);
  });

  test('the check sees imports (it can fail)', () => {
    expect(edges.length).toBeGreaterThan(50);
    expect(edges.some((e) => e.a === 'content' && e.b === 'render')).toBe(true);
  });
});
