import { useEffect, useState } from 'react';
import { isNearlyUp, remainingMs, type Timer } from '../../../shared/control';

let offsetMs = 0;

/** Learns how far this laptop's clock is from the server's, so every screen counts down alike. */
export function observeServerTime(serverNow: number): void {
  offsetMs = serverNow - Date.now();
}

export function serverNow(): number {
  return Date.now() + offsetMs;
}

export function useCountdown(timer: Timer | null): { leftMs: number; nearlyUp: boolean; done: boolean } {
  const [, tick] = useState(0);
  useEffect(() => {
    if (timer?.status !== 'running') return;
    const id = setInterval(() => tick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [timer]);
  if (!timer) return { leftMs: 0, nearlyUp: false, done: false };
  const now = serverNow();
  const leftMs = remainingMs(timer, now);
  return { leftMs, nearlyUp: isNearlyUp(timer, now), done: timer.status === 'running' && leftMs === 0 };
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${seconds.toString().padStart(2, '0')}`;
}

export function spokenDuration(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes <= 1 ? 'less than a minute' : `${minutes} minutes`;
}
