// Which onnxruntime backend recognises, and with how many threads: WebGPU where the browser gives an
// adapter and the models open on it, WebAssembly (SIMD, threads where the page is cross-origin isolated)
// otherwise. Pure: onnxruntime itself is given (lib/ocr/ort-runtime.ts), so a fake can stand in.
import { ImageError } from './errors';

export type BackendName = 'webgpu' | 'wasm';

export interface Backend {
  name: BackendName;
  /** WebAssembly threads (WebGPU also runs the operators it has no kernel for on them). */
  threads: number;
  /** Why WebGPU was not used though an adapter was there (its session would not open). */
  webgpuFailed?: string;
}

/**
 * The models opened on WebGPU when the browser gives an adapter, on WebAssembly when it does not or when
 * opening them on WebGPU fails (a driver or an operator it cannot run): recognition works either way.
 */
export async function openOnBestBackend<T>(hasAdapter: boolean, open: (name: BackendName) => Promise<T>): Promise<{ name: BackendName; opened: T; webgpuFailed?: string }> {
  let webgpuFailed: string | undefined;
  if (hasAdapter) {
    try {
      return { name: 'webgpu', opened: await open('webgpu') };
    } catch (error) {
      webgpuFailed = reasonOf(error);
    }
  }
  return { name: 'wasm', opened: await open('wasm'), ...(webgpuFailed === undefined ? {} : { webgpuFailed }) };
}

export const NEEDS_JSPI = 'Text in images needs Chrome 137 or newer: this browser has no WebAssembly JSPI, which its runtime needs.';

/**
 * The runtime (the build that does WebGPU and WebAssembly alike) needs WebAssembly JSPI: Chrome 137. Checked
 * before it loads, so an older Chrome gets a kind the image says, not a runtime's crash; the rest of the
 * extension works there.
 */
export function requireJspi(wasm: unknown = globalThis.WebAssembly): void {
  if (typeof (wasm as { Suspending?: unknown } | undefined)?.Suspending !== 'function') throw new ImageError('old-chrome', NEEDS_JSPI);
}

const reasonOf = (error: unknown) => String(error instanceof Error ? error.message : error);

/**
 * The models, opened on first use and kept. A run that fails on WebGPU (a device lost, a kernel that fails
 * only when it runs) releases them, opens them again on WebAssembly and reads that image once more there;
 * WebAssembly from then on. `open(webgpuFailed)`: with a reason, WebGPU is not tried again.
 */
export function holdModels<M extends { backend: Backend }>(open: (webgpuFailed?: string) => Promise<M>, release: (models: M) => Promise<unknown>) {
  let models: Promise<M> | undefined;
  let webgpuFailed: string | undefined;
  const get = () => {
    const opening = (models ??= open(webgpuFailed).catch((error: unknown) => {
      if (models === opening) models = undefined;
      throw error;
    }));
    return opening;
  };
  return {
    /** The models loaded now, if any (for the backend's name). */
    loaded: async () => models?.catch(() => undefined),
    async use<T>(task: (models: M) => Promise<T>): Promise<T> {
      const opening = get();
      const loaded = await opening;
      try {
        return await task(loaded);
      } catch (error) {
        // The image's own failures (too large) are not the backend's.
        if (loaded.backend.name !== 'webgpu' || error instanceof ImageError) throw error;
        webgpuFailed = reasonOf(error);
        if (models === opening) models = undefined;
        await release(loaded).catch(() => {});
        return task(await get());
      }
    },
  };
}

/**
 * Threads for recognition: one without SharedArrayBuffer (a page not cross-origin isolated), else one per
 * core up to four (onnxruntime's own default, half the cores, gives one thread on a 2-core machine).
 */
export function threadCount(isolated: boolean, cores: number | undefined): number {
  return isolated ? Math.min(4, Math.max(1, cores ?? 1)) : 1;
}

/** How the backend reads in the offscreen document's root (data-ocr-backend), for the bench and the tests. */
export function describeBackend({ name, threads, webgpuFailed }: Backend): string {
  return `${name}, ${threads} thread${threads === 1 ? '' : 's'}${webgpuFailed === undefined ? '' : ` (WebGPU failed: ${webgpuFailed})`}`;
}
