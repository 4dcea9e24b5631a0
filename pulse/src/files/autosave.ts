// Autosave to <project>.autosave: shortly after each commit (debounced) and on a timer while there are
// unsaved changes. Separate from the project file, so autosave never overwrites what the user saved.
import type { Project } from "../model/project";
import { writeAtomic } from "./atomic-write";
import { serialise } from "./format";
import { nodeFileSystem, type FileSystem } from "./file-system";

export interface AutosaveOptions {
  /** Wait this long after a commit before writing, so a burst of edits writes once. */
  readonly debounceMs?: number;
  /** Also write at least this often while dirty. */
  readonly intervalMs?: number;
  readonly onError?: (e: Error) => void;
  /** Where to write; default node:fs (tests inject faults here). */
  readonly fileSystem?: FileSystem;
}

export function autosavePath(projectPath: string): string {
  return `${projectPath}.autosave`;
}

export class Autosaver {
  private dirty = false;
  private debounce: NodeJS.Timeout | null = null;
  private readonly interval: NodeJS.Timeout;
  private writing: Promise<void> = Promise.resolve();
  writes = 0;

  constructor(
    private readonly path: string,
    private readonly current: () => Project,
    private readonly opts: AutosaveOptions = {},
  ) {
    this.interval = setInterval(() => { if (this.dirty) void this.flush(); }, opts.intervalMs ?? 60_000);
    this.interval.unref();
  }

  /** Call on every commit. */
  notify(): void {
    this.dirty = true;
    if (this.debounce) return;
    this.debounce = setTimeout(() => { this.debounce = null; void this.flush(); }, this.opts.debounceMs ?? 2_000);
    this.debounce.unref();
  }

  /** Writes now if dirty; resolves when the write is on disk. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await writeAtomic(this.path, serialise(this.current(), "autosave", new Date()), 0, this.opts.fileSystem ?? nodeFileSystem);
        this.writes++;
      } catch (e) {
        this.dirty = true;
        this.opts.onError?.(e as Error);
      }
    });
    return this.writing;
  }

  /** The project was saved for real: nothing left to autosave. */
  markClean(): void {
    this.dirty = false;
  }

  dispose(): void {
    clearInterval(this.interval);
    if (this.debounce) clearTimeout(this.debounce);
  }
}
