// Reading and writing .dawproject files on disk.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Project } from "../../model/project";
import { exportDawProject, type ExportResult } from "./export";
import { importDawProject, type ImportResult } from "./import";

/** Writes the project with its audio files embedded (those that can be read). */
export async function saveDawProject(project: Project, path: string): Promise<ExportResult> {
  const result = exportDawProject(project, {
    readMedia: (file) => {
      try {
        return readFileSync(file);
      } catch {
        return undefined;
      }
    },
  });
  await writeFile(path, result.bytes);
  return result;
}

/** Reads a .dawproject and writes its embedded audio into mediaDirectory. */
export async function openDawProject(path: string, mediaDirectory: string): Promise<ImportResult> {
  const result = importDawProject(new Uint8Array(await readFile(path)), { mediaDirectory });
  for (const media of result.media) {
    await mkdir(dirname(media.path), { recursive: true });
    await writeFile(media.path, media.bytes);
  }
  return result;
}
