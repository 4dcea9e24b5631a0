// Loading and saving the user library on disk. Saving is crash-safe (temp file, fsync, rename) and keeps
// the previous versions as backups, so a crash or a bad edit never loses the user's organisation.
import { readFile } from "node:fs/promises";
import { writeAtomic } from "../files/atomic-write";
import { emptyLibrary, LibraryError, parseLibrary, serialiseLibrary, type UserLibrary } from "./library";

/** A missing file is a fresh library; an unreadable one is an error (never silently replaced). */
export async function loadLibrary(path: string): Promise<UserLibrary> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyLibrary();
    throw new LibraryError(`plugin library ${path}: ${(error as Error).message}`);
  }
  try {
    return parseLibrary(text);
  } catch (error) {
    throw new LibraryError(`${path}: ${(error as Error).message}`);
  }
}

export const LIBRARY_BACKUPS = 3;

export async function saveLibrary(path: string, library: UserLibrary): Promise<void> {
  await writeAtomic(path, serialiseLibrary(library), LIBRARY_BACKUPS);
}
