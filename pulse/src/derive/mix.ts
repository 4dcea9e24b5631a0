// Mixer resolution done before the engine sees anything: which channel each track's audio goes to,
// and the effective mute after solo.
//
// Solo is solo-in-place. When anything is soloed, a track stays audible if it is soloed (or sits in a
// soloed folder), feeds a soloed track through its outputs (soloing a bus keeps its sources), is fed
// by a soloed track through outputs or sends (soloing a track keeps the buses it feeds, so its reverb
// return stays), or is solo-safe. Everything else is muted. Explicit mutes, also a folder's mute over
// its children, always win. The master is never muted by solo.
import { MASTER_ID, type TrackId } from "../model/ids";
import type { Project } from "../model/project";
import type { Track } from "../model/track";
import { outputOf } from "../model/walk";

export interface MixResolution {
  /** Channel num each audible-capable track outputs to (0 for the master). */
  readonly outputNum: ReadonlyMap<TrackId, number>;
  readonly muted: ReadonlySet<TrackId>;
}

const hasStrip = (t: Track): boolean => !(t.kind === "folder" && !t.hasStrip);
const NONE = { mute: false, solo: false };

/** Could the mix resolution differ between two versions of a track? */
function mixInputsDiffer(a: Track, b: Track): boolean {
  if (a === b) return false;
  if (a.num !== b.num || a.kind !== b.kind || a.parent !== b.parent || a.output !== b.output || a.hasStrip !== b.hasStrip ||
      a.mute !== b.mute || a.solo !== b.solo || a.soloSafe !== b.soloSafe || a.sends.length !== b.sends.length) return true;
  for (let i = 0; i < a.sends.length; i++) if (a.sends[i]!.target !== b.sends[i]!.target) return true;
  return false;
}

/** True when `resolveMix` of `next` would equal that of `prev` (cheap: identity first, no allocation). */
export function sameMixInputs(prev: Project, next: Project): boolean {
  if (prev.tracks === next.tracks) return true;
  if (prev.tracks.size !== next.tracks.size) return false;
  for (const [id, t] of next.tracks) {
    const old = prev.tracks.get(id);
    if (!old || mixInputsDiffer(old, t)) return false;
  }
  return true;
}

export function resolveMix(project: Project): MixResolution {
  const tracks = [...project.tracks.values()];
  const outputNum = new Map<TrackId, number>();
  const outputId = new Map<TrackId, TrackId>();
  const muted = new Set<TrackId>();
  let anySolo = false;
  const soloed = new Set<TrackId>();

  // Mute/solo inherited from enclosing folders, worked out once per folder.
  const inherited = new Map<TrackId, { mute: boolean; solo: boolean }>();
  const fromFolders = (parent: TrackId | null): { mute: boolean; solo: boolean } => {
    if (parent === null) return NONE;
    let s = inherited.get(parent);
    if (!s) {
      const f = project.tracks.get(parent);
      const up = fromFolders(f?.parent ?? null);
      s = { mute: up.mute || !!f?.mute, solo: up.solo || !!f?.solo };
      inherited.set(parent, s);
    }
    return s;
  };
  for (const t of tracks) {
    if (!hasStrip(t)) continue;
    const out = outputOf(project, t);
    if (out !== null) outputId.set(t.id, out);
    outputNum.set(t.id, out === null ? 0 : project.tracks.get(out)?.num ?? 0);
    const chain = fromFolders(t.parent);
    if (t.mute || chain.mute) muted.add(t.id);
    if (t.solo || chain.solo) {
      anySolo = true;
      soloed.add(t.id);
    }
  }
  if (!anySolo) return { outputNum, muted };

  const audible = new Set<TrackId>(soloed);
  audible.add(MASTER_ID);
  // Downstream of solo: outputs and sends.
  const down: TrackId[] = [...soloed];
  while (down.length) {
    const t = project.tracks.get(down.pop()!)!;
    const next = [outputId.get(t.id), ...t.sends.map((s) => s.target)];
    for (const n of next) if (n !== undefined && !audible.has(n)) { audible.add(n); down.push(n); }
  }
  // Upstream of solo: the sources whose outputs lead into a soloed track.
  const feeders = new Map<TrackId, TrackId[]>();
  for (const [from, to] of outputId) {
    const l = feeders.get(to);
    if (l) l.push(from);
    else feeders.set(to, [from]);
  }
  const up: TrackId[] = [...soloed];
  while (up.length) {
    for (const f of feeders.get(up.pop()!) ?? []) if (!audible.has(f)) { audible.add(f); up.push(f); }
  }
  for (const t of tracks) if (hasStrip(t) && !audible.has(t.id) && !t.soloSafe) muted.add(t.id);
  return { outputNum, muted };
}
