// The on-device translator's state and its one-time download, with progress. Shared by the popup and
// the welcome page. The download runs here, in an extension page, because it needs the reader's click.
import { useState } from 'react';
import type { EngineStatus } from '../../lib/messaging/contract';
import type { WorkerClient } from './worker-client';

/** Start the download of the Chinese language pack for this target (from a click); progress from 0 to 1. */
export type DownloadOnDevice = (target: string, onProgress: (share: number) => void) => Promise<void>;

export interface OnDeviceSetupProps {
  /** The on-device translator's availability, as the worker reported it. */
  availability?: EngineStatus['onDevice'];
  target: string;
  download?: DownloadOnDevice;
  worker: WorkerClient;
  /** What the reader can do while the pack downloads (the welcome page says more than the popup). */
  meanwhile?: React.ReactNode;
}

type Progress = { state: 'idle' } | { state: 'downloading'; share: number } | { state: 'done' } | { state: 'failed'; message: string };

export function OnDeviceSetup({ availability, target, download, worker, meanwhile }: OnDeviceSetupProps) {
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });
  if (availability === 'absent') return <p className="hint warn">This browser has no on-device translator (Chrome 138+ on desktop has one). Use a DeepL key instead.</p>;
  if (availability === 'unavailable') return <p className="hint warn">The on-device translator cannot translate Chinese into this language.</p>;
  if (availability === 'available' || progress.state === 'done') return <p className="hint ok">On-device translator ready: free, nothing leaves your computer.</p>;

  const start = () => {
    if (!download) return;
    setProgress({ state: 'downloading', share: 0 });
    download(target, (share) => setProgress({ state: 'downloading', share })).then(
      () => {
        setProgress({ state: 'done' });
        // The worker stopped sending while there was no pack: it may send again now.
        void worker.send({ type: 'retry-now' }).catch(() => {});
      },
      (e: unknown) => setProgress({ state: 'failed', message: String((e as Error)?.message ?? e) }),
    );
  };
  const downloading = progress.state === 'downloading' || availability === 'downloading';
  const percent = progress.state === 'downloading' ? Math.round(progress.share * 100) : undefined;
  return (
    <div className="hint">
      {downloading ? (
        <>
          <p role="status">Downloading Chinese for the on-device translator{percent === undefined ? '…' : `: ${percent} %`}</p>
          {percent === undefined ? <progress aria-label="Download progress" /> : <progress max={100} value={percent} aria-label="Download progress" />}
          {meanwhile}
        </>
      ) : (
        <p>Chrome downloads its Chinese language pack once (a few minutes); then everything is translated on this computer.</p>
      )}
      {download && availability !== 'downloading' && progress.state !== 'downloading' ? (
        <button type="button" onClick={start}>
          {progress.state === 'failed' ? 'Try the download again' : 'Download Chinese'}
        </button>
      ) : null}
      {progress.state === 'failed' ? (
        <p role="status" className="bad">
          Download failed: {progress.message}
        </p>
      ) : null}
    </div>
  );
}
