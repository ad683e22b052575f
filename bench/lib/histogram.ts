import * as hdr from 'hdr-histogram-js';
import { round } from './proc';

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Latencies recorded in microseconds, reported in milliseconds. */
export function createLatencyHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
}

export function recordMs(histogram: hdr.Histogram, ms: number): void {
  histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
}

export function summarise(histogram: hdr.Histogram): LatencySummary {
  const at = (p: number) => round(histogram.getValueAtPercentile(p) / 1000, 2);
  return { count: histogram.totalCount, p50: at(50), p95: at(95), p99: at(99), max: round(histogram.maxValue / 1000, 2) };
}
