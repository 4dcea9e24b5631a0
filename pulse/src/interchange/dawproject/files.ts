// Reading and writing .dawproject files on disk.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, open, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Project } from "../../model/project";
import type { MediaGate } from "../../ops/context";
import { exportDawProject, type ExportResult } from "./export";
import { importDawProject, type ImportResult } from "./import";

/** Writes the project with its audio files embedded (those that can be read). With `media`, only
 *  files it allows are read: a hostile project must not get e.g. ~/.ssh/id_rsa embedded in an export. */
export async function saveDawProject(project: Project, path: string, media?: MediaGate): Promise<ExportResult> {
  const result = exportDawProject(project, {
    readMedia: (file) => {
      const verdict = media ? media.check(file) : { ok: true as const, path: file };
      if (!verdict.ok) return undefined;
      try {
        return readFileSync(verdict.path);
      } catch {
        return undefined;
      }
    },
  });
  await writeBytesAtomic(path, result.bytes);
  return result;
}

/** Temp file, fsync, rename: an interrupted save leaves the old file, never half a ZIP. */
async function writeBytesAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temporary, "w");
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}

/** Reads a .dawproject and writes its embedded audio into mediaDirectory. */
export async function openDawProject(path: string, mediaDirectory: string): Promise<ImportResult> {
  const result = importDawProject(new Uint8Array(await readFile(path)), { mediaDirectory, baseDirectory: dirname(path) });
  for (const media of result.media) {
    await mkdir(dirname(media.path), { recursive: true });
    await writeFile(media.path, media.bytes);
  }
  return result;
}
