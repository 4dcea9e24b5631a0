// Crash recovery: the best state reachable from disk. The last save plus its journal is exact; when
// there is no usable journal, an autosave newer than the save is the next best thing.
import "../history/immer";
import { applyPatches } from "immer";
import { readFile, stat } from "node:fs/promises";
import { PulseError } from "../model/errors";
import type { Project } from "../model/project";
import { validateProject } from "../validate/project";
import { autosavePath } from "./autosave";
import { journalPath, readJournal } from "./journal";
import { loadProjectFile, parseProjectFile, type LoadedProject } from "./project-file";

export interface Recovered {
  readonly project: Project;
  readonly saveId: string;
  readonly source: "journal" | "autosave" | "file";
  /** Journal entries replayed on top of the save. */
  readonly replayed: number;
}

async function mtime(path: string): Promise<number | null> {
  try { return (await stat(path)).mtimeMs; } catch { return null; }
}

export async function recoverProject(path: string): Promise<Recovered> {
  const saved: LoadedProject = await loadProjectFile(path);
  const journal = readJournal(journalPath(path));
  if (journal && journal.header.saveId === saved.saveId && journal.entries.length > 0) {
    let project = saved.project;
    try {
      for (const e of journal.entries) project = applyPatches(project, e.patches);
      validateProject(project);
      return { project, saveId: saved.saveId, source: "journal", replayed: journal.entries.length };
    } catch (e) {
      if (!(e instanceof PulseError)) throw new PulseError("CorruptFile", `The journal does not fit the saved project: ${(e as Error).message}`, []);
      throw e;
    }
  }
  const auto = autosavePath(path);
  const [autoTime, fileTime] = [await mtime(auto), await mtime(path)];
  if (autoTime !== null && fileTime !== null && autoTime > fileTime) {
    try {
      const a = parseProjectFile(await readFile(auto, "utf8"), `"${auto}"`);
      return { project: a.project, saveId: saved.saveId, source: "autosave", replayed: 0 };
    } catch {
      // A damaged autosave is no reason to refuse the saved project.
    }
  }
  return { project: saved.project, saveId: saved.saveId, source: "file", replayed: 0 };
}
