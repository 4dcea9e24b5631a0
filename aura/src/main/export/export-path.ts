// Where an export is written. The main process alone decides (a renderer is untrusted input): an
// `exports` folder next to the saved project, or in Aura's state directory while it is untitled,
// named after the project, numbered rather than ever replacing a file that is there.
import { mkdir, open, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";

/** The folder exports of a project go to: beside its file, or `untitledFolder` before its first save. */
export function exportsFolder(projectFile: string | null, untitledFolder: string): string {
  return projectFile ? join(dirname(projectFile), "exports") : untitledFolder;
}

/** A project name as a file name: no path separators or characters some file systems refuse. */
export function exportBaseName(projectName: string): string {
  const cleaned = projectName.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, "-").replace(/^[\s.]+|[\s.]+$/g, "");
  return cleaned.slice(0, 120) || "Untitled";
}

/**
 * Claims `<name>.wav`, else `<name> 2.wav`, `<name> 3.wav`… by creating it empty and exclusively, so
 * no other export (nor anything else) can take the same name in between; the render then moves its
 * finished file onto the claim. A name whose `.partial` file exists is skipped too: the engine
 * writes there first and would delete it.
 */
export async function claimExportPath(folder: string, name: string): Promise<string> {
  try { await mkdir(folder, { recursive: true }); } catch (error) { throw new Error(`cannot create the exports folder ${folder}: ${(error as Error).message}`); }
  for (let n = 1; n <= 9999; n++) {
    const path = join(folder, n === 1 ? `${name}.wav` : `${name} ${n}.wav`);
    if (await exists(`${path}.partial`)) continue;
    try {
      await (await open(path, "wx")).close();
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw new Error(`cannot write in ${folder}: ${(error as Error).message}`);
    }
  }
  throw new Error(`${folder} already holds 9999 exports named "${name}"`);
}

/** Gives a claimed name back after a failed render: only while it is still the empty claim. */
export async function releaseExportPath(path: string): Promise<void> {
  try {
    if ((await stat(path)).size === 0) await rm(path);
  } catch { /* already gone */ }
}

async function exists(path: string): Promise<boolean> {
  try { await stat(path); return true; } catch { return false; }
}
