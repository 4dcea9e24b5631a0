// Tracks and the master strip. Folders contain tracks; a folder with `hasStrip` mixes its children
// like a bus, one without just groups them (children then route past it).
import type { AutomationLane } from "./automation";
import type { Clip } from "./clip";
import type { ClipId, LaneId, PluginId, SendId, TrackId } from "./ids";
import type { PluginInstance } from "./plugin";

export type TrackKind = "audio" | "instrument" | "bus" | "folder" | "master";
export const USER_TRACK_KINDS: readonly Exclude<TrackKind, "master">[] = ["audio", "instrument", "bus", "folder"];

export interface Send {
  readonly id: SendId;
  readonly num: number;
  /** A bus, a folder with a strip, or the master. */
  readonly target: TrackId;
  readonly gainDb: number;
  readonly preFader: boolean;
}

export interface Track {
  readonly id: TrackId;
  readonly num: number;
  readonly kind: TrackKind;
  readonly name: string;
  /** Enclosing folder, or null at top level (always null for the master). */
  readonly parent: TrackId | null;
  /** Ordered children; non-empty only on folders. */
  readonly children: readonly TrackId[];
  /** Folders only: true = the folder is a mixer strip (a bus its children feed). */
  readonly hasStrip: boolean;
  readonly gainDb: number;
  readonly pan: number;
  readonly mute: boolean;
  readonly solo: boolean;
  /** Never muted implicitly by someone else's solo. */
  readonly soloSafe: boolean;
  readonly polarityInvert: boolean;
  /** Explicit destination (a bus, a folder with a strip, or the master); null = the enclosing
   *  folder strip if any, else the master. Always null on the master. */
  readonly output: TrackId | null;
  readonly sends: readonly Send[];
  /** The insert chain in processing order. */
  readonly plugins: readonly PluginInstance[];
  readonly clips: Readonly<Record<ClipId, Clip>>;
  readonly automation: Readonly<Record<LaneId, AutomationLane>>;
}

export type { PluginId };

/** Gains below this are silence (engine gain 0). */
export const MIN_GAIN_DB = -144;
export const MAX_GAIN_DB = 12;
