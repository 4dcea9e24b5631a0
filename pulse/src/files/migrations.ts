// The migration chain: migrations[n] turns a formatVersion n file into n + 1. Files are migrated in
// memory on load; the file on disk changes only when the user saves.
import { randomUUID } from "node:crypto";
import { MIN_GAIN_DB } from "../model/track";

type Json = Record<string, unknown>;

function linearToDb(g: unknown): number {
  if (typeof g !== "number" || !Number.isFinite(g) || g <= 0) return MIN_GAIN_DB;
  return Math.max(MIN_GAIN_DB, 20 * Math.log10(g));
}

/** v1 -> v2: gains were linear amplitude (`gain`), now dB (`gainDb`) so faders and automation share a
 *  unit; tracks gained `soloSafe`; `tracks` was an object keyed by id, now a list (a Map in memory);
 *  files gained a `saveId` for journals. */
function v1ToV2(file: Json): Json {
  const project = file.project as Json;
  const tracks: Json[] = [];
  for (const [id, raw] of Object.entries((project.tracks ?? {}) as Record<string, Json>)) {
    const { gain, ...t } = raw;
    const clips: Json = {};
    for (const [cid, c] of Object.entries((t.clips ?? {}) as Record<string, Json>)) {
      if (c.kind !== "audio") { clips[cid] = c; continue; }
      const { gain: cg, ...rest } = c;
      clips[cid] = { ...rest, gainDb: linearToDb(cg) };
    }
    const sends = ((t.sends ?? []) as Json[]).map(({ gain: sg, ...s }) => ({ ...s, gainDb: linearToDb(sg) }));
    tracks.push({ ...t, id, gainDb: linearToDb(gain), soloSafe: false, sends, clips });
  }
  return { ...file, formatVersion: 2, saveId: randomUUID(), project: { ...project, tracks } };
}

export const migrations: Record<number, (file: Json) => Json> = { 1: v1ToV2 };
