// Recognition of one image by URL, with the models loaded once, on first use.
import { recogniseImage, type ImageText } from './index';
import { loadModels, ortRuntime, type LoadedModels } from './ort-runtime';

let models: Promise<LoadedModels> | undefined;

export async function recogniseUrl(url: string, assetUrl: (file: string) => string): Promise<ImageText> {
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`image fetch: HTTP ${response.status}`);
  const image = await createImageBitmap(await response.blob());
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
