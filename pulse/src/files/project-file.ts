// Save and load of project files, with typed errors. Loading only reads: a bad file never harms
// the file itself or its backups.
import { randomUUID } from "node:crypto";
import { PulseError } from "../model/errors";
import { deepFreeze } from "../model/freeze";
import type { Project } from "../model/project";
import { validateProject } from "../validate/project";
import { writeAtomic } from "./atomic-write";
import { nodeFileSystem, type FileSystem } from "./file-system";
import { CURRENT_FORMAT_VERSION, FORMAT_MARKER, projectFromJson, serialise, type ProjectJson } from "./format";
import { checkJsonLimits } from "./json-limits";
import { migrations } from "./migrations";

export interface LoadedProject {
  readonly project: Project;
  readonly saveId: string;
  readonly savedAt: string;
  /** The version the file was written in (before migration). */
  readonly fromVersion: number;
}

export interface SaveResult {
  readonly saveId: string;
}

export async function saveProjectFile(path: string, project: Project, backups = 3, fs: FileSystem = nodeFileSystem): Promise<SaveResult> {
  const saveId = randomUUID();
  try {
    await writeAtomic(path, serialise(project, saveId, new Date()), backups, fs);
  } catch (e) {
    throw new PulseError("IoFailure", `Could not save "${path}": ${(e as Error).message}`, []);
  }
  return { saveId };
}

/** Parses, migrates and validates a project file's text. */
export function parseProjectFile(text: string, source = "the project file"): LoadedProject {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new PulseError("CorruptFile", `${source} is not valid JSON (${(e as Error).message}); it may be damaged.`, []);
  }
  if (typeof raw !== "object" || raw === null || (raw as Record<string, unknown>).format !== FORMAT_MARKER)
    throw new PulseError("CorruptFile", `${source} is not a Loophole project.`, ["format"]);
  checkJsonLimits(raw, source);
  let file = raw as Record<string, unknown>;
  const fromVersion = file.formatVersion;
  if (typeof fromVersion !== "number" || !Number.isInteger(fromVersion) || fromVersion < 1)
    throw new PulseError("CorruptFile", `${source} has no valid formatVersion.`, ["formatVersion"]);
  if (fromVersion > CURRENT_FORMAT_VERSION)
    throw new PulseError("NewerFormat", `${source} was written by a newer Loophole (format ${fromVersion}; this one reads up to ${CURRENT_FORMAT_VERSION}). Update Loophole to open it.`, ["formatVersion"]);
  if (typeof file.project !== "object" || file.project === null) throw new PulseError("CorruptFile", `${source} holds no project.`, ["project"]);
  for (let v = fromVersion; v < CURRENT_FORMAT_VERSION; v++) {
    const step = migrations[v];
    if (!step) throw new PulseError("CorruptFile", `There is no migration from format ${v}.`, ["formatVersion"]);
    try {
      file = step(file);
    } catch (e) {
      throw new PulseError("CorruptFile", `${source} could not be upgraded from format ${v}: ${(e as Error).message}`, ["project"]);
    }
  }
  let project: Project;
  try {
    project = projectFromJson(file.project as ProjectJson);
  } catch (e) {
    if (e instanceof PulseError) throw new PulseError("CorruptFile", `${source} is damaged: ${e.message}`, e.path);
    throw e;
  }
  try {
    validateProject(project);
  } catch (e) {
    if (e instanceof PulseError) throw new PulseError("CorruptFile", `${source} is damaged: ${e.message}`, ["project", ...e.path]);
    throw new PulseError("CorruptFile", `${source} is damaged: ${(e as Error).message}`, ["project"]);
  }
  return { project: deepFreeze(project), saveId: String(file.saveId ?? ""), savedAt: String(file.savedAt ?? ""), fromVersion };
}

export async function loadProjectFile(path: string, fs: FileSystem = nodeFileSystem): Promise<LoadedProject> {
  let text: string;
  try {
    text = await fs.readText(path);
  } catch (e) {
    throw new PulseError("IoFailure", `Could not read "${path}": ${(e as Error).message}`, []);
  }
  return parseProjectFile(text, `"${path}"`);
}
