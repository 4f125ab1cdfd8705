// Which onnxruntime backend recognises, and on how many threads.
import { describe, expect, test } from 'vitest';
import { describeBackend, threadCount } from '../../../lib/ocr/backend';

describe('WebAssembly threads', () => {
  test('one where the page is not cross-origin isolated (no SharedArrayBuffer)', () => {
    expect(threadCount(false, 8)).toBe(1);
  });
  test('one per core where it is, up to four', () => {
    expect(threadCount(true, 2)).toBe(2);
    expect(threadCount(true, 16)).toBe(4);
    expect(threadCount(true, undefined)).toBe(1);
  });
  test('described for the bench', () => {
    expect(describeBackend({ name: 'wasm', threads: 2 })).toBe('wasm, 2 threads');
    expect(describeBackend({ name: 'webgpu', threads: 1 })).toBe('webgpu, 1 thread');
  });
});
