// The whole project: one plain, immutable, JSON-serialisable value. Changes go through operations
// (pulse/src/ops) which produce a new Project sharing every untouched part with the old one.
import type { MarkerId, TrackId } from "./ids";
import type { TempoMap } from "./tempo";
import type { Track } from "./track";

export interface Metadata {
  readonly title: string;
  readonly artist: string;
  readonly notes: string;
  /** ISO-8601 timestamps. */
  readonly created: string;
  readonly modified: string;
}

export interface Marker {
  readonly id: MarkerId;
  readonly num: number;
  readonly name: string;
  readonly beat: number;
}

export interface LoopRange {
  readonly start: number;
  readonly end: number;
  readonly enabled: boolean;
}

export interface Project {
  readonly meta: Metadata;
  /** Next engine number to hand out; only grows. */
  readonly nextNum: number;
  readonly tempo: TempoMap;
  /** Every track including the master (under MASTER_ID), keyed by id. A Map, not a record: copying
   *  a 1,000-entry Map on each edit is ~10x cheaper than spreading an object (see chorus/model). */
  readonly tracks: ReadonlyMap<TrackId, Track>;
  /** Top-level track order (the master is not listed); folders order their own children. */
  readonly order: readonly TrackId[];
  readonly markers: Readonly<Record<MarkerId, Marker>>;
  readonly loop: LoopRange | null;
}
