import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { ControlState } from '../../../shared/control';
import type { EventInfo } from '../../../shared/types';
import { observeServerTime } from '../control/serverClock';
import { openControlSocket, runCommand } from '../control/socket';
import type { RoomOverview } from '../../../shared/overview';

export interface StaffControl {
  socket: Socket | null;
  connected: boolean;
  state: ControlState | null;
  event: EventInfo | null;
  rooms: RoomOverview[];
}

/** The facilitator's live view of the whole event; re-fetched in full after every reconnect. */
export function useStaffControl(eventId: string, enabled: boolean): StaffControl {
  const [control, setControl] = useState<StaffControl>({ socket: null, connected: false, state: null, event: null, rooms: [] });
  useEffect(() => {
    if (!enabled) return;
    const socket = openControlSocket(eventId);
    const refresh = async () => {
      const snap = await runCommand<'control:get', { state: ControlState; event: EventInfo; serverNow: number }>(socket, 'control:get');
      observeServerTime(snap.serverNow);
      const overview = await runCommand<'overview:get', { rooms: RoomOverview[] }>(socket, 'overview:get');
      setControl((c) => ({ ...c, state: snap.state, event: snap.event, rooms: overview.rooms, connected: true }));
    };
    socket.on('connect', () => void refresh().catch(() => undefined));
    socket.on('disconnect', () => setControl((c) => ({ ...c, connected: false })));
    socket.on('control:full', ({ state, serverNow }: { state: ControlState; serverNow: number }) => {
      observeServerTime(serverNow);
      setControl((c) => ({ ...c, state }));
    });
    socket.on('overview', ({ rooms }: { rooms: RoomOverview[] }) => setControl((c) => ({ ...c, rooms })));
    socket.on('event', (event: EventInfo) => setControl((c) => ({ ...c, event })));
    setControl((c) => ({ ...c, socket }));
    return () => {
      socket.disconnect();
    };
  }, [eventId, enabled]);
  return control;
}
