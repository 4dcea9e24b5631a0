// The tempo and metre changes -> the engine's combined tempo map (one point wherever either changes).
import { ipc } from "@loophole/contract";
import type { TempoMap } from "../model/tempo";
import type { TempoIndex } from "../time/tempo-index";

export function engineTempoMap(map: TempoMap, idx: TempoIndex, sampleRate: number): ipc.TempoPointT[] {
  const beats = [...new Set([...map.tempos.map((t) => t.beat), ...map.meters.map((m) => m.beat)])].sort((a, b) => a - b);
  const lastAt = <T extends { beat: number }>(list: readonly T[], beat: number): T => {
    let found = list[0]!;
    for (const x of list) if (x.beat <= beat) found = x;
    return found;
  };
  return beats.map((b) => {
    const t = lastAt(map.tempos, b);
    const m = lastAt(map.meters, b);
    return new ipc.TempoPointT(BigInt(idx.sample(b, sampleRate)), t.bpm, m.numerator, m.denominator);
  });
}
