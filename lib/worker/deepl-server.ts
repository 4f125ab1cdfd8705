// The DeepL-compatible server the reader may choose in the options page: checked when it is set and
// again when it is read (where content scripts can write storage.local, as in Firefox, a value there
// is not proof the options page wrote it).
import { checkServerUrl } from '../deepl/hosts';
import type { Handlers } from '../messaging/handler';
import { deeplServerItem } from '../storage/items';

export function createDeeplServerSetting(allowedOrigins: readonly string[]) {
  /** The stored server if it passes the check, else '' (DeepL's host for the key). */
  async function read(): Promise<string> {
    const checked = checkServerUrl(await deeplServerItem.getValue(), allowedOrigins);
    return checked.ok ? checked.url : '';
  }

  const handlers: Pick<Handlers, 'set-deepl-server'> = {
    // The message handler lets this request through from the options page only.
    'set-deepl-server': async (request) => {
      const checked = checkServerUrl(request.url, allowedOrigins);
      if (checked.ok) await deeplServerItem.setValue(checked.url);
      return checked;
    },
  };

  return { read, handlers, watch: (onChange: () => void) => deeplServerItem.watch(onChange) };
}
