// Crash recovery: the best state reachable from disk. The last save plus its journal is exact; when
// there is no usable journal, an autosave newer than the save is the next best thing.
import "../history/immer";
import { applyPatches } from "immer";
import { PulseError } from "../model/errors";
import type { Project } from "../model/project";
import { validateProject } from "../validate/project";
import { autosavePath } from "./autosave";
import { nodeFileSystem, type FileSystem } from "./file-system";
import { journalPath, readJournal } from "./journal";
import { loadProjectFile, parseProjectFile, type LoadedProject } from "./project-file";

export interface Recovered {
  readonly project: Project;
  readonly saveId: string;
  readonly source: "journal" | "autosave" | "file";
  /** Journal entries replayed on top of the save. */
  readonly replayed: number;
}

export async function recoverProject(path: string, fs: FileSystem = nodeFileSystem): Promise<Recovered> {
  const saved: LoadedProject = await loadProjectFile(path, fs);
  const journal = readJournal(journalPath(path), fs);
  if (journal && journal.header.saveId === saved.saveId && journal.entries.length > 0) {
    let project = saved.project;
    try {
      for (const e of journal.entries) project = applyPatches(project, e.patches);
      validateProject(project);
      return { project, saveId: saved.saveId, source: "journal", replayed: journal.entries.length };
    } catch (e) {
      const where = e instanceof PulseError && e.path.length ? ` (at ${e.path.join(".")})` : "";
      throw new PulseError("CorruptFile", `The journal "${journalPath(path)}" does not fit the saved project: ${(e as Error).message}${where}`, []);
    }
  }
  const auto = autosavePath(path);
  const [autoTime, fileTime] = [await fs.modifiedAt(auto), await fs.modifiedAt(path)];
  if (autoTime !== null && fileTime !== null && autoTime > fileTime) {
    try {
      const a = parseProjectFile(await fs.readText(auto), `"${auto}"`);
      return { project: a.project, saveId: saved.saveId, source: "autosave", replayed: 0 };
    } catch {
      // A damaged autosave is no reason to refuse the saved project.
    }
  }
  return { project: saved.project, saveId: saved.saveId, source: "file", replayed: 0 };
}
