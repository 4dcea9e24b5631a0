// A FileSystem that behaves like node:fs until a chosen step, where it fails the way a full disk
// (ENOSPC) or a read-only folder (EROFS, EACCES) does, or "crashes": that step and every later one
// never happen, cleanup included. Every step it is asked to take is recorded, so a test can first
// learn the sequence of a save and then fail each step in turn.
import { nodeFileSystem, type AppendableFile, type FileSystem, type WritableFile } from "../../src/index";
import { truncateSync } from "node:fs";

export type FaultCode = "ENOSPC" | "EROFS" | "EACCES";
export type Fault = { readonly at: number; readonly code: FaultCode } | { readonly at: number; readonly crash: true };

const messages: Record<FaultCode, string> = {
  ENOSPC: "no space left on device",
  EROFS: "read-only file system",
  EACCES: "permission denied",
};

export function errnoError(code: FaultCode, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${messages[code]}, ${syscall} '${path}'`), { code, syscall, path });
}

/** What a crashed process would never see: the test catches it where the "process" ends. */
export class Crash extends Error {}

export class FaultyFileSystem implements FileSystem {
  readonly steps: string[] = [];
  private crashed = false;

  /** `fault` = null records only. Reads are never failed (they are not what a save risks). */
  constructor(private readonly fault: Fault | null = null, private readonly base: FileSystem = nodeFileSystem) {}

  get hasCrashed(): boolean { return this.crashed; }

  /** Records a mutating step and decides its fate. Returns the fault code to fail it with, if any;
   *  `partial` lets a write put down half its bytes first, as a disk filling up part way does. */
  private step(name: string): FaultCode | null {
    if (this.crashed) throw new Crash(`crashed before ${name}`);
    const i = this.steps.length;
    this.steps.push(name);
    if (!this.fault || this.fault.at !== i) return null;
    if ("crash" in this.fault) {
      this.crashed = true;
      throw new Crash(`crash at ${name}`);
    }
    return this.fault.code;
  }

  async createFile(path: string): Promise<WritableFile> {
    const code = this.step("createFile");
    if (code) throw errnoError(code, "open", path);
    const f = await this.base.createFile(path);
    return {
      write: async (text) => {
        const c = this.step("write");
        if (c === "ENOSPC") { await f.write(text.slice(0, text.length >> 1)); throw errnoError(c, "write", path); }
        if (c) throw errnoError(c, "write", path);
        await f.write(text);
      },
      sync: async () => { const c = this.step("sync"); if (c) throw errnoError(c, "fsync", path); await f.sync(); },
      close: async () => {
        // Closing always releases the descriptor, even when it reports an error (as close(2) does).
        const c = this.crashed ? null : this.step("close");
        await f.close();
        if (c) throw errnoError(c, "close", path);
      },
    };
  }

  openForAppend(path: string): AppendableFile {
    const code = this.step("openForAppend");
    if (code) throw errnoError(code, "open", path);
    const f = this.base.openForAppend(path);
    return {
      size: f.size,
      append: (text) => {
        const c = this.step("append");
        if (c === "ENOSPC") { f.append(text.slice(0, text.length >> 1)); throw errnoError(c, "write", path); }
        if (c) throw errnoError(c, "write", path);
        f.append(text);
      },
      sync: () => { const c = this.step("appendSync"); if (c) throw errnoError(c, "fsync", path); f.sync(); },
      truncate: (n) => { const c = this.step("truncate"); if (c) throw errnoError(c, "ftruncate", path); f.truncate(n); },
      close: () => f.close(),
    };
  }

  async syncDirectory(dir: string): Promise<void> {
    const c = this.step("syncDirectory");
    if (c) throw errnoError(c, "fsync", dir);
    await this.base.syncDirectory(dir);
  }

  async rename(from: string, to: string): Promise<void> {
    const c = this.step("rename");
    if (c) throw errnoError(c, "rename", from);
    await this.base.rename(from, to);
  }

  async remove(path: string): Promise<void> {
    const c = this.step("remove");
    if (c) throw errnoError(c, "unlink", path);
    await this.base.remove(path);
  }

  async link(existing: string, newPath: string): Promise<void> {
    const c = this.step("link");
    if (c) throw errnoError(c, "link", newPath);
    await this.base.link(existing, newPath);
  }

  async copyFile(from: string, to: string): Promise<void> {
    const c = this.step("copyFile");
    if (c === "ENOSPC") {
      // Half a copy on disk, then the disk is full.
      await this.base.copyFile(from, to);
      truncateSync(to, 10);
      throw errnoError(c, "copyfile", to);
    }
    if (c) throw errnoError(c, "copyfile", to);
    await this.base.copyFile(from, to);
  }

  readText(path: string): Promise<string> { return this.base.readText(path); }
  readTextSync(path: string): string { return this.base.readTextSync(path); }
  modifiedAt(path: string): Promise<number | null> { return this.base.modifiedAt(path); }
}

/** A file system without hard links (FAT, some network shares): backups are copied instead. */
export class NoHardLinks extends FaultyFileSystem {
  override async link(_existing: string, newPath: string): Promise<void> {
    throw Object.assign(new Error(`EPERM: operation not permitted, link '${newPath}'`), { code: "EPERM" });
  }
}
