// Recognition of one image, with the models loaded once, on first use (again on WebAssembly if WebGPU fails while running).
import { holdModels, requireJspi, type Backend } from './backend';
import { ImageError } from './errors';
import { recogniseImage, type ImageText } from './index';
import { loadModels, ortRuntime, releaseModels, type LoadedModels } from './ort-runtime';

let models: ReturnType<typeof holdModels<LoadedModels>> | undefined;

/** Recognition of one encoded image file (JPEG, PNG, WebP…). */
export async function recogniseFile(file: Blob, assetUrl: (file: string) => string): Promise<ImageText> {
  requireJspi();
  const image = await createImageBitmap(file).catch(() => {
    throw new ImageError('decode', 'image decode: not an image this browser can read');
  });
  try {
    models ??= holdModels((webgpuFailed) => loadModels(assetUrl, webgpuFailed), releaseModels);
    const lines = await models.use((loaded) => recogniseImage(ortRuntime(loaded, image), image.width, image.height));
    return { width: image.width, height: image.height, lines };
  } finally {
    image.close();
  }
}

/** The backend the models run on, once they are loaded. */
export async function backendInUse(): Promise<Backend | undefined> {
  return (await models?.loaded())?.backend;
}
