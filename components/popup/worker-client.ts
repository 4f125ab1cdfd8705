// What the popup needs from the outside world, injected so components are tested without a browser.
import type { Request, ResponseFor } from '../../lib/messaging/contract';

export interface WorkerClient {
  send<R extends Request>(request: R): Promise<ResponseFor<R>>;
}
