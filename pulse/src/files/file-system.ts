// The few file-system steps Pulse's files take, behind one small interface. Default: node:fs.
// Tests pass their own to inject faults (disk full, read-only folder, a crash between two steps)
// at any single step; running as root, chmod cannot provoke those, so the seam is the honest way.
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from "node:fs";
import { copyFile, link, open, readFile, rename, rm, stat } from "node:fs/promises";

/** A file being written from the start (a temp file of an atomic save). */
export interface WritableFile {
  write(text: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** A file appended to synchronously (the journal: an entry is durable before `apply` returns). */
export interface AppendableFile {
  /** Size in bytes when opened. */
  readonly size: number;
  append(text: string): void;
  sync(): void;
  /** Cuts the file back to `size` bytes (drops a half-written entry). */
  truncate(size: number): void;
  close(): void;
}

export interface FileSystem {
  createFile(path: string): Promise<WritableFile>;
  openForAppend(path: string): AppendableFile;
  /** Makes a rename inside `dir` durable. */
  syncDirectory(dir: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; a missing file is not an error. */
  remove(path: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  readText(path: string): Promise<string>;
  readTextSync(path: string): string;
  /** Modification time in ms, or null when there is no such file. */
  modifiedAt(path: string): Promise<number | null>;
}

export const nodeFileSystem: FileSystem = {
  async createFile(path) {
    const h = await open(path, "w");
    return {
      write: async (text) => { await h.writeFile(text, "utf8"); },
      sync: () => h.sync(),
      close: () => h.close(),
    };
  },
  openForAppend(path) {
    const fd = openSync(path, "a");
    return {
      size: fstatSync(fd).size,
      append: (text) => {
        const bytes = Buffer.from(text, "utf8");
        // writeSync may write less than asked (e.g. the disk filled up part way): keep going until
        // all is written or it throws.
        for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
      },
      sync: () => fsyncSync(fd),
      truncate: (n) => ftruncateSync(fd, n),
      close: () => closeSync(fd),
    };
  },
  async syncDirectory(dir) {
    const h = await open(dir, "r");
    try { await h.sync(); } finally { await h.close(); }
  },
  rename: (from, to) => rename(from, to),
  remove: (path) => rm(path, { force: true }),
  link: (existing, newPath) => link(existing, newPath),
  copyFile: (from, to) => copyFile(from, to),
  readText: (path) => readFile(path, "utf8"),
  readTextSync: (path) => readFileSync(path, "utf8"),
  async modifiedAt(path) {
    try { return (await stat(path)).mtimeMs; } catch { return null; }
  },
};
