// Which onnxruntime backend recognises, and with how many threads: WebGPU where the browser gives an
// adapter and the models open on it, WebAssembly (SIMD, threads where the page is cross-origin isolated)
// otherwise. Pure: onnxruntime itself is given (lib/ocr/ort-runtime.ts), so a fake can stand in.

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
      webgpuFailed = String(error instanceof Error ? error.message : error);
    }
  }
  return { name: 'wasm', opened: await open('wasm'), ...(webgpuFailed === undefined ? {} : { webgpuFailed }) };
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
