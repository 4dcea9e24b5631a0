// Tempo and metre, in musical time. Tempo changes are steps (no ramps): a tempo holds until the next point.

export interface TempoChange {
  /** Position in beats (quarter notes) where this tempo starts; the first change is at beat 0. */
  readonly beat: number;
  readonly bpm: number;
}

export interface MeterChange {
  /** Position in beats where this metre starts; should fall on a bar line of the previous metre. */
  readonly beat: number;
  readonly numerator: number;
  readonly denominator: number;
}

export interface TempoMap {
  /** Sorted by beat, first at beat 0, beats unique. */
  readonly tempos: readonly TempoChange[];
  /** Sorted by beat, first at beat 0, beats unique. */
  readonly meters: readonly MeterChange[];
}

export const MIN_BPM = 10;
export const MAX_BPM = 999;

export function defaultTempoMap(): TempoMap {
  return { tempos: [{ beat: 0, bpm: 120 }], meters: [{ beat: 0, numerator: 4, denominator: 4 }] };
}
