// The streamed values of a gesture must be exactly what committing the same moves derives: the
// engine hears them before the model has them, and nothing corrects it afterwards.
import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { ipc } from "@loophole/contract";
import { isStreamable, netEffect, projectToJson, type Operation, type StreamableOperation } from "../src/index";
import { rejection, smallSession } from "./helpers";

const track = fc.constantFrom("kick", "snare", "lead", "verb", "drums", "master", "nope");
const move: fc.Arbitrary<StreamableOperation> = fc.oneof(
  fc.record({ op: fc.constant("track.setGain" as const), track, gainDb: fc.double({ min: -200, max: 20, noNaN: true }) }),
  fc.record({ op: fc.constant("track.setPan" as const), track, pan: fc.double({ min: -1.5, max: 1.5, noNaN: true }) }),
  fc.record({ op: fc.constant("send.set" as const), track: fc.constantFrom("snare", "kick"), send: fc.constantFrom("snare-verb", "gone"),
    gainDb: fc.double({ min: -200, max: 20, noNaN: true }) }),
);

/** The value the derived graph holds at an engine parameter address. */
function derivedValue(graph: ipc.GraphSnapshotT, address: ipc.ParameterAddressT): number | undefined {
  for (const c of graph.channels) {
    if (c.id === address.node && address.param === ipc.ChannelParam.Gain) return c.gain;
    if (c.id === address.node && address.param === ipc.ChannelParam.Pan) return c.pan;
    const send = c.sends.find((s) => s.id === address.node);
    if (send && address.param === ipc.SendParam.Gain) return send.gain;
  }
  return undefined;
}

describe("streamed mixer moves", () => {
  test("each move's streamed change is what committing it derives, and a refused move is refused alike", () => {
    fc.assert(fc.property(fc.array(move, { minLength: 1, maxLength: 30 }), (moves) => {
      const s = smallSession();
      for (const m of moves) {
        let changes: ipc.SetParameterT[] | null;
        try {
          changes = s.parameterChangesOf([m]);
        } catch {
          const code = rejection(() => s.parameterChangesOf([m])).code;
          expect(rejection(() => s.apply([m])).code).toBe(code);
          continue;
        }
        s.apply([m]);
        const graph = s.deriveGraph();
        // "drums" is a folder with a strip, so every track here has a channel.
        expect(changes).toHaveLength(1);
        // -0 and 0 are one value to the engine (and Pulse may keep 0 when -0 arrives).
        expect(derivedValue(graph, changes![0]!.address!)! + 0).toBe(changes![0]!.value + 0);
      }
    }), { numRuns: 200 });
  });

  test("the net effect of a gesture leaves the project where every move one by one leaves it", () => {
    const valid = move.filter((m) => m.track !== "nope" && m.track !== "master" && !(m.op === "send.set" && (m.track !== "snare" || m.send !== "snare-verb"))
      && (m.op === "track.setPan" ? Math.abs(m.pan) <= 1 : (m.gainDb ?? 0) >= -150 && (m.gainDb ?? 0) <= 12));
    fc.assert(fc.property(fc.array(valid, { minLength: 1, maxLength: 40 }), (moves) => {
      const oneByOne = smallSession();
      for (const m of moves) oneByOne.apply([m]);
      const netted = smallSession();
      netted.apply(netEffect(moves));
      // Through JSON text, as saved: -0 and 0 are one gain there.
      const saved = (s: typeof netted) => JSON.stringify(projectToJson(s.project).tracks);
      expect(saved(netted)).toBe(saved(oneByOne));
    }), { numRuns: 200 });
  });

  test("only value moves stream: routing changes and anything else are committed the ordinary way", () => {
    const s = smallSession();
    const notMoves: Operation[] = [
      { op: "send.set", track: "snare", send: "snare-verb", target: "drums" },
      { op: "send.set", track: "snare", send: "snare-verb", gainDb: -3, preFader: true },
      { op: "track.setMute", track: "kick", mute: true },
    ];
    for (const op of notMoves) {
      expect(isStreamable(op)).toBe(false);
      expect(s.parameterChangesOf([op])).toBeNull();
    }
    expect(s.parameterChangesOf([{ op: "track.setGain", track: "kick", gainDb: -6 }, notMoves[2]!])).toBeNull();
  });

  test("a folder without a strip takes the move but has no channel to stream it to", () => {
    const s = smallSession();
    s.apply([{ op: "track.add", id: "grp", kind: "folder", name: "Group", hasStrip: false }]);
    expect(s.parameterChangesOf([{ op: "track.setGain", track: "grp", gainDb: -3 }])).toEqual([]);
  });
});
