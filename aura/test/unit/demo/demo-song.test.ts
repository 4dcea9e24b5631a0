import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ipc } from "@loophole/contract";
import { buildDemoSession } from "../../../src/main/commands/demo";
import { contentEnd } from "../../../src/main/commands/render-project";
import { DEMO_BARS, DEMO_BPM } from "../../../src/main/demo/demo-song";
import { synthesiseDrumLoop } from "../../../src/main/demo/drum-loop";

describe("demo song", () => {
  it("synthesises the same drum loop every time, one bar long and never clipping", () => {
    const a = synthesiseDrumLoop(DEMO_BPM, 48_000);
    const b = synthesiseDrumLoop(DEMO_BPM, 48_000);
    expect(a.left).toEqual(b.left);
    expect(a.left.length).toBe(Math.round((4 * 60 / DEMO_BPM) * 48_000));
    const peak = [...a.left, ...a.right].reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    expect(peak).toBeGreaterThan(0.3);
    expect(peak).toBeLessThan(1);
  });

  it("builds in Pulse into a graph with tracks, a bus, sends, automation and built-in instruments", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-"));
    const plugins = { reverb: { format: "CLAP" as const, uid: "com.example.verb", name: "Verb" } };
    const session = await buildDemoSession(dir, plugins);
    const graph = session.deriveGraph();

    const byName = new Map(graph.channels.map((c) => [String(c.name), c]));
    expect([...byName.keys()].sort()).toEqual(["Bass", "Drums", "Lead", "Master", "Reverb"]);
    const reverb = byName.get("Reverb")!;
    expect(reverb.kind).toBe(ipc.ChannelKind.Bus);
    expect(reverb.processors.map((p) => String(p.pluginUid))).toEqual(["com.example.verb"]);
    expect(byName.get("Drums")!.sends[0]!.target).toBe(reverb.id);
    expect(byName.get("Lead")!.automation.length).toBe(2);
    expect(byName.get("Bass")!.processors[0]!.builtin).toBe(ipc.BuiltInKind.SineSynth);
    expect(byName.get("Bass")!.midiClips[0]!.events.length).toBeGreaterThan(0);

    const samplesPerBeat = (60 / DEMO_BPM) * 48_000;
    expect(Number(contentEnd(graph))).toBeCloseTo(DEMO_BARS * 4 * samplesPerBeat, -1);
    expect(JSON.parse(readFileSync(join(dir, "demo.loophole"), "utf8"))).toBeTruthy();
    await session.close();
  });
});
