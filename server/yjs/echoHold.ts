// A writer's echo (its own committed updates, sent back as their acknowledgement) and the answer to a client's
// heartbeat are awaited by nobody in particular, so they need not cost a write of their own: the connection
// holds them and writes them with its next frame, in one system call (a heartbeat is answered by any frame).
// The socket writes are most of the server's CPU at workshop load, and in a busy room the next frame comes
// within tens of milliseconds. Whatever is still held after `holdMs` is written then.

/** A connection that can write what it holds. */
export interface EchoHolder {
  writeHeldEchoes(): void;
}

export interface EchoHold {
  /** The holder now holds an echo: it is written within `holdMs` at the latest. */
  hold(holder: EchoHolder): void;
  /** The holder wrote (or dropped) what it held. */
  release(holder: EchoHolder): void;
}

export function createEchoHold(holdMs: number): EchoHold {
  const holders = new Set<EchoHolder>();
  let timer: NodeJS.Timeout | null = null;
  // One timer for every holder: an echo held late in a round waits less, never more than `holdMs`.
  const writeAll = () => {
    timer = null;
    const due = [...holders];
    holders.clear();
    for (const holder of due) holder.writeHeldEchoes();
  };
  return {
    hold(holder) {
      holders.add(holder);
      timer ??= setTimeout(writeAll, holdMs).unref();
    },
    release(holder) {
      holders.delete(holder);
    },
  };
}
