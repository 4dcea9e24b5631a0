// Range checks for operation inputs. Each throws a PulseError naming the field and the allowed range.
import type { ErrorPath } from "../model/errors";
import { PulseError } from "../model/errors";

export type Path = ErrorPath;

/** `v` with every -0 in it made 0 (new arrays and objects only where one was). A project file is
 *  JSON, which has no -0: a project holding one would not come back from a save unchanged.
 *  Nesting deeper than any operation's is left as it is (the checks refuse it anyway). */
export function withoutNegativeZero<T>(v: T, depth = 0): T {
  if (Object.is(v, -0)) return 0 as T;
  if (typeof v !== "object" || v === null || depth > 32) return v;
  if (Array.isArray(v)) {
    const items = v.map((x) => withoutNegativeZero(x, depth + 1));
    return (items.some((x, i) => !Object.is(x, v[i])) ? items : v) as T;
  }
  const entries = Object.entries(v);
  const cleaned = entries.map(([k, x]) => [k, withoutNegativeZero(x, depth + 1)] as const);
  // fromEntries defines own data properties: a "__proto__" key stays a key.
  return (cleaned.some(([, x], i) => !Object.is(x, entries[i]![1])) ? Object.fromEntries(cleaned) : v) as T;
}

export function num(v: unknown, path: Path, what: string, lo: number, hi: number): number {
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new PulseError("InvalidValue", `${what} must be a finite number.`, path);
  if (v < lo || v > hi) throw new PulseError("OutOfRange", `${what} must be between ${lo} and ${hi}, not ${v}.`, path);
  return v;
}

export function positive(v: unknown, path: Path, what: string, hi = 1e9): number {
  num(v, path, what, 0, hi);
  if ((v as number) <= 0) throw new PulseError("OutOfRange", `${what} must be greater than 0.`, path);
  return v as number;
}

export function int(v: unknown, path: Path, what: string, lo: number, hi: number): number {
  num(v, path, what, lo, hi);
  if (!Number.isInteger(v)) throw new PulseError("InvalidValue", `${what} must be a whole number.`, path);
  return v as number;
}

export function bool(v: unknown, path: Path, what: string): boolean {
  if (typeof v !== "boolean") throw new PulseError("InvalidValue", `${what} must be true or false.`, path);
  return v;
}

export function str(v: unknown, path: Path, what: string, max = 10_000): string {
  if (typeof v !== "string") throw new PulseError("InvalidValue", `${what} must be text.`, path);
  if (v.length > max) throw new PulseError("OutOfRange", `${what} must be at most ${max} characters.`, path);
  return v;
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: Path, what: string): T {
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v))
    throw new PulseError("InvalidValue", `${what} must be one of ${allowed.join(", ")}.`, path);
  return v as T;
}

export function list(v: unknown, path: Path, what: string, max = 1_000_000): unknown[] {
  if (!Array.isArray(v)) throw new PulseError("InvalidValue", `${what} must be a list.`, path);
  if (v.length > max) throw new PulseError("OutOfRange", `${what} must hold at most ${max} entries.`, path);
  return v;
}

/** Beats on the timeline: 0 .. 1e6 (about 6 days at 120 bpm). */
export const MAX_BEAT = 1_000_000;
export function beat(v: unknown, path: Path, what: string): number {
  return num(v, path, what, 0, MAX_BEAT);
}

export function base64(v: unknown, path: Path, what: string): string {
  const s = str(v, path, what, 64 * 1024 * 1024);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0)
    throw new PulseError("InvalidValue", `${what} must be base64 text.`, path);
  return s;
}
