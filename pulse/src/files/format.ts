// The project file: versioned JSON. `saveId` names one save so a journal can tell which save it
// continues from.
import { PulseError } from "../model/errors";
import type { Project } from "../model/project";
import type { Track } from "../model/track";

export const FORMAT_MARKER = "loophole-project";
export const CURRENT_FORMAT_VERSION = 2;


/** On disk, `tracks` is a list (JSON has no Map); everything else is the model as it is. */
export type ProjectJson = Omit<Project, "tracks"> & { readonly tracks: readonly Track[] };

export interface ProjectFile {
  readonly format: typeof FORMAT_MARKER;
  readonly formatVersion: number;
  readonly saveId: string;
  readonly savedAt: string;
  readonly project: ProjectJson;
}

export function projectToJson(p: Project): ProjectJson {
  return { ...p, tracks: [...p.tracks.values()] };
}

/** Shape only; validateProject checks the content. */
export function projectFromJson(j: ProjectJson): Project {
  if (!Array.isArray(j.tracks)) throw new PulseError("CorruptFile", "The project's tracks must be a list.", ["project", "tracks"]);
  const tracks = new Map<string, Track>();
  j.tracks.forEach((t, i) => {
    if (typeof t !== "object" || t === null || typeof t.id !== "string") throw new PulseError("CorruptFile", "A track has no id.", ["project", "tracks", i]);
    if (tracks.has(t.id)) throw new PulseError("CorruptFile", `Two tracks have the id "${t.id}".`, ["project", "tracks", i]);
    tracks.set(t.id, t);
  });
  return { ...j, tracks };
}

export function serialise(project: Project, saveId: string, savedAt: Date): string {
  const file: ProjectFile = { format: FORMAT_MARKER, formatVersion: CURRENT_FORMAT_VERSION, saveId, savedAt: savedAt.toISOString(), project: projectToJson(project) };
  return JSON.stringify(file);
}
