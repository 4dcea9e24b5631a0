// Turns immer patches into the minimal change set observers get: which entities were added,
// changed or removed.
import type { Patch } from "immer";

export type EntityRef =
  | { readonly kind: "track"; readonly track: string }
  | { readonly kind: "clip"; readonly track: string; readonly clip: string }
  | { readonly kind: "lane"; readonly track: string; readonly lane: string }
  | { readonly kind: "marker"; readonly marker: string }
  | { readonly kind: "order" | "tempo" | "loop" | "meta" };

export interface ChangeSet {
  readonly added: EntityRef[];
  readonly changed: EntityRef[];
  readonly removed: EntityRef[];
}

function refOf(path: Patch["path"]): { ref: EntityRef; depth: number } | null {
  const [a, b, c, d] = path.map(String);
  switch (a) {
    case "tracks":
      if (b === undefined) return null;
      if ((c === "clips" || c === "automation") && d !== undefined)
        return { ref: c === "clips" ? { kind: "clip", track: b, clip: d } : { kind: "lane", track: b, lane: d }, depth: 4 };
      return { ref: { kind: "track", track: b }, depth: 2 };
    case "markers":
      return b === undefined ? null : { ref: { kind: "marker", marker: b }, depth: 2 };
    case "order": case "tempo": case "loop": case "meta":
      return { ref: { kind: a }, depth: 1 };
    default:
      return null; // nextNum: bookkeeping, not an entity
  }
}

const keyOf = (r: EntityRef): string => JSON.stringify(r);

export function changesFrom(patches: readonly Patch[]): ChangeSet {
  const status = new Map<string, { ref: EntityRef; s: "added" | "changed" | "removed" }>();
  for (const p of patches) {
    const found = refOf(p.path);
    if (!found) continue;
    const { ref, depth } = found;
    const k = keyOf(ref);
    const prev = status.get(k)?.s;
    let s: "added" | "changed" | "removed" = "changed";
    if (p.path.length === depth && p.op === "add") s = prev === "removed" ? "changed" : "added";
    else if (p.path.length === depth && p.op === "remove") {
      if (prev === "added") { status.delete(k); continue; }
      s = "removed";
    } else if (prev) s = prev;
    status.set(k, { ref, s });
    // A new or removed track implies its clips and lanes; don't list them separately.
  }
  const set: ChangeSet = { added: [], changed: [], removed: [] };
  const wholeTracks = new Set<string>();
  for (const { ref, s } of status.values()) if (ref.kind === "track" && s !== "changed") wholeTracks.add(ref.track);
  for (const { ref, s } of status.values()) {
    if ((ref.kind === "clip" || ref.kind === "lane") && wholeTracks.has(ref.track)) continue;
    set[s].push(ref);
  }
  return set;
}
