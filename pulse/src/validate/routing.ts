// Whole-project reference and routing checks: every reference resolves, folders and the track list
// agree, and outputs + sends + sidechains form no cycle (a cycle would make the engine graph unplayable).
import { PulseError } from "../model/errors";
import { MASTER_ID, type TrackId } from "../model/ids";
import type { Project } from "../model/project";
import { isMixDestination, outputOf } from "../model/walk";
import type { Track } from "../model/track";

/** Edges of the audio graph: who feeds whom (source -> destination), with the field responsible. */
export interface Edge {
  readonly from: TrackId;
  readonly to: TrackId;
  /** Which field makes the edge: the owner's output, send i, or plugin i's sidechain. */
  readonly via: "output" | "sends" | "plugins";
  readonly index: number;
}

function edgePath(e: Edge): (string | number)[] {
  if (e.via === "output") return ["tracks", e.from, "output"];
  if (e.via === "sends") return ["tracks", e.from, "sends", e.index, "target"];
  return ["tracks", e.to, "plugins", e.index, "sidechainFrom"];
}

function hasAudio(t: Track): boolean {
  return !(t.kind === "folder" && !t.hasStrip);
}

export function audioEdges(project: Project): Edge[] {
  const edges: Edge[] = [];
  for (const t of project.tracks.values()) {
    if (!hasAudio(t)) continue;
    const out = outputOf(project, t);
    if (out !== null) edges.push({ from: t.id, to: out, via: "output", index: 0 });
    for (let i = 0; i < t.sends.length; i++) edges.push({ from: t.id, to: t.sends[i]!.target, via: "sends", index: i });
    for (let i = 0; i < t.plugins.length; i++) {
      const src = t.plugins[i]!.sidechainFrom;
      if (src !== null) edges.push({ from: src, to: t.id, via: "plugins", index: i });
    }
  }
  return edges;
}

export function checkReferences(project: Project): void {
  const tracks = project.tracks;
  const master = tracks.get(MASTER_ID);
  if (!master || master.kind !== "master") throw new PulseError("DanglingReference", "The project has no master track.", ["tracks", MASTER_ID]);
  const listed = new Set<TrackId>();
  const walk = (ids: readonly TrackId[], parent: TrackId | null, path: (string | number)[]): void => {
    ids.forEach((id, i) => {
      const t = tracks.get(id);
      if (!t) throw new PulseError("DanglingReference", `The track list names a track "${id}" that does not exist.`, [...path, i]);
      if (listed.has(id)) throw new PulseError("InvalidValue", `Track "${t.name}" is listed twice.`, [...path, i]);
      if (t.parent !== parent) throw new PulseError("InvalidValue", `Track "${t.name}" is listed under the wrong folder.`, ["tracks", id, "parent"]);
      listed.add(id);
      if (t.children.length && t.kind !== "folder") throw new PulseError("InvalidValue", `Track "${t.name}" is not a folder but has children.`, ["tracks", id, "children"]);
      walk(t.children, id, ["tracks", id, "children"]);
    });
  };
  walk(project.order, null, ["order"]);
  for (const t of tracks.values()) {
    if (t.kind !== "master" && !listed.has(t.id)) throw new PulseError("InvalidValue", `Track "${t.name}" is not in the track list.`, ["tracks", t.id]);
    const dest = (id: TrackId, path: (string | number)[], what: string): void => {
      const d = tracks.get(id);
      if (!d) throw new PulseError("DanglingReference", `${what} of "${t.name}" points at a track "${id}" that does not exist.`, path);
      if (!isMixDestination(d)) throw new PulseError("InvalidValue", `${what} of "${t.name}" points at "${d.name}", which cannot receive audio.`, path);
    };
    if (t.output !== null) dest(t.output, ["tracks", t.id, "output"], "The output");
    t.sends.forEach((s, i) => dest(s.target, ["tracks", t.id, "sends", i, "target"], "A send"));
    t.plugins.forEach((p, i) => {
      if (p.sidechainFrom !== null && !tracks.has(p.sidechainFrom))
        throw new PulseError("DanglingReference", `The sidechain of "${p.name}" on "${t.name}" points at a track "${p.sidechainFrom}" that does not exist.`, ["tracks", t.id, "plugins", i, "sidechainFrom"]);
    });
  }
}

export function checkCycles(project: Project): void {
  const edges = audioEdges(project);
  const out = new Map<TrackId, Edge[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  const state = new Map<TrackId, 1 | 2>(); // 1 = on the stack, 2 = done
  const stack: Edge[] = [];
  const visit = (id: TrackId): void => {
    state.set(id, 1);
    for (const e of out.get(id) ?? []) {
      const s = state.get(e.to);
      if (s === 1) {
        const start = stack.findIndex((x) => x.from === e.to);
        const loop = [...stack.slice(start < 0 ? stack.length : start), e];
        const names = [...loop.map((x) => project.tracks.get(x.from)?.name ?? x.from), project.tracks.get(e.to)?.name ?? e.to];
        throw new PulseError("RoutingCycle", `This routing would make a loop: ${names.join(" → ")}.`, edgePath(e));
      }
      if (s === undefined) {
        stack.push(e);
        visit(e.to);
        stack.pop();
      }
    }
    state.set(id, 2);
  };
  for (const id of project.tracks.keys()) if (!state.has(id)) visit(id);
}

export function checkRouting(project: Project): void {
  checkReferences(project);
  checkCycles(project);
}

/** Outgoing edges of one track, computed on demand (for incremental checks). */
function edgesFrom(project: Project, id: TrackId, keyedBy: ReadonlyMap<TrackId, Edge[]>): Edge[] {
  const t = project.tracks.get(id);
  if (!t || !hasAudio(t)) return [];
  const out: Edge[] = [];
  const dest = outputOf(project, t);
  if (dest !== null) out.push({ from: id, to: dest, via: "output", index: 0 });
  for (let i = 0; i < t.sends.length; i++) out.push({ from: id, to: t.sends[i]!.target, via: "sends", index: i });
  for (const e of keyedBy.get(id) ?? []) out.push(e);
  return out;
}

/**
 * Incremental cycle check after an edit, assuming the graph was acyclic before: any new cycle must
 * run through an edge of a touched track, and an edge a -> b closes a cycle iff a is reachable from b.
 * Costs a walk downstream of the touched tracks instead of the whole project.
 */
export function checkCyclesThrough(project: Project, touched: ReadonlySet<TrackId>): void {
  const keyedBy = new Map<TrackId, Edge[]>(); // sidechain edges by source track
  for (const t of project.tracks.values())
    for (let i = 0; i < t.plugins.length; i++) {
      const src = t.plugins[i]!.sidechainFrom;
      if (src === null) continue;
      const e: Edge = { from: src, to: t.id, via: "plugins", index: i };
      const l = keyedBy.get(src);
      if (l) l.push(e);
      else keyedBy.set(src, [e]);
    }
  const candidates: Edge[] = [];
  for (const id of touched) {
    candidates.push(...edgesFrom(project, id, keyedBy));
    const t = project.tracks.get(id);
    t?.plugins.forEach((p, i) => { if (p.sidechainFrom !== null) candidates.push({ from: p.sidechainFrom, to: id, via: "plugins", index: i }); });
  }
  for (const edge of candidates) {
    // Depth-first from edge.to looking for edge.from, remembering how we got there for the message.
    const cameFrom = new Map<TrackId, TrackId | null>([[edge.to, null]]);
    const stack: TrackId[] = [edge.to];
    while (stack.length) {
      const id = stack.pop()!;
      if (id === edge.from) {
        const names: string[] = [];
        for (let at: TrackId | null = id; at !== null; at = cameFrom.get(at) ?? null) names.push(project.tracks.get(at)?.name ?? at);
        names.reverse();
        const start = project.tracks.get(edge.from)?.name ?? edge.from;
        throw new PulseError("RoutingCycle", `This routing would make a loop: ${[start, ...names.slice(0, -1), start].join(" → ")}.`, edgePath(edge));
      }
      for (const e of edgesFrom(project, id, keyedBy))
        if (!cameFrom.has(e.to)) { cameFrom.set(e.to, id); stack.push(e.to); }
    }
  }
}
