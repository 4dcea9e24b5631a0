// Musical time -> seconds -> engine samples through the tempo map.
//
// Rounding rule (the engine relies on it): a beat position b maps to the sample
//   sample(b) = Math.round(exactSeconds(b) * sampleRate)
// where exactSeconds sums whole tempo segments in double precision. Positions are rounded, never
// lengths: a length is sample(end) - sample(start), so clips that touch in beats touch in samples
// and no rounding error accumulates along the timeline. Math.round rounds .5 up (positions are >= 0).
// Also Pulse's browser-safe entry point `@loophole/pulse/time` (Aura's renderer): no node: imports here.
import type { TempoMap } from "../model/tempo";

interface Segment {
  readonly beat: number;
  readonly seconds: number;
  readonly bpm: number;
}

export class TempoIndex {
  private readonly segments: Segment[];

  constructor(readonly map: TempoMap) {
    const segments: Segment[] = [];
    let seconds = 0;
    let prev: { beat: number; bpm: number } | null = null;
    for (const t of map.tempos) {
      if (prev) seconds += ((t.beat - prev.beat) * 60) / prev.bpm;
      segments.push({ beat: t.beat, seconds, bpm: t.bpm });
      prev = t;
    }
    if (segments.length === 0) segments.push({ beat: 0, seconds: 0, bpm: 120 });
    this.segments = segments;
  }

  private segmentAt(beat: number): Segment {
    const s = this.segments;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid]!.beat <= beat) lo = mid;
      else hi = mid - 1;
    }
    return s[lo]!;
  }

  seconds(beat: number): number {
    const seg = this.segmentAt(beat);
    return seg.seconds + ((beat - seg.beat) * 60) / seg.bpm;
  }

  sample(beat: number, sampleRate: number): number {
    return Math.round(this.seconds(beat) * sampleRate);
  }

  /** Beats covered by `seconds` of audio starting at `fromBeat` (inverse of seconds()). */
  beatAfterSeconds(fromBeat: number, seconds: number): number {
    const target = this.seconds(fromBeat) + seconds;
    const s = this.segments;
    let i = s.length - 1;
    while (i > 0 && s[i]!.seconds > target) i--;
    const seg = s[i]!;
    return seg.beat + ((target - seg.seconds) * seg.bpm) / 60;
  }
}

const cache = new WeakMap<TempoMap, TempoIndex>();

/** One index per (immutable) tempo map. */
export function tempoIndex(map: TempoMap): TempoIndex {
  let idx = cache.get(map);
  if (!idx) {
    idx = new TempoIndex(map);
    cache.set(map, idx);
  }
  return idx;
}
