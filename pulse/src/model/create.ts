// Fresh projects and entities with every field at its default.
import { MASTER_ID, MASTER_NUM, FIRST_NUM, type TrackId } from "./ids";
import type { Project } from "./project";
import { defaultTempoMap } from "./tempo";
import type { Track, TrackKind } from "./track";

export function createTrack(id: TrackId, num: number, kind: TrackKind, name: string): Track {
  return {
    id, num, kind, name,
    parent: null, children: [], hasStrip: kind === "folder",
    gainDb: 0, pan: 0, mute: false, solo: false, soloSafe: false, polarityInvert: false,
    output: null, sends: [], plugins: [], clips: {}, automation: {},
  };
}

export function createProject(meta: { title?: string; artist?: string; now?: Date } = {}): Project {
  const now = (meta.now ?? new Date()).toISOString();
  return {
    meta: { title: meta.title ?? "Untitled", artist: meta.artist ?? "", notes: "", created: now, modified: now },
    nextNum: FIRST_NUM,
    tempo: defaultTempoMap(),
    tracks: new Map([[MASTER_ID, createTrack(MASTER_ID, MASTER_NUM, "master", "Master")]]),
    order: [],
    markers: {},
    loop: null,
  };
}
