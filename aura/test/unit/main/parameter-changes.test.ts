// Which commits may travel as SetParameter values instead of a graph diff.
import { describe, expect, it } from "vitest";
import { ipc } from "@loophole/contract";
import { mixerChanges, mixerChangesOfDiff } from "../../../src/main/engine/parameter-changes";

const channel = (over: Partial<ipc.ChannelT> = {}) => Object.assign(
  new ipc.ChannelT(7, ipc.ChannelKind.Audio, "Kick", 1, 1, 0, false, false, [], [new ipc.SendT(20, 3, 0.5, false)], [], [], []), over);
const summary = (changes: ipc.SetParameterT[] | null) => changes?.map((c) => [c.address!.node, c.address!.param, c.value]);

describe("mixer changes", () => {
  it("turns gain, pan, mute, polarity and send level into parameter changes, channel first", () => {
    const next = channel({ gain: 0.25, pan: -0.5, mute: true, polarityInvert: true, sends: [new ipc.SendT(20, 3, 0.125, false)] });
    expect(summary(mixerChanges(channel(), next))).toEqual([[7, 0, 0.25], [7, 1, -0.5], [7, 2, 1], [7, 3, 1], [20, 0, 0.125]]);
    expect(mixerChanges(channel(), channel())).toEqual([]);
  });

  it("refuses anything that changes the structure: name, routing, inserts, send target or count", () => {
    expect(mixerChanges(channel(), channel({ name: "Snare" }))).toBeNull();
    expect(mixerChanges(channel(), channel({ output: 2 }))).toBeNull();
    expect(mixerChanges(channel(), channel({ processors: [new ipc.ProcessorT(30)] }))).toBeNull();
    expect(mixerChanges(channel(), channel({ sends: [new ipc.SendT(20, 4, 0.5, false)] }))).toBeNull();
    expect(mixerChanges(channel(), channel({ sends: [] }))).toBeNull();
  });

  it("needs every upserted channel to be held already, and no removals or tempo change", () => {
    const held = new Map([[7, channel()]]);
    const diff = (over: Partial<ipc.GraphDiffT>) => Object.assign(new ipc.GraphDiffT(1n, 2n, [channel({ gain: 2 })], [], []), over);
    expect(summary(mixerChangesOfDiff(held, diff({})))).toEqual([[7, 0, 2]]);
    expect(mixerChangesOfDiff(held, diff({ upsertChannels: [channel({ id: 8 })] }))).toBeNull();
    expect(mixerChangesOfDiff(held, diff({ removeChannels: [9] }))).toBeNull();
    expect(mixerChangesOfDiff(held, diff({ tempoMap: [new ipc.TempoPointT(0n, 100, 4, 4)] }))).toBeNull();
  });
});
