// The DAWproject container: a ZIP holding project.xml, metadata.xml and embedded files. fflate does the ZIP.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { DawProjectError } from "./errors";
import { PROJECT_FILE } from "./vocabulary";

export type ArchiveFiles = Record<string, Uint8Array>;

export function packArchive(files: ArchiveFiles): Uint8Array {
  const zippable: Zippable = {};
  for (const [path, bytes] of Object.entries(files)) zippable[path] = [bytes, { level: path.endsWith(".xml") ? 6 : 0 }];
  return zipSync(zippable);
}

export function unpackArchive(bytes: Uint8Array): ArchiveFiles {
  let files: ArchiveFiles;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new DawProjectError(`not a DAWproject file: the ZIP container cannot be read (${(error as Error).message})`);
  }
  if (!(PROJECT_FILE in files)) throw new DawProjectError(`not a DAWproject file: the archive has no ${PROJECT_FILE}`);
  return files;
}

export function text(bytes: Uint8Array): string {
  return strFromU8(bytes);
}

export function bytesOf(text: string): Uint8Array {
  return strToU8(text);
}
