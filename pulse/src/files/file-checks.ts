// The real file-system half of the validation Environment: audio files must exist as regular
// files at absolute paths. The plugin half comes from the catalogue (pulse/src/catalogue).
import { statSync } from "node:fs";
import { isAbsolute } from "node:path";

export function audioFileExists(path: string): boolean {
  if (!isAbsolute(path)) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
