// How translations show: bilingual, English only or off; and whether the page shows its on/off button.
import { useId } from 'react';
import { updateSettings, type DisplayMode, type Settings } from '../../lib/storage/settings';

const MODES: Array<{ value: DisplayMode; label: string; hint: string }> = [
  { value: 'bilingual', label: 'Bilingual', hint: 'English under the Chinese' },
  { value: 'replace', label: 'English only', hint: 'Chinese on hover' },
  { value: 'off', label: 'Off', hint: 'Page as it is' },
];

export function ModeSection({ settings }: { settings: Settings }) {
  const legendId = useId();
  return (
    <fieldset>
      <legend id={legendId}>Show translations</legend>
      <div className="segmented" role="radiogroup" aria-labelledby={legendId}>
        {MODES.map((m) => (
          <label key={m.value} className={settings.mode === m.value ? 'on' : ''} title={m.hint}>
            <input type="radio" name="mode" value={m.value} checked={settings.mode === m.value} onChange={() => void updateSettings(m.value === 'off' ? { mode: 'off' } : { mode: m.value, lastOnMode: m.value })} />
            {m.label}
          </label>
        ))}
      </div>
      <p className="hint">Shortcut: Alt+T (change it in the browser's extension shortcuts).</p>
      <label className="check">
        <input type="checkbox" checked={settings.showFloatingButton} onChange={(e) => void updateSettings({ showFloatingButton: e.target.checked })} />
        On/off button on the page
      </label>
    </fieldset>
  );
}
