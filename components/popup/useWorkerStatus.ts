// The engine's status for the popup, polled while the popup is open.
import { useCallback, useEffect, useState } from 'react';
import type { EngineStatus } from '../../lib/messaging/contract';
import type { WorkerClient } from './worker-client';

export function useWorkerStatus(worker: WorkerClient, intervalMs = 2_000) {
  const [status, setStatus] = useState<EngineStatus | undefined>();
  const [error, setError] = useState<string | undefined>();
  const refresh = useCallback(async () => {
    try {
      setStatus(await worker.send({ type: 'get-status' }));
      setError(undefined);
    } catch (e) {
      setError(String((e as Error)?.message ?? e));
    }
  }, [worker]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), intervalMs);
    return () => clearInterval(timer);
  }, [refresh, intervalMs]);
  return { status, error, refresh };
}
