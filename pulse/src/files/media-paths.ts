// Which media files a project may make Loophole read. A project file is input from anywhere (a
// download, a collaborator), so its clip paths are not trusted: a path is read only if it resolves,
// symlinks followed, to a regular file inside an allowed root — the project's own folder or a media
// folder the user chose in Loophole's settings (never one named by the project file itself).
// Relative paths are relative to the project folder, so a project folder can move as a whole.
import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { PulseErrorData } from "../model/errors";

export interface MediaRoots {
  /** The folder holding the project file; null for a project not saved yet. */
  readonly projectDir: string | null;
  /** Media folders the user chose (settings, or the folder of a file picked in a dialog). */
  readonly userRoots: readonly string[];
}

export type MediaVerdict = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly error: PulseErrorData };

/** The file-system lookups a verdict needs (injectable for tests). */
export interface MediaLookup {
  realpath(path: string): string;
  isFile(path: string): boolean;
}

const nodeLookup: MediaLookup = {
  realpath: (p) => realpathSync.native(p),
  isFile: (p) => statSync(p).isFile(),
};

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

export class MediaAccess {
  private readonly verdicts = new Map<string, MediaVerdict>();
  private readonly roots: string[];
  private realRoots: string[] | null = null;

  constructor(private readonly allowed: MediaRoots, private readonly lookup: MediaLookup = nodeLookup) {
    this.roots = [allowed.projectDir, ...allowed.userRoots].filter((r): r is string => typeof r === "string" && isAbsolute(r) && !r.includes("\0")).map((r) => resolve(r));
  }

  /** The absolute path to read for clip file reference `ref`, or why it may not be read. Verdicts
   *  are remembered until `forget()` (a derive must not stat 20,000 files each time). */
  check(ref: string): MediaVerdict {
    let v = this.verdicts.get(ref);
    if (!v) {
      v = this.decide(ref);
      this.verdicts.set(ref, v);
    }
    return v;
  }

  /** Adds a folder the user chose (a media folder in the settings, or the folder of a file picked
   *  by hand). Clip verdicts are taken again; tell the session too (ProjectSession.mediaChanged). */
  allow(root: string): void {
    if (typeof root !== "string" || !isAbsolute(root) || root.includes("\0")) return;
    const r = resolve(root);
    if (this.roots.includes(r)) return;
    this.roots.push(r);
    this.forget();
  }

  /** Call when files may have appeared, gone, or been replaced (e.g. the user relinked media). */
  forget(): void {
    this.verdicts.clear();
    this.realRoots = null;
  }

  private refuse(ref: string, why: string): MediaVerdict {
    return { ok: false, error: { code: "PathNotAllowed", message: `The audio file "${ref.replace(/\0/g, "\\0")}" is not read: ${why}`, path: [] } };
  }

  private decide(ref: string): MediaVerdict {
    if (typeof ref !== "string" || ref.length === 0) return this.refuse(String(ref), "it is not a file path.");
    if (ref.includes("\0")) return this.refuse(ref, "the path contains a NUL byte.");
    if (!isAbsolute(ref) && this.allowed.projectDir === null) return this.refuse(ref, "a relative path needs the project to be saved in a folder first.");
    const path = resolve(this.allowed.projectDir ?? "/", ref);
    const where = "the project's folder or your media folders";
    if (!this.roots.some((r) => inside(r, path))) return this.refuse(ref, `it is outside ${where}. Add its folder to your media folders to use it.`);
    let real: string;
    try {
      real = this.lookup.realpath(path);
    } catch {
      return { ok: false, error: { code: "MissingFile", message: `The audio file "${ref}" does not exist.`, path: [] } };
    }
    if (!this.realRootList().some((r) => inside(r, real))) return this.refuse(ref, `it is a link that leads outside ${where}.`);
    let isFile = false;
    try { isFile = this.lookup.isFile(real); } catch { /* vanished in between: not a file */ }
    if (!isFile) return this.refuse(ref, "it is not a regular file (a folder, device or pipe).");
    return { ok: true, path: real };
  }

  /** Roots with their own symlinks resolved, so a project folder reached through a link still counts. */
  private realRootList(): string[] {
    if (!this.realRoots) {
      this.realRoots = this.roots.map((r) => {
        try { return this.lookup.realpath(r); } catch { return r; }
      });
    }
    return this.realRoots;
  }
}
