// The folders the user lets projects read audio from (Pulse's media gate, chorus/model §5): kept in
// Aura's state directory, so they hold for every project and survive restarts. A project file never
// adds to them; the user does, by importing a file from a folder (a file picked by hand) or through
// LOOPHOLE_MEDIA_DIRS. The project's own folder is always readable and is not listed here.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";

const MAX_FOLDERS = 1000;

export class MediaFolders {
  private folders: string[];

  constructor(private readonly path: string | null, env: NodeJS.ProcessEnv = process.env) {
    const fromEnv = (env.LOOPHOLE_MEDIA_DIRS ?? "").split(":").filter(Boolean);
    this.folders = unique([join(homedir(), "Music"), ...fromEnv, ...this.read()]);
  }

  list(): readonly string[] { return this.folders; }

  /** Adds the folder holding a file the user picked; true when it was not there yet. */
  addFolderOf(file: string): boolean {
    if (!isAbsolute(file) || file.includes("\0")) return false;
    const folder = dirname(resolve(file));
    if (this.folders.includes(folder)) return false;
    this.folders = unique([...this.folders, folder]).slice(0, MAX_FOLDERS);
    this.write();
    return true;
  }

  private read(): string[] {
    if (!this.path) return [];
    try {
      const value = JSON.parse(readFileSync(this.path, "utf8")) as { folders?: unknown };
      return Array.isArray(value.folders) ? value.folders.filter((f): f is string => typeof f === "string") : [];
    } catch {
      return []; // none saved yet, or unreadable: the defaults hold
    }
  }

  private write(): void {
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(`${this.path}.tmp`, JSON.stringify({ folders: this.folders }, null, 2));
    renameSync(`${this.path}.tmp`, this.path);
  }
}

function unique(folders: string[]): string[] {
  return [...new Set(folders.filter((f) => isAbsolute(f) && !f.includes("\0")).map((f) => resolve(f)))];
}
