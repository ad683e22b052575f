import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';

/** The join code and a QR code, big enough to read from the back of a room. */
export function JoinInfo({ joinCode }: { joinCode: string }) {
  const link = `${location.origin}/join/${joinCode}`;
  const [qr, setQr] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    void QRCode.toDataURL(link, { margin: 1, width: 480, errorCorrectionLevel: 'M' }).then(setQr);
  }, [link]);
  const content = (
    <>
      {qr && <img src={qr} alt={`QR code for ${link}`} className="qr" />}
      <div>
        <p className="join-line">
          Go to <strong>{location.host}</strong> and enter the code
        </p>
        <p className="join-code" aria-label={`Join code ${joinCode.split('').join(' ')}`}>
          {joinCode}
        </p>
      </div>
    </>
  );
  return (
    <section className="panel join-info" aria-labelledby="join-heading">
      <h2 id="join-heading">How people join</h2>
      <div className="row">{content}</div>
      <button type="button" className="secondary" onClick={() => dialog.current?.showModal()}>
        Show on the big screen
      </button>
      {/* A native modal dialog: the page behind is inert, Escape closes it, focus returns to the button. */}
      <dialog ref={dialog} className="present-overlay" aria-label="Join instructions">
        <div className="present-join">{content}</div>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </dialog>
    </section>
  );
}
