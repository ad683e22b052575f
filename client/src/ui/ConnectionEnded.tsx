import { useEffect, useRef, type ReactNode } from 'react';
import type { CloseReasonName } from '../../../shared/closeCodes';
import { endedMessage, type Audience } from './closeMessages';

interface Props {
  reason: CloseReasonName;
  audience: Audience;
  /** "board" (the default) or "summary". */
  what?: string;
  /** What to do next: a link, if there is somewhere to go. */
  children?: ReactNode;
}

/**
 * Replaces a board or summary the server closed for good. The heading takes focus, because the
 * control the person was using has just gone; the alert reads the whole message out once.
 */
export function ConnectionEnded({ reason, audience, what, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [reason]);
  const message = endedMessage(reason, audience, what);
  return (
    <section className="panel connection-ended" role="alert" aria-labelledby="connection-ended-heading" data-reason={reason}>
      <h2 id="connection-ended-heading" tabIndex={-1} ref={heading}>
        {message.heading}
      </h2>
      <p>{message.body}</p>
      {children}
    </section>
  );
}
