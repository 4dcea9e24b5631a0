// What "the engine holds the graph Pulse derived" means, precisely: the two GraphSnapshots are
// equal field by field (channels with their processors, sends, clips and automation; sample rate;
// tempo map) after four normalisations, each for a stated reason:
//  - revision is left out: parameter changes move the engine's content without a new revision;
//  - channels are compared by id, not position: a diff appends new channels, order has no meaning;
//  - numbers are compared at float32 precision: the wire carries gains, pans and values as float;
//  - an absent string reads as "": FlatBuffers writers may leave an empty string out.
// Nothing else is excluded: names, ids, routing, processor state blobs and bypass all count.
import type { ipc } from "@loophole/contract";

function plain(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Math.fround(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v);
    return out;
  }
  return value;
}

export function comparableGraph(snapshot: ipc.GraphSnapshotT): unknown {
  const channels = [...snapshot.channels].sort((a, b) => a.id - b.id).map((c) => plain({ ...c }));
  return { sampleRate: snapshot.sampleRate, tempoMap: plain(snapshot.tempoMap), channels };
}
