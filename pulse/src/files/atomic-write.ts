// Crash-safe replacement of a file: write a temp file next to it, fsync, rename over, fsync the
// directory. A crash leaves either the old or the new content, never a mix. Before replacing,
// the old content is kept as <file>.bak1 .. .bakN (newest first).
import { randomBytes } from "node:crypto";
import { copyFile, link, open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

async function exists(path: string): Promise<boolean> {
  try { await stat(path); return true; } catch { return false; }
}

async function syncDir(dir: string): Promise<void> {
  const h = await open(dir, "r");
  try { await h.sync(); } finally { await h.close(); }
}

export function backupPath(path: string, n: number): string {
  return `${path}.bak${n}`;
}

async function rotateBackups(path: string, keep: number): Promise<void> {
  if (keep <= 0 || !(await exists(path))) return;
  await rm(backupPath(path, keep), { force: true });
  for (let i = keep - 1; i >= 1; i--) if (await exists(backupPath(path, i))) await rename(backupPath(path, i), backupPath(path, i + 1));
  // A hard link keeps the old content under the backup name without a moment where `path` is missing.
  try { await link(path, backupPath(path, 1)); } catch { await copyFile(path, backupPath(path, 1)); }
}

export async function writeAtomic(path: string, data: string, backups = 0): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const h = await open(tmp, "w");
  try {
    await h.writeFile(data, "utf8");
    await h.sync();
  } catch (e) {
    await h.close();
    await rm(tmp, { force: true });
    throw e;
  }
  await h.close();
  try {
    await rotateBackups(path, backups);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await syncDir(dir);
}
