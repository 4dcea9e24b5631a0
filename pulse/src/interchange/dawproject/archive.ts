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

/** Refuse to inflate more than this in total (a "ZIP bomb" must not take the process down). */
export const MAX_UNPACKED_BYTES = 2 ** 31 - 1;

export function unpackArchive(bytes: Uint8Array, maxUnpackedBytes = MAX_UNPACKED_BYTES): ArchiveFiles {
  let files: ArchiveFiles;
  let declared = 0;
  try {
    // The filter sees each entry's declared size before anything is inflated.
    files = unzipSync(bytes, { filter: (entry) => (declared += entry.originalSize) <= maxUnpackedBytes });
  } catch (error) {
    throw new DawProjectError(`not a DAWproject file: the ZIP container cannot be read (${(error as Error).message})`);
  }
  if (declared > maxUnpackedBytes) {
    throw new DawProjectError(`the DAWproject file unpacks to ${declared} bytes, more than the ${maxUnpackedBytes} allowed`);
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
