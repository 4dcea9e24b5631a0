// DAWproject -> Project. Reads the container, the structure (tracks, mixer, devices, routing), then the
// arrangement (clips, automation, markers, tempo); the result is validated like any project from outside.
import { MASTER_ID, type TrackId } from "../../model/ids";
import { createProject } from "../../model/create";
import { isPulseError } from "../../model/errors";
import type { Project } from "../../model/project";
import type { Track } from "../../model/track";
import { validateProject } from "../../validate/project";
import { text, unpackArchive } from "./archive";
import { DawProjectError } from "./errors";
import { readArrangement } from "./import-arrangement";
import { readTempo } from "./import-tempo";
import { ImportContext } from "./import-context";
import { applyExtensions } from "./import-extensions";
import { readTrack, resolveRouting } from "./import-structure";
import { METADATA_FILE, PROJECT_FILE } from "./vocabulary";
import { child, parseXml, type XmlElement } from "./xml";

export interface ImportOptions {
  /** Where embedded audio files will be written; clips refer to them there. */
  mediaDirectory: string;
  now?: Date;
  /** Limit on the unpacked size of the whole container; default MAX_UNPACKED_BYTES. */
  maxUnpackedBytes?: number;
  /** Where the .dawproject file lies: relative paths of external audio files are taken from there. */
  baseDirectory?: string;
}

export interface ImportResult {
  project: Project;
  /** Embedded audio to write to disk (paths inside mediaDirectory) before the project is played. */
  media: { path: string; bytes: Uint8Array }[];
  /** What could not be imported faithfully, for the user to read. */
  warnings: string[];
}

function metadata(ctx: ImportContext): { title?: string; artist?: string; notes?: string } {
  const bytes = ctx.files[METADATA_FILE];
  if (!bytes) return {};
  let root: XmlElement;
  try {
    root = parseXml(text(bytes), METADATA_FILE);
  } catch (error) {
    ctx.warn(`${(error as Error).message}; the title and artist were not imported.`);
    return {};
  }
  const field = (name: string) => child(root, name)?.text;
  return { title: field("Title"), artist: field("Artist"), notes: field("Comment") };
}

export function importDawProject(bytes: Uint8Array, options: ImportOptions): ImportResult {
  const ctx = new ImportContext(unpackArchive(bytes, options.maxUnpackedBytes), options.mediaDirectory, options.baseDirectory);
  const root = parseXml(text(ctx.files[PROJECT_FILE]!), PROJECT_FILE);
  if (root.name !== "Project") throw new DawProjectError(`${PROJECT_FILE}: the root element is <${root.name}>, not <Project>`);
  const version = root.attributes["version"] ?? "";
  if (!/^1\./.test(version)) ctx.warn(`This file is DAWproject version "${version}"; Loophole reads version 1 and imported what it understood.`);

  const fresh = createProject({ now: options.now });
  ctx.tracks.set(MASTER_ID, { ...fresh.tracks.get(MASTER_ID)! });
  const order: TrackId[] = [];
  for (const e of child(root, "Structure")?.children ?? []) {
    if (e.name !== "Track" && e.name !== "Channel") continue;
    const id = readTrack(ctx, e, null);
    if (id !== undefined) order.push(id);
  }
  resolveRouting(ctx);
  const tempo = readTempo(ctx, root);
  const markers = readArrangement(ctx, root, tempo);
  const loop = applyExtensions(ctx);
  const meta = metadata(ctx);
  if ((child(root, "Scenes")?.children.length ?? 0) > 0) ctx.warn("Clip launcher scenes are not imported; the arrangement is.");

  const project: Project = {
    ...fresh,
    meta: { ...fresh.meta, title: meta.title || fresh.meta.title, artist: meta.artist ?? "", notes: meta.notes ?? "" },
    nextNum: ctx.usedNums,
    tempo,
    tracks: new Map<TrackId, Track>(ctx.tracks),
    order,
    markers,
    loop,
  };
  try {
    validateProject(project);
  } catch (error) {
    if (!isPulseError(error)) throw error;
    throw new DawProjectError(`the file's content is not a valid project: ${error.message} (at ${error.path.join(".")})`);
  }
  return { project, media: ctx.media, warnings: ctx.warnings };
}
