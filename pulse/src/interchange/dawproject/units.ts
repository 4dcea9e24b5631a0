// Conversions between Loophole's units and the ones DAWproject files use.
import { MAX_GAIN_DB, MIN_GAIN_DB } from "../../model/track";

/** DAWproject volumes are linear amplitude; Loophole keeps dB. */
export function linearFromDb(db: number): number {
  return db <= MIN_GAIN_DB ? 0 : 10 ** (db / 20);
}

export function dbFromLinear(linear: number): number {
  if (linear <= 0) return MIN_GAIN_DB;
  return clamp(20 * Math.log10(linear), MIN_GAIN_DB, MAX_GAIN_DB);
}

/** DAWproject pans are normalised 0..1 with 0.5 centre; Loophole uses -1..1. */
export function normalisedFromPan(pan: number): number {
  return (pan + 1) / 2;
}

export function panFromNormalised(value: number): number {
  return clamp(value * 2 - 1, -1, 1);
}

export function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Text for an XML attribute: short, exact for the double (no "0.30000000000000004" rounding loss). */
export function decimal(value: number): string {
  return String(value);
}

/** Values read back from linear/log conversions drift by ~1e-15; snap them to what the user typed. */
export function tidy(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
