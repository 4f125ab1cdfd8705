// Text in images needs host access to Xiaohongshu's image CDN (the worker fetches the note image:
// a page's copy cannot be read). It is an optional permission, asked here on first use, not at
// install: a reader who never translates an image never grants it. The page's image control opens
// this section (#images) when access is missing; the button's click is the gesture the request needs.
import { useEffect, useRef, useState } from 'react';
import { imageAccess, type ImageAccess } from '../../lib/ocr/image-access';

export function ImageAccessSection({ access = imageAccess }: { access?: ImageAccess }) {
  const [granted, setGranted] = useState<boolean>();
  const [refused, setRefused] = useState(false);
  const section = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    void access.has().then(setGranted, () => setGranted(false));
  }, [access]);
  // Opened from an image (#images): this section in view (rendered after the page loaded, so the browser did not scroll to it);
  // the worker shows an options tab already open at #images rather than opening another.
  useEffect(() => {
    const follow = () => {
      if (location.hash === '#images') section.current?.scrollIntoView?.({ block: 'center' });
    };
    follow();
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  function allow() {
    // Asked in the click itself: the browser grants a permission request only in a user gesture.
    void access.request().then(
      (ok) => {
        setGranted(ok);
        setRefused(!ok);
      },
      () => setRefused(true),
    );
  }

  return (
    <fieldset id="images" ref={section}>
      <legend>Xiaohongshu’s image server</legend>
      <p className="hint">
        To read the Chinese written in a note’s pictures, RedNote Lens loads the picture from Xiaohongshu’s image server (<code>*.xhscdn.com</code>) and reads it on this computer: the
        image goes nowhere else. Your browser asks you once.
      </p>
      {granted ? (
        <p role="status" className="ok">
          Allowed: back on the note, click the image’s button to translate it.
        </p>
      ) : (
        <>
          <button type="button" disabled={granted === undefined} onClick={allow}>
            Allow images from Xiaohongshu’s image server
          </button>
          {refused ? (
            <p role="status" className="bad">
              Not allowed: images are not translated. Everything else works as before.
            </p>
          ) : null}
        </>
      )}
    </fieldset>
  );
}
