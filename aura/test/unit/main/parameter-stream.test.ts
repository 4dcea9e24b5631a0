// Parameter changes leave in per-tick frames, in push order, and a refusal is reported.
import { describe, expect, it } from "vitest";
import { ipc } from "@loophole/contract";
import { MAX_CHANGES_PER_FRAME, ParameterStream } from "../../../src/main/engine/parameter-stream";

const change = (value: number) => new ipc.SetParameterT(new ipc.ParameterAddressT(1, 0), value, -1n);

describe("parameter stream", () => {
  it("sends one frame per tick with every change in order, and answers pushes once Signal answered", async () => {
    const frames: number[][] = [];
    const stream = new ParameterStream(async (changes) => { frames.push(changes.map((c) => c.value)); }, () => { throw new Error("not refused"); });
    const pushes = [stream.push([change(1), change(2)]), stream.push([change(3)])];
    expect(frames).toEqual([]);
    await Promise.all(pushes);
    await stream.push([change(4)]);
    expect(frames).toEqual([[1, 2, 3], [4]]);
  });

  it("splits a large backlog into bounded frames, still in order", async () => {
    const frames: number[][] = [];
    const stream = new ParameterStream(async (changes) => { frames.push(changes.map((c) => c.value)); }, () => {});
    const values = Array.from({ length: MAX_CHANGES_PER_FRAME + 10 }, (_, i) => i);
    await stream.push(values.map(change));
    expect(frames.map((f) => f.length)).toEqual([MAX_CHANGES_PER_FRAME, 10]);
    expect(frames.flat()).toEqual(values);
  });

  it("flush sends at once, so a following command cannot overtake the changes", () => {
    const order: string[] = [];
    const stream = new ParameterStream(async () => { order.push("parameters"); }, () => {});
    void stream.push([change(1)]);
    stream.flush();
    order.push("diff");
    expect(order).toEqual(["parameters", "diff"]);
  });

  it("reports a refused frame so the engine can be brought back", async () => {
    const refused: string[] = [];
    const stream = new ParameterStream(async () => { throw new Error("Busy: too many parameter changes"); }, (e) => refused.push(e.message));
    await stream.push([change(1)]);
    expect(refused).toEqual(["Busy: too many parameter changes"]);
  });
});
