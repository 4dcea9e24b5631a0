// What the export steps share: XML id allocation, the ids given to tracks, channels and parameters,
// the files going into the container, the Loophole-only extras and the warnings for the user.
import { basename, extname } from "node:path";
import type { TrackId } from "../../model/ids";
import type { Project } from "../../model/project";
import type { ArchiveFiles } from "./archive";
import { emptyExtensions, EXTENSIONS_FILE } from "./extensions";

export interface ExportOptions {
  /** Reads an audio file the project uses so it can be embedded; undefined = unreadable (then referenced by path). */
  readMedia?: (path: string) => Uint8Array | undefined;
  application?: { name: string; version: string };
}

/** Ending of warnings about what only Loophole will read back. */
export const FOR_LOOPHOLE_ONLY = `other applications will not see it (Loophole keeps it in ${EXTENSIONS_FILE})`;

export class ExportContext {
  private nextId = 0;
  readonly warnings: string[] = [];
  readonly files: ArchiveFiles = {};
  readonly extensions = emptyExtensions();
  readonly trackIds = new Map<TrackId, string>();
  readonly channelIds = new Map<TrackId, string>();
  /** Ids of the parameters automation can point at, keyed by "track/…" strings. */
  private readonly parameterIds = new Map<string, string>();
  private readonly embedded = new Map<string, string>();

  constructor(readonly project: Project, readonly options: ExportOptions) {
    // Ids first: a channel's destination may be a track written later.
    for (const track of project.tracks.values()) {
      this.trackIds.set(track.id, this.id());
      if (track.kind !== "folder" || track.hasStrip) this.channelIds.set(track.id, this.id());
    }
  }

  id(): string {
    return `id${this.nextId++}`;
  }

  parameterId(key: string): string {
    let id = this.parameterIds.get(key);
    if (id === undefined) this.parameterIds.set(key, (id = this.id()));
    return id;
  }

  warnOnce(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  /** Each distinct source file is stored once, under audio/, with a unique name. */
  embed(path: string, bytes: Uint8Array): string {
    const existing = this.embedded.get(path);
    if (existing) return existing;
    const extension = extname(path);
    const stem = basename(path, extension).replace(/[^A-Za-z0-9 _.-]/g, "_") || "audio";
    let name = `audio/${stem}${extension}`;
    for (let n = 2; name in this.files; n++) name = `audio/${stem}-${n}${extension}`;
    this.files[name] = bytes;
    this.embedded.set(path, name);
    return name;
  }
}
