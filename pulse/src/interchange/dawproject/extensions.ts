// What Loophole knows that DAWproject has no place for (clip gain, fade and curve shapes, plugin
// isolation and sidechains, solo-safe, polarity, the loop range). It travels in an extra file in the
// container, keyed by the XML ids of project.xml: other applications ignore it, Loophole reads it back,
// so a Loophole -> DAWproject -> Loophole round trip loses nothing.
import { CURVE_SHAPES, type CurveShape } from "../../model/automation";
import { FADE_SHAPES, type FadeShape } from "../../model/clip";
import { ISOLATION_MODES, type IsolationMode } from "../../model/plugin";
import type { LoopRange } from "../../model/project";

export const EXTENSIONS_FILE = "loophole/extensions.json";
const FORMAT = "loophole.dawproject-extensions";
const VERSION = 1;

export interface TrackExtras { soloSafe?: boolean; polarityInvert?: boolean }
/** sidechainFrom is the XML id of the feeding <Track>. */
export interface DeviceExtras { isolation?: IsolationMode; sidechainFrom?: string }
export interface AudioClipExtras { gainDb?: number; fadeInShape?: FadeShape; fadeOutShape?: FadeShape }
export interface PointExtras { shape: CurveShape; tension: number }

export interface Extensions {
  /** Keyed by <Track> id. */
  tracks: Record<string, TrackExtras>;
  /** Keyed by device element id. */
  devices: Record<string, DeviceExtras>;
  /** Keyed by the clip's <Audio> id (clips themselves carry no id in DAWproject). */
  audioClips: Record<string, AudioClipExtras>;
  /** Keyed by <Points> id: one entry per point, in order. */
  points: Record<string, PointExtras[]>;
  loop: LoopRange | null;
}

export function emptyExtensions(): Extensions {
  return { tracks: {}, devices: {}, audioClips: {}, points: {}, loop: null };
}

export function hasExtensions(e: Extensions): boolean {
  return e.loop !== null || [e.tracks, e.devices, e.audioClips, e.points].some((r) => Object.keys(r).length > 0);
}

export function serialiseExtensions(e: Extensions): string {
  return JSON.stringify({ format: FORMAT, version: VERSION, ...e });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function records<T>(value: unknown, read: (v: Record<string, unknown>) => T | undefined): Record<string, T> {
  const out: Record<string, T> = {};
  if (!isObject(value)) return out;
  for (const [key, raw] of Object.entries(value)) {
    const item = isObject(raw) ? read(raw) : undefined;
    if (item !== undefined) out[key] = item;
  }
  return out;
}

const oneOf = <T extends string>(v: unknown, allowed: readonly T[]): T | undefined =>
  typeof v === "string" && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
const flag = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
const finite = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Lenient: anything unreadable is dropped (the project itself is complete without it). Throws on bad JSON. */
export function parseExtensions(json: string): Extensions {
  const root: unknown = JSON.parse(json);
  if (!isObject(root) || root["format"] !== FORMAT) throw new Error(`not a ${FORMAT} document`);
  if (root["version"] !== VERSION) throw new Error(`unsupported version ${String(root["version"])}`);
  const points: Record<string, PointExtras[]> = {};
  if (isObject(root["points"])) {
    for (const [key, list] of Object.entries(root["points"])) {
      if (!Array.isArray(list)) continue;
      points[key] = list.map((p) => ({
        shape: oneOf(isObject(p) ? p["shape"] : undefined, CURVE_SHAPES) ?? "Linear",
        tension: Math.max(-1, Math.min(1, finite(isObject(p) ? p["tension"] : undefined) ?? 0)),
      }));
    }
  }
  const loop = root["loop"];
  return {
    tracks: records(root["tracks"], (t) => ({ soloSafe: flag(t["soloSafe"]), polarityInvert: flag(t["polarityInvert"]) })),
    devices: records(root["devices"], (d) => ({
      isolation: oneOf(d["isolation"], ISOLATION_MODES),
      sidechainFrom: typeof d["sidechainFrom"] === "string" ? d["sidechainFrom"] : undefined,
    })),
    audioClips: records(root["audioClips"], (a) => ({
      gainDb: finite(a["gainDb"]), fadeInShape: oneOf(a["fadeInShape"], FADE_SHAPES), fadeOutShape: oneOf(a["fadeOutShape"], FADE_SHAPES),
    })),
    points,
    loop: isObject(loop) && finite(loop["start"]) !== undefined && finite(loop["end"]) !== undefined && flag(loop["enabled"]) !== undefined
      ? { start: loop["start"] as number, end: loop["end"] as number, enabled: loop["enabled"] as boolean }
      : null,
  };
}
