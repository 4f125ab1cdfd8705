// What the engine is doing: blocked or backing off, usage this month, this session's savings.
import { isBlocking } from '../../lib/core/errors';
import type { EngineStatus } from '../../lib/messaging/contract';
import { countOf, formatNumber as fmt, formatPercent } from '../../lib/format/plural';
import type { WorkerClient } from './worker-client';

export { formatNumber as fmt } from '../../lib/format/plural';

export function BlockedBanner({ status, worker, onRetried, openWelcome }: { status: EngineStatus; worker: WorkerClient; onRetried(): void; openWelcome?(): void }) {
  if (!status.blocked) return null;
  const waiting = status.blocked.retryAt && status.blocked.retryAt > Date.now();
  return (
    <div className="banner" role="alert">
      <strong>{waiting ? 'Retrying soon: ' : 'Translation paused: '}</strong>
      {status.blocked.message}
      {status.queued ? ` (${countOf(status.queued, 'text')} waiting)` : ''}
      <button type="button" onClick={() => void worker.send({ type: 'retry-now' }).then(onRetried)}>
        Retry now
      </button>
      {openWelcome && isBlocking(status.blocked.kind) ? (
        <button type="button" className="link" onClick={openWelcome}>
          Choose or fix the translator
        </button>
      ) : null}
    </div>
  );
}

export function UsageMeter({ usage, budget }: { usage?: EngineStatus['usage']; budget: number }) {
  if (!usage) return null;
  const share = usage.characterLimit ? Math.min(1, usage.characterCount / usage.characterLimit) : 0;
  return (
    <div className="usage">
      <div className="usage-line">
        <span>DeepL this month</span>
        <span>
          {fmt(usage.characterCount)} / {fmt(usage.characterLimit)} characters
        </span>
      </div>
      <progress max={1} value={share} aria-label={`${formatPercent(share)} of the monthly DeepL quota used`} />
      {budget ? <p className="hint">Budget: {fmt(budget)} characters a month.</p> : null}
    </div>
  );
}

export function SessionStats({ session }: { session: EngineStatus['session'] }) {
  return (
    <dl className="stats">
      <div>
        <dt>Texts translated</dt>
        <dd>{fmt(session.translated)}</dd>
      </div>
      <div>
        <dt>From cache</dt>
        <dd>{fmt(session.fromCache)}</dd>
      </div>
      <div>
        <dt>Characters saved</dt>
        <dd>{fmt(session.charactersSaved)}</dd>
      </div>
      <div>
        <dt>Requests</dt>
        <dd>{fmt(session.requests)}</dd>
      </div>
      {session.tokens ? (
        <div>
          <dt>Chat-model tokens</dt>
          <dd>{fmt(session.tokens)}</dd>
        </div>
      ) : null}
    </dl>
  );
}
