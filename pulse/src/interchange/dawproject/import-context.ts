// What the import steps share: the archive, ids handed out so far, and where each DAWproject id points.
import type { TrackId, PluginId, SendId } from "../../model/ids";
import { FIRST_NUM } from "../../model/ids";
import type { Track } from "../../model/track";
import type { ArchiveFiles } from "./archive";

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What an automation <Target parameter="…"> can point at. */
export type ParameterRef =
  | { kind: "tempo" }
  | { kind: "meter" }
  | { kind: "strip"; track: TrackId; param: "gain" | "pan" | "mute" }
  | { kind: "send"; track: TrackId; send: SendId }
  | { kind: "plugin"; track: TrackId; plugin: PluginId; param: number; min: number; max: number };

export interface PendingSend {
  track: TrackId;
  send: SendId;
  destination: string | undefined;
}

export class ImportContext {
  private num = FIRST_NUM;
  readonly warnings: string[] = [];
  readonly tracks = new Map<TrackId, Mutable<Track>>();
  /** DAWproject Track and Channel ids -> the Loophole track they became. */
  readonly trackByXmlId = new Map<string, TrackId>();
  readonly parameters = new Map<string, ParameterRef>();
  /** Channel destinations, resolved once every channel is known. */
  readonly destinations = new Map<TrackId, string>();
  readonly pendingSends: PendingSend[] = [];
  readonly media: { path: string; bytes: Uint8Array }[] = [];
  /** Where XML ids of devices, clip audio and automation points ended up, for loophole/extensions.json. */
  readonly deviceByXmlId = new Map<string, { track: TrackId; plugin: PluginId }>();
  readonly audioClipByXmlId = new Map<string, { track: TrackId; clip: string }>();
  readonly pointsByXmlId = new Map<string, { track: TrackId; lane: string }>();

  constructor(readonly files: ArchiveFiles, readonly mediaDirectory: string, readonly baseDirectory?: string) {}

  nextNum(): number {
    return this.num++;
  }

  get usedNums(): number {
    return this.num;
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  register(xmlId: string | undefined, ref: ParameterRef): void {
    if (xmlId !== undefined) this.parameters.set(xmlId, ref);
  }
}
