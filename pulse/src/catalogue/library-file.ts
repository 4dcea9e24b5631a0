// Loading and saving the user library on disk. Saving is atomic so a crash mid-write never loses the library.
import { readFile, rename, writeFile } from "node:fs/promises";
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

export async function saveLibrary(path: string, library: UserLibrary): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, serialiseLibrary(library), "utf8");
  await rename(temporary, path);
}
