import { useEffect, useState } from 'react';
import type { Socket } from 'socket.io-client';
import type { EventOverview } from '../../../shared/activity';
import type { ControlState } from '../../../shared/control';
import type { RoomOverview } from '../../../shared/overview';
import type { EventInfo } from '../../../shared/types';
import { observeServerTime } from '../control/serverClock';
import { openControlSocket, runCommand } from '../control/socket';

export interface StaffControl {
  socket: Socket | null;
  connected: boolean;
  state: ControlState | null;
  event: EventInfo | null;
  rooms: RoomOverview[];
  /** Rooms, people's activity, voting progress and totals, as the server last pushed them. */
  overview: EventOverview | null;
}

/** The facilitator's live view of the whole event; re-fetched in full after every reconnect. */
export function useStaffControl(eventId: string, enabled: boolean): StaffControl {
  const [control, setControl] = useState<StaffControl>({ socket: null, connected: false, state: null, event: null, rooms: [], overview: null });
  useEffect(() => {
    if (!enabled) return;
    const socket = openControlSocket(eventId);
    const withOverview = (overview: EventOverview) => (c: StaffControl): StaffControl => ({ ...c, overview, rooms: overview.rooms });
    const refresh = async () => {
      const snap = await runCommand<'control:get', { state: ControlState; event: EventInfo; serverNow: number }>(socket, 'control:get');
      observeServerTime(snap.serverNow);
      const overview = await runCommand<'overview:get', EventOverview>(socket, 'overview:get');
      setControl((c) => ({ ...withOverview(overview)(c), state: snap.state, event: snap.event, connected: true }));
    };
    socket.on('connect', () => void refresh().catch(() => undefined));
    socket.on('disconnect', () => setControl((c) => ({ ...c, connected: false })));
    socket.on('control:full', ({ state, serverNow }: { state: ControlState; serverNow: number }) => {
      observeServerTime(serverNow);
      setControl((c) => ({ ...c, state }));
    });
    socket.on('overview', (overview: EventOverview) => setControl(withOverview(overview)));
    socket.on('event', (event: EventInfo) => setControl((c) => ({ ...c, event })));
    setControl((c) => ({ ...c, socket }));
    return () => {
      socket.disconnect();
    };
  }, [eventId, enabled]);
  return control;
}
