// Recognition of one image, with the models loaded once, on first use.
import type { Backend } from './backend';
import { ImageError } from './errors';
import { recogniseImage, type ImageText } from './index';
import { loadModels, ortRuntime, type LoadedModels } from './ort-runtime';

let models: Promise<LoadedModels> | undefined;

/** Recognition of one encoded image file (JPEG, PNG, WebP…). */
export async function recogniseFile(file: Blob, assetUrl: (file: string) => string): Promise<ImageText> {
  const image = await createImageBitmap(file).catch(() => {
    throw new ImageError('decode', 'image decode: not an image this browser can read');
  });
  try {
    models ??= loadModels(assetUrl).catch((error: unknown) => {
      models = undefined;
      throw error;
    });
    const lines = await recogniseImage(ortRuntime(await models, image), image.width, image.height);
    return { width: image.width, height: image.height, lines };
  } finally {
    image.close();
  }
}

/** The backend the models run on, once they are loaded. */
export async function backendInUse(): Promise<Backend | undefined> {
  return (await models?.catch(() => undefined))?.backend;
}
