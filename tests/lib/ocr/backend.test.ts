// Which onnxruntime backend recognises, and on how many threads.
import { describe, expect, test } from 'vitest';
import { describeBackend, holdModels, NEEDS_JSPI, openOnBestBackend, requireJspi, threadCount, type Backend, type BackendName } from '../../../lib/ocr/backend';
import { ImageError } from '../../../lib/ocr/errors';

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

describe('WebGPU failing while it runs: WebAssembly from then on', () => {
  // A fake onnxruntime whose WebGPU sessions open but fail when run (a device lost).
  const runtime = (webgpuRunFails: boolean) => {
    const opened: string[] = [];
    const released: string[] = [];
    const open = async (webgpuFailed?: string) => {
      const name: BackendName = webgpuFailed === undefined ? 'webgpu' : 'wasm';
      opened.push(name);
      return { backend: { name, threads: 2, ...(webgpuFailed === undefined ? {} : { webgpuFailed }) } };
    };
    const read = async (models: { backend: Backend }) => {
      if (models.backend.name === 'webgpu' && webgpuRunFails) throw new Error('GPU device lost');
      return `text read on ${models.backend.name}`;
    };
    const models = holdModels(open, async (m) => void released.push(m.backend.name));
    return { opened, released, models, read };
  };

  test('the failed image is read again on WebAssembly, the WebGPU sessions released, WebAssembly kept', async () => {
    const { opened, released, models, read } = runtime(true);
    expect(await models.use(read)).toBe('text read on wasm');
    expect(opened).toEqual(['webgpu', 'wasm']);
    expect(released).toEqual(['webgpu']);
    expect((await models.loaded())?.backend).toEqual({ name: 'wasm', threads: 2, webgpuFailed: 'GPU device lost' });
    expect(await models.use(read)).toBe('text read on wasm');
    expect(opened).toEqual(['webgpu', 'wasm']);
  });

  test('WebGPU that runs stays; a failure of the image itself, or on WebAssembly, is the error', async () => {
    const { opened, models, read } = runtime(false);
    expect(await models.use(read)).toBe('text read on webgpu');
    await expect(models.use(async () => Promise.reject(new ImageError('decode', 'too many pixels')))).rejects.toThrow('too many pixels');
    expect(opened).toEqual(['webgpu']);
    const onWasm = runtime(true);
    await expect(onWasm.models.use(async () => Promise.reject(new Error('out of memory')))).rejects.toThrow('out of memory');
    expect(onWasm.opened).toEqual(['webgpu', 'wasm']); // tried once on WebAssembly, not again
  });
});

describe('the runtime needs WebAssembly JSPI (Chrome 137): checked before it loads', () => {
  test('without WebAssembly.Suspending: the image is told "needs Chrome 137 or newer"', () => {
    for (const wasm of [{}, { Suspending: undefined }, { Suspending: 'yes' }, null]) {
      expect(() => requireJspi(wasm)).toThrow(expect.objectContaining({ kind: 'old-chrome', message: NEEDS_JSPI }));
    }
    expect(NEEDS_JSPI).toMatch(/needs Chrome 137 or newer/);
  });
  test('with it: nothing to say', () => {
    expect(() => requireJspi({ Suspending: function Suspending() {} })).not.toThrow();
  });
});
