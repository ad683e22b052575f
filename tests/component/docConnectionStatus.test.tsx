import { EventEmitter } from 'node:events';
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { closeReasons, type CloseReasonName } from '../../shared/closeCodes';
import { ChangesRefused } from '../../client/src/ui/ChangesRefused';
import { ConnectionEnded } from '../../client/src/ui/ConnectionEnded';
import { DocStatusLine } from '../../client/src/ui/DocStatusLine';
import { keepAlive } from '../../client/src/yjs/heartbeat';
import { heartbeatFrame, heartbeatTiming, messageHeartbeat } from '../../shared/heartbeat';
import { trackDoc, type DocConnection } from '../../client/src/yjs/connectDoc';
import { useDocConnection } from '../../client/src/yjs/useDocConnection';

afterEach(cleanup);

/** The boundary: what y-websocket's provider does that the connection layer relies on. */
class FakeProvider extends EventEmitter {
  wsconnected = false;
  synced = false;
  shouldConnect = true;
  disconnects = 0;
  destroyed = false;
  disconnect(): void {
    this.disconnects++;
    this.shouldConnect = false;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** The server closes the socket with this code, as y-websocket reports it. */
  serverCloses(code: number): void {
    this.wsconnected = false;
    this.synced = false;
    this.emit('connection-close', { code, reason: '' }, this);
    this.emit('status', { status: 'disconnected' });
  }
  connectsAndSyncs(): void {
    this.wsconnected = true;
    this.emit('status', { status: 'connected' });
    this.synced = true;
    this.emit('sync', true);
  }
}

function harness() {
  const opened: { provider: FakeProvider; doc: Y.Doc; clearData: ReturnType<typeof vi.fn> }[] = [];
  const connect = (): DocConnection => {
    const provider = new FakeProvider();
    const doc = new Y.Doc();
    const clearData = vi.fn(async () => undefined);
    opened.push({ provider, doc, clearData });
    return trackDoc(doc, provider as unknown as WebsocketProvider, { clearData, destroy: async () => undefined });
  };
  const hook = renderHook(() => useDocConnection('board.e1.r1', connect));
  const latest = () => opened.at(-1)!;
  const close = async (name: CloseReasonName) => {
    // Microtasks too: the provider is told to stop after it has finished handling the close.
    await act(async () => latest().provider.serverCloses(closeReasons[name].code));
  };
  return { hook, opened, latest, close };
}

describe('the connection acts on the shared close codes', () => {
  it('retry: a passing problem shows offline and leaves y-websocket reconnecting', async () => {
    const { hook, latest, close } = harness();
    expect(hook.result.current.status).toEqual({ status: 'connecting', unsent: 0 });
    act(() => latest().provider.connectsAndSyncs());
    expect(hook.result.current.status).toEqual({ status: 'live', unsent: 0 });
    await close('tooFast');
    expect(hook.result.current.status).toEqual({ status: 'offline', unsent: 0 });
    await act(async () => latest().provider.serverCloses(1006));
    expect(hook.result.current.status).toEqual({ status: 'offline', unsent: 0 });
    expect(latest().provider.disconnects).toBe(0);
  });

  it('follow: a move stops this connection and says so, for the page to find the new room', async () => {
    const { hook, latest, close } = harness();
    act(() => latest().provider.connectsAndSyncs());
    await close('moved');
    expect(hook.result.current.status).toEqual({ status: 'moved', reason: 'moved' });
    expect(latest().provider.disconnects).toBe(1);
    expect(latest().provider.shouldConnect).toBe(false);
  });

  it('follow: a removed room too', async () => {
    const { hook, latest, close } = harness();
    await close('roomRemoved');
    expect(hook.result.current.status).toEqual({ status: 'moved', reason: 'roomRemoved' });
    expect(latest().provider.disconnects).toBe(1);
  });

  it('stop: a deleted event ends the connection for good and erases this device’s copy', async () => {
    const { hook, latest, close } = harness();
    act(() => latest().provider.connectsAndSyncs());
    await close('eventDeleted');
    expect(hook.result.current.status).toEqual({ status: 'ended', reason: 'eventDeleted' });
    expect(latest().provider.disconnects).toBe(1);
    expect(latest().clearData).toHaveBeenCalledTimes(1);
    // A later close (the socket's own) changes nothing.
    await act(async () => latest().provider.serverCloses(1006));
    expect(hook.result.current.status).toEqual({ status: 'ended', reason: 'eventDeleted' });
  });

  it('stop: an ended session keeps the local copy (it is the person’s own work)', async () => {
    const { hook, latest, close } = harness();
    await close('unauthorized');
    expect(hook.result.current.status).toEqual({ status: 'ended', reason: 'unauthorized' });
    expect(latest().provider.disconnects).toBe(1);
    expect(latest().clearData).not.toHaveBeenCalled();
  });

  it('reset: a refused change stops, keeps the document on screen, and reload starts fresh from the server', async () => {
    const { hook, opened, latest, close } = harness();
    act(() => latest().provider.connectsAndSyncs());
    const first = latest();
    first.doc.getText('t').insert(0, 'what I typed');
    await close('refused');
    expect(hook.result.current.status).toEqual({ status: 'refused', reason: 'refused' });
    expect(first.provider.disconnects).toBe(1);
    expect(hook.result.current.connection?.doc.getText('t').toString()).toBe('what I typed');
    expect(first.clearData).not.toHaveBeenCalled();

    await act(() => hook.result.current.reload());
    expect(first.clearData).toHaveBeenCalledTimes(1);
    expect(first.provider.destroyed).toBe(true);
    expect(opened).toHaveLength(2);
    expect(hook.result.current.connection?.doc).toBe(latest().doc);
    expect(hook.result.current.status).toEqual({ status: 'connecting', unsent: 0 });
  });

  it('every code in the shared table maps to the status its action asks for', async () => {
    const expected = { retry: ['connecting', 'offline'], follow: ['moved'], stop: ['ended'], reset: ['refused'] };
    for (const [name, entry] of Object.entries(closeReasons) as [CloseReasonName, (typeof closeReasons)[CloseReasonName]][]) {
      const { hook, latest, close } = harness();
      await close(name);
      expect(expected[entry.action], name).toContain(hook.result.current.status.status);
      expect(latest().provider.disconnects, name).toBe(entry.action === 'retry' ? 0 : 1);
      hook.unmount();
    }
  });
});

describe('what the person is told', () => {
  it('a deleted event: a plain message that takes focus, no retry', () => {
    render(<ConnectionEnded reason="eventDeleted" audience="participant" />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This event has been deleted');
    expect(alert.textContent).toContain('Anything on this board is no longer kept. You can close this tab.');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'This event has been deleted' }));
  });

  it('a refused change: the reason in plain words and a reload button', async () => {
    const onReload = vi.fn(async () => undefined);
    render(<ChangesRefused reason="boardFull" what="board" onReload={onReload} />);
    expect(screen.getByRole('alert').textContent).toContain('Some of your changes could not be saved: there is no more room on this board.');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Reload the board' })));
    expect(onReload).toHaveBeenCalledTimes(1);
  });
});

describe('the badge tells the truth', () => {
  it('says offline as soon as the browser does, even while the socket still looks open', async () => {
    const { hook, latest } = harness();
    act(() => latest().provider.connectsAndSyncs());
    expect(hook.result.current.status.status).toBe('live');
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      act(() => void window.dispatchEvent(new Event('offline')));
      expect(hook.result.current.status.status).toBe('offline');
    } finally {
      onLine.mockRestore();
    }
    act(() => void window.dispatchEvent(new Event('online')));
    expect(hook.result.current.status.status).toBe('live');
  });

  it('names what is not sent yet, and claims live sharing only when live', () => {
    const { rerender } = render(<DocStatusLine status={{ status: 'offline', unsent: 3 }} />);
    const line = screen.getByRole('status');
    expect(line.textContent).toBe('Offline — your changes are kept on this device and will be sent when the connection is back · 3 changes not sent yet');
    rerender(<DocStatusLine status={{ status: 'offline', unsent: 1 }} />);
    expect(line.textContent).toContain('1 change not sent yet');
    rerender(<DocStatusLine status={{ status: 'live', unsent: 0 }} />);
    expect(screen.getByRole('status').textContent).toBe('Connected — changes are shared live');
  });
});

describe('the heartbeat on the document socket', () => {
  /** The boundary: the provider's socket as y-websocket exposes it. */
  function providerWithSocket() {
    const sent: Uint8Array[] = [];
    const provider = {
      wsconnected: true,
      shouldConnect: true,
      wsLastMessageReceived: Date.now(),
      messageHandlers: [] as unknown[],
      ws: { readyState: WebSocket.OPEN, send: (frame: Uint8Array) => sent.push(frame) },
      restarts: 0,
      disconnect() {
        this.wsconnected = false;
      },
      connect() {
        this.restarts++;
      },
    };
    return { provider, sent };
  }

  it('sends a heartbeat, and drops the socket when nothing comes back in time', () => {
    vi.useFakeTimers();
    try {
      const { provider, sent } = providerWithSocket();
      const stop = keepAlive(provider as unknown as WebsocketProvider);
      expect(provider.messageHandlers[messageHeartbeat]).toBeTypeOf('function');
      vi.advanceTimersByTime(heartbeatTiming.checkMs);
      expect(sent).toEqual([heartbeatFrame]);
      // Answered: the next one goes out after the interval, and nothing is dropped.
      provider.wsLastMessageReceived = Date.now();
      vi.advanceTimersByTime(heartbeatTiming.intervalMs + heartbeatTiming.checkMs);
      expect(sent).toHaveLength(2);
      expect(provider.restarts).toBe(0);
      // Silence: the socket is dropped and a new one opened.
      vi.advanceTimersByTime(heartbeatTiming.timeoutMs + heartbeatTiming.checkMs);
      expect(provider.restarts).toBe(1);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('never restarts a connection that the server ended for good', () => {
    vi.useFakeTimers();
    try {
      const { provider } = providerWithSocket();
      provider.shouldConnect = false;
      const stop = keepAlive(provider as unknown as WebsocketProvider);
      vi.advanceTimersByTime(heartbeatTiming.timeoutMs * 3);
      window.dispatchEvent(new Event('offline'));
      expect(provider.restarts).toBe(0);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
