import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** The join code and a QR code, big enough to read from the back of a room. */
export function JoinInfo({ joinCode }: { joinCode: string }) {
  const link = `${location.origin}/join/${joinCode}`;
  const [qr, setQr] = useState<string | null>(null);
  const [presenting, setPresenting] = useState(false);
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
      <button type="button" className="secondary" onClick={() => setPresenting(true)}>
        Show on the big screen
      </button>
      {presenting && (
        <div className="present-overlay" role="dialog" aria-modal="true" aria-label="Join instructions">
          <div className="present-join">{content}</div>
          <button type="button" onClick={() => setPresenting(false)} autoFocus>
            Close
          </button>
        </div>
      )}
    </section>
  );
}
