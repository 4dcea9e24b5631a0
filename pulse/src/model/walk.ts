// Read-only questions about a project that several areas ask.
import type { Project } from "./project";
import type { Track } from "./track";
import { MASTER_ID, type TrackId } from "./ids";

/** Tracks in arrangement order: depth-first through folders, master excluded. */
export function tracksInOrder(project: Project): Track[] {
  const out: Track[] = [];
  const visit = (ids: readonly TrackId[]): void => {
    for (const id of ids) {
      const t = project.tracks.get(id);
      if (!t) continue;
      out.push(t);
      if (t.children.length) visit(t.children);
    }
  };
  visit(project.order);
  return out;
}

/** True for tracks that can receive audio from others: buses, folders with a strip, the master. */
export function isMixDestination(t: Track): boolean {
  return t.kind === "bus" || t.kind === "master" || (t.kind === "folder" && t.hasStrip);
}

/** Where a track's audio goes, following the "null = enclosing folder strip, else master" rule. */
export function outputOf(project: Project, t: Track): TrackId | null {
  if (t.kind === "master") return null;
  if (t.output !== null) return t.output;
  let p = t.parent;
  while (p !== null) {
    const folder = project.tracks.get(p);
    if (!folder) break;
    if (folder.hasStrip) return folder.id;
    p = folder.parent;
  }
  return MASTER_ID;
}

/** Ancestors from the direct parent outwards. */
export function ancestorsOf(project: Project, t: Track): Track[] {
  const out: Track[] = [];
  let p = t.parent;
  while (p !== null) {
    const f = project.tracks.get(p);
    if (!f) break;
    out.push(f);
    p = f.parent;
  }
  return out;
}
