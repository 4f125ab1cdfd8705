// What to translate, by role, and whether platform terms are underlined.
import { imageAccess } from '../../lib/ocr/image-access';
import { updateSettings, type Settings } from '../../lib/storage/settings';

/**
 * Images are read from the site's image CDN, an optional host permission: ticking the setting asks for it
 * (the tick is the gesture the request needs). Refused or not, the setting is kept: the images then say
 * what to do.
 */
const askImageAccess = () => void imageAccess.request().catch(() => {});

const WHAT: Array<{ key: keyof Settings['translate']; label: string }> = [
  { key: 'interface', label: 'Interface (menus, tabs, buttons)' },
  { key: 'titles', label: 'Titles' },
  { key: 'bodies', label: 'Note texts and bios' },
  { key: 'comments', label: 'Comments and replies' },
  { key: 'nicknames', label: 'Nicknames' },
];

export function WhatSection({ settings }: { settings: Settings }) {
  return (
    <fieldset>
      <legend>Translate</legend>
      {WHAT.map((w) => (
        <label key={w.key} className="check">
          <input
            type="checkbox"
            checked={settings.translate[w.key]}
            onChange={(e) => {
              const on = e.target.checked;
              void updateSettings((current) => ({ translate: { ...current.translate, [w.key]: on } }));
            }}
          />
          {w.label}
        </label>
      ))}
      <label className="check">
        <input type="checkbox" checked={settings.highlightTerms} onChange={(e) => void updateSettings({ highlightTerms: e.target.checked })} />
        Underline platform terms (hover for pinyin and meaning)
      </label>
      {import.meta.env.BROWSER !== 'firefox' && (
        <label className="check">
          <input
            type="checkbox"
            checked={settings.translateImages}
            onChange={(e) => {
              if (e.target.checked) askImageAccess();
              void updateSettings({ translateImages: e.target.checked });
            }}
          />
          Translate the images of a note I open (read on this computer; a few seconds each)
        </label>
      )}
    </fieldset>
  );
}
