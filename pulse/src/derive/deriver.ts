// Compiles projects into engine graphs, incrementally: a channel is re-derived only when its track
// object, the tempo map, the sample rate or its resolved output/mute changed. Because projects are
// immutable with structural sharing, "changed" is an identity check.
import { ipc } from "@loophole/contract";
import { MASTER_ID, type TrackId } from "../model/ids";
import type { Project } from "../model/project";
import type { TempoMap } from "../model/tempo";
import type { Track } from "../model/track";
import { deepFreeze } from "../model/freeze";
import { tracksInOrder } from "../model/walk";
import { tempoIndex } from "../time/tempo-index";
import type { MediaGate } from "../ops/context";
import { deriveChannel } from "./channel";
import { resolveMix, sameMixInputs, type MixResolution } from "./mix";
import { engineTempoMap } from "./tempo";

interface Cached {
  readonly track: Track;
  readonly tempo: TempoMap;
  readonly sampleRate: number;
  readonly outputNum: number;
  readonly muted: boolean;
  readonly channel: ipc.ChannelT;
}

/** Channels in engine order: master first, then tracks in arrangement order. */
export interface DerivedGraph {
  readonly revision: number;
  readonly sampleRate: number;
  readonly channels: readonly ipc.ChannelT[];
  readonly tempoMap: readonly ipc.TempoPointT[];
  readonly tempo: TempoMap;
}

export class GraphDeriver {
  private readonly cache = new Map<TrackId, Cached>();
  private tempoCache: { map: TempoMap; sampleRate: number; points: ipc.TempoPointT[] } | null = null;
  /** Channels re-derived by the last derive() call, for tests and telemetry. */
  lastRederived = 0;

  /** `media`: the engine is only told to read clip files it allows, at the path it resolves. */
  constructor(readonly sampleRate: number, private readonly media?: MediaGate) {}

  derive(project: Project, revision: number): DerivedGraph {
    const sr = this.sampleRate;
    const idx = tempoIndex(project.tempo);
    const mix = this.mixFor(project);
    const master = project.tracks.get(MASTER_ID)!;
    const channels: ipc.ChannelT[] = [];
    const seen = new Set<TrackId>();
    this.lastRederived = 0;
    for (const t of [master, ...tracksInOrder(project)]) {
      if (t.kind === "folder" && !t.hasStrip) continue;
      const outputNum = mix.outputNum.get(t.id) ?? 0;
      const muted = mix.muted.has(t.id);
      seen.add(t.id);
      const c = this.cache.get(t.id);
      if (c && c.track === t && c.tempo === project.tempo && c.sampleRate === sr && c.outputNum === outputNum && c.muted === muted) {
        channels.push(c.channel);
        continue;
      }
      // Frozen: cached channels are shared between snapshots, so nobody may edit one in place.
      const channel = deepFreeze(deriveChannel(t, { project, tempo: idx, sampleRate: sr, outputNum, muted, media: this.media }));
      this.lastRederived++;
      this.cache.set(t.id, { track: t, tempo: project.tempo, sampleRate: sr, outputNum, muted, channel });
      channels.push(channel);
    }
    // The cache follows the newest project; forget tracks that are gone.
    if (this.cache.size > seen.size) for (const id of this.cache.keys()) if (!seen.has(id)) this.cache.delete(id);
    return { revision, sampleRate: sr, channels, tempoMap: this.tempoPoints(project.tempo, idx), tempo: project.tempo };
  }

  private lastMix: { project: Project; mix: MixResolution } | null = null;

  private mixFor(project: Project): MixResolution {
    const last = this.lastMix;
    if (last && sameMixInputs(last.project, project)) {
      this.lastMix = { project, mix: last.mix };
      return last.mix;
    }
    const mix = resolveMix(project);
    this.lastMix = { project, mix };
    return mix;
  }

  private tempoPoints(map: TempoMap, idx: ReturnType<typeof tempoIndex>): ipc.TempoPointT[] {
    const c = this.tempoCache;
    if (c && c.map === map && c.sampleRate === this.sampleRate) return c.points;
    const points = deepFreeze(engineTempoMap(map, idx, this.sampleRate));
    this.tempoCache = { map, sampleRate: this.sampleRate, points };
    return points;
  }
}

export function toSnapshot(g: DerivedGraph): ipc.GraphSnapshotT {
  return new ipc.GraphSnapshotT(BigInt(g.revision), g.sampleRate, [...g.channels], [...g.tempoMap]);
}

/** Structural equality of two generated object-API values (numbers, bigints, strings, arrays, objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  return true;
}

/** The minimal change from `from` to `to` at channel granularity. */
export function diffGraphs(from: DerivedGraph, to: DerivedGraph): ipc.GraphDiffT {
  const before = new Map(from.channels.map((c) => [c.id, c]));
  const after = new Set(to.channels.map((c) => c.id));
  const upsert = to.channels.filter((c) => {
    const old = before.get(c.id);
    return !old || !sameValue(old, c);
  });
  const removed = from.channels.filter((c) => !after.has(c.id)).map((c) => c.id);
  const tempoChanged = from.tempo !== to.tempo && !sameValue(from.tempoMap, to.tempoMap);
  return new ipc.GraphDiffT(BigInt(from.revision), BigInt(to.revision), upsert, removed, tempoChanged ? [...to.tempoMap] : []);
}
