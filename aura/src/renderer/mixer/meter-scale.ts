// Meter maths: linear peak to a 0..1 bar height on a dB scale, with a falling peak hold so short
// peaks stay readable at 60 Hz.
export const METER_FLOOR_DB = -60;

export function meterFraction(linear: number): number {
  if (!(linear > 0)) return 0;
  const db = 20 * Math.log10(linear);
  return Math.min(1, Math.max(0, (db - METER_FLOOR_DB) / -METER_FLOOR_DB));
}

/** Next displayed level: jumps up at once, falls at most fallPerFrame per frame. */
export function meterBallistics(shown: number, incoming: number, fallPerFrame = 0.015): number {
  return incoming >= shown ? incoming : Math.max(incoming, shown - fallPerFrame);
}

/** Fader position (0..1) ↔ gain in dB: a curve with unity at 0.75, like a console fader. */
export function faderToDb(position: number): number {
  const p = Math.min(1, Math.max(0, position));
  if (p <= 0) return -144;
  if (p >= 0.75) return ((p - 0.75) / 0.25) * 12;
  return 20 * Math.log10(p / 0.75) * 2.2;
}

export function dbToFader(db: number): number {
  if (db <= -144) return 0;
  if (db >= 0) return 0.75 + Math.min(12, db) / 12 * 0.25;
  return 0.75 * 10 ** (db / (20 * 2.2));
}
