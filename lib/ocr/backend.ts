// Which onnxruntime backend recognises, and with how many threads: WebAssembly (SIMD, threads where the
// page is cross-origin isolated).

export type BackendName = 'webgpu' | 'wasm';

export interface Backend {
  name: BackendName;
  /** WebAssembly threads (WebGPU also runs the operators it has no kernel for on them). */
  threads: number;
}

/**
 * Threads for recognition: one without SharedArrayBuffer (a page not cross-origin isolated), else one per
 * core up to four (onnxruntime's own default, half the cores, gives one thread on a 2-core machine).
 */
export function threadCount(isolated: boolean, cores: number | undefined): number {
  return isolated ? Math.min(4, Math.max(1, cores ?? 1)) : 1;
}

/** How the backend reads in the offscreen document's root (data-ocr-backend), for the bench and the tests. */
export function describeBackend({ name, threads }: Backend): string {
  return `${name}, ${threads} thread${threads === 1 ? '' : 's'}`;
}
