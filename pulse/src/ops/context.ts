// What an operation handler gets besides the draft: the caller-injected checks and an error path.
import type { Draft } from "immer";
import { PulseError, type ErrorPath } from "../model/errors";
import { MAX_NUM } from "../model/ids";
import type { Project } from "../model/project";
import type { Track } from "../model/track";
import type { PluginFormat } from "../model/plugin";

/** Checks against the outside world, injected by the caller (the catalogue, the file system). */
export interface Environment {
  /** Is this plugin in the catalogue? Left out = every plugin is accepted. */
  readonly hasPlugin?: (format: PluginFormat, uid: string) => boolean;
  /** Does this audio file exist? Left out = every file is accepted. */
  readonly fileExists?: (path: string) => boolean;
  /** May this clip file be read, and where is it? Left out = paths are taken as they are. When
   *  given, it replaces `fileExists` for clip files and gates what the engine is told to read. */
  readonly media?: MediaGate;
}

/** See MediaAccess (pulse/src/files/media-paths.ts). */
export interface MediaGate {
  check(ref: string): { readonly ok: true; readonly path: string } | { readonly ok: false; readonly error: { readonly code: PulseError["code"]; readonly message: string } };
}

export interface OpContext {
  readonly env: Environment;
  /** Path of the operation being applied, e.g. ["ops", 3]. */
  readonly path: ErrorPath;
}

export type DraftProject = Draft<Project>;
export type DraftTrack = Draft<Track>;

export function fail(ctx: OpContext, code: PulseError["code"], message: string, field?: string | number, ...more: (string | number)[]): never {
  const path = field === undefined ? ctx.path : [...ctx.path, field, ...more];
  throw new PulseError(code, message, path);
}

export function trackOf(draft: DraftProject, id: unknown, ctx: OpContext, field = "track"): DraftTrack {
  if (typeof id !== "string") fail(ctx, "InvalidValue", `"${field}" must be a track id string.`, field);
  const t = draft.tracks.get(id);
  if (!t) fail(ctx, "NotFound", `There is no track "${id}".`, field);
  return t;
}

/** Hands out the next engine number; numbers are never reused within a project. */
export function nextNum(draft: DraftProject, ctx: OpContext): number {
  const n = draft.nextNum;
  if (n >= MAX_NUM) fail(ctx, "OutOfRange", "The project has used up all 2^32 engine ids.");
  draft.nextNum = n + 1;
  return n;
}

export function idOrDefault(requested: unknown, prefix: string, num: number, ctx: OpContext, field = "id"): string {
  if (requested === undefined || requested === null) return `${prefix}-${num}`;
  if (typeof requested !== "string" || requested.length === 0 || requested.length > 200)
    fail(ctx, "InvalidValue", `"${field}" must be a non-empty string of at most 200 characters.`, field);
  // Stored as a record key, "__proto__" would replace the record's prototype instead of adding an entry.
  if (requested === "__proto__") fail(ctx, "InvalidValue", `"__proto__" cannot be an id.`, field);
  return requested;
}

/** The entry of a record keyed by id, never an inherited member: with a plain lookup, an id such as
 *  "constructor" or "__proto__" would hand a handler Object or Object.prototype to modify. */
export function own<T>(record: Readonly<Record<string, T>>, id: unknown): T | undefined {
  return typeof id === "string" && Object.hasOwn(record, id) ? record[id] : undefined;
}

export function indexIn(length: number, index: unknown, ctx: OpContext, field = "index"): number {
  if (index === undefined) return length;
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index > length)
    fail(ctx, "OutOfRange", `"${field}" must be a whole number from 0 to ${length}.`, field);
  return index;
}
