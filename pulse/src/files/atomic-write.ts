// Crash-safe replacement of a file: write a temp file next to it, fsync, rename over, fsync the
// directory. A crash leaves either the old or the new content, never a mix. Before replacing,
// the old content is kept as <file>.bak1 .. .bakN (newest first).
import { randomBytes } from "node:crypto";
import { basename, dirname, join } from "node:path";
import { nodeFileSystem, type FileSystem } from "./file-system";

export function backupPath(path: string, n: number): string {
  return `${path}.bak${n}`;
}

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

const exists = async (fs: FileSystem, path: string): Promise<boolean> => (await fs.modifiedAt(path)) !== null;

async function rotateBackups(fs: FileSystem, path: string, keep: number): Promise<void> {
  if (keep <= 0 || !(await exists(fs, path))) return;
  await fs.remove(backupPath(path, keep));
  for (let i = keep - 1; i >= 1; i--) if (await exists(fs, backupPath(path, i))) await fs.rename(backupPath(path, i), backupPath(path, i + 1));
  // A hard link keeps the old content under the backup name without a moment where `path` is missing.
  try {
    await fs.link(path, backupPath(path, 1));
  } catch {
    // No hard links here: copy, but to a temp name first, so a copy cut short by a full disk
    // never sits there looking like a backup.
    const tmp = tempPathFor(backupPath(path, 1));
    try {
      await fs.copyFile(path, tmp);
      await fs.rename(tmp, backupPath(path, 1));
    } catch (e) {
      await fs.remove(tmp).catch(() => {});
      throw e;
    }
  }
}

export async function writeAtomic(path: string, data: string, backups = 0, fs: FileSystem = nodeFileSystem): Promise<void> {
  const dir = dirname(path);
  const tmp = tempPathFor(path);
  const h = await fs.createFile(tmp);
  try {
    await h.write(data);
    await h.sync();
  } catch (e) {
    await h.close().catch(() => {});
    await fs.remove(tmp).catch(() => {});
    throw e;
  }
  try {
    await h.close();
    await rotateBackups(fs, path, backups);
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.remove(tmp).catch(() => {});
    throw e;
  }
  await fs.syncDirectory(dir);
}
