// What facilitators see of each room on the control panel.
export interface BoardStats {
  cardsByQuestion: Record<string, number>;
  cardCount: number;
  hiddenCount: number;
  lastActivity: number | null;
}

export interface RoomOverview extends BoardStats {
  roomId: string;
  topic: string;
  participants: { id: string; name: string; online: boolean }[];
  locked: boolean;
  openHelp: number;
  voteTotals: Record<string, number>;
}
