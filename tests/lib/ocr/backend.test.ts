// Which onnxruntime backend recognises, and on how many threads.
import { describe, expect, test } from 'vitest';
import { describeBackend, openOnBestBackend, threadCount, type BackendName } from '../../../lib/ocr/backend';

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
    expect(describeBackend({ name: 'wasm', threads: 2, webgpuFailed: 'no kernel' })).toBe('wasm, 2 threads (WebGPU failed: no kernel)');
  });
});

describe('WebGPU where the browser offers it, WebAssembly otherwise', () => {
  // A fake onnxruntime: which backends were asked for, and which of them fail to open the models.
  const runtime = (failing: BackendName[] = []) => {
    const asked: BackendName[] = [];
    const open = async (name: BackendName) => {
      asked.push(name);
      if (failing.includes(name)) throw new Error(`${name}: no kernel for this operator`);
      return `sessions on ${name}`;
    };
    return { asked, open };
  };

  test('an adapter: the models open on WebGPU', async () => {
    const { asked, open } = runtime();
    expect(await openOnBestBackend(true, open)).toEqual({ name: 'webgpu', opened: 'sessions on webgpu' });
    expect(asked).toEqual(['webgpu']);
  });
  test('no adapter: WebAssembly, WebGPU not tried', async () => {
    const { asked, open } = runtime();
    expect(await openOnBestBackend(false, open)).toEqual({ name: 'wasm', opened: 'sessions on wasm' });
    expect(asked).toEqual(['wasm']);
  });
  test('an adapter on which the models do not open: WebAssembly, and why', async () => {
    const { asked, open } = runtime(['webgpu']);
    expect(await openOnBestBackend(true, open)).toEqual({ name: 'wasm', opened: 'sessions on wasm', webgpuFailed: 'webgpu: no kernel for this operator' });
    expect(asked).toEqual(['webgpu', 'wasm']);
  });
  test('WebAssembly failing too is the error recognition reports', async () => {
    await expect(openOnBestBackend(true, runtime(['webgpu', 'wasm']).open)).rejects.toThrow('wasm: no kernel');
  });
});
