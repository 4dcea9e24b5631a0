// The main process end to end with the real Pulse session: renderer requests become Pulse edits,
// Pulse revisions reach the engine as LoadGraph/ApplyGraphDiff, and an engine restart replays the
// graph and resumes the transport. The engine here is the stand-in (see standin-signal.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAura, type RunningAura } from "../../../src/main/index";
import { buildStandinSignal } from "../../support/build-standin";
import { RendererClient, until } from "../../support/renderer-client";

const dir = mkdtempSync(join(tmpdir(), "aura-session-"));
const log = join(dir, "engine.jsonl");
const engineLog = () => existsSync(log) ? readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, string>) : [];
let aura: RunningAura;
let client: RendererClient;

beforeAll(async () => {
  const signalPath = await buildStandinSignal(["--log", log]);
  aura = await startAura({ signalPath, stateDir: dir, openBrowser: false, log: () => {} });
  client = await RendererClient.open(aura.origin, aura.token);
});
afterAll(async () => { client?.close(); await aura?.stop(); });

describe("Aura main process with Pulse", () => {
  it("prints a loopback URL carrying the session token", () => {
    expect(aura.url).toBe(`${aura.origin}/?token=${aura.token}`);
    expect(aura.origin).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it("starts the engine and loads Pulse's graph into it", async () => {
    const { engine } = await client.request("session.get", {});
    expect(engine.state).toBe("running");
    expect(engineLog().map((c) => c.type).slice(0, 3)).toEqual(["Hello", "LoadGraph", "SetLoop"]);
  });

  it("applies edits in Pulse, sends graph diffs, and undoes them", async () => {
    await client.request("project.edit", { edit: { type: "addTrack", kind: "instrument", name: "Keys" } });
    let { project } = await client.request("session.get", {});
    const keys = project.tracks.find((t) => t.name === "Keys")!;
    expect(keys.kind).toBe("instrument");
    await client.request("project.edit", { edit: { type: "addClip", trackId: keys.id, kind: "midi", startBeat: 4, lengthBeats: 4 } });
    await client.request("project.edit", { edit: { type: "addPlugin", trackId: keys.id, uid: "builtin:SineSynth" } });
    ({ project } = await client.request("session.get", {}));
    const clip = project.tracks.find((t) => t.id === keys.id)!.clips[0]!;
    await client.request("project.edit", { edit: { type: "moveClip", clipId: clip.id, trackId: keys.id, startBeat: 8 } });
    ({ project } = await client.request("session.get", {}));
    expect(project.tracks.find((t) => t.id === keys.id)!.clips[0]!.startBeat).toBe(8);
    expect(project.history.map((h) => h.label)).toEqual(["Add track", "Add clip", "Add plugin", "Move clip"]);
    await client.request("project.undo", {});
    ({ project } = await client.request("session.get", {}));
    expect(project.tracks.find((t) => t.id === keys.id)!.clips[0]!.startBeat).toBe(4);
    expect(project.historyCursor).toBe(2);
    expect(engineLog().filter((c) => c.type === "ApplyGraphDiff").length).toBe(5);
    expect(client.latest("project.changed")?.revision).toBe(project.revision);
  });

  it("refuses a bad edit with Pulse's reason and leaves the project as it was", async () => {
    const before = (await client.request("session.get", {})).project.revision;
    await expect(client.request("project.edit", { edit: { type: "setTrackPan", trackId: "nope", pan: 0 } })).rejects.toThrow(/no track "nope"/);
    await expect(client.request("project.edit", { edit: { type: "addPlugin", trackId: "master", uid: "vst3:missing" } })).rejects.toThrow(/not in the catalogue/);
    expect((await client.request("session.get", {})).project.revision).toBe(before);
  });

  it("restarts a killed engine with the whole graph and resumes playing where it was", async () => {
    await client.request("transport.play", { fromBeat: 2 });
    await until(() => (client.latest("telemetry")?.positionBeats ?? 0) > 2.5, 10_000, "playhead moving");
    const pid = aura.supervisor!.pid!;
    const hellos = engineLog().filter((c) => c.type === "Hello").length;
    process.kill(pid, "SIGKILL");
    await until(() => client.events.some((e) => e.channel === "engine.status" && (e.payload as { state: string }).state === "restarting"), 10_000, "restarting reported");
    await until(() => aura.supervisor!.status.state === "running" && aura.supervisor!.pid !== pid, 10_000, "engine back");
    const replay = engineLog().slice(engineLog().map((c) => c.type).lastIndexOf("Hello"));
    expect(engineLog().filter((c) => c.type === "Hello").length).toBe(hellos + 1);
    expect(replay.map((c) => c.type)).toEqual(["Hello", "LoadGraph", "SetLoop", "TransportCommand", "Subscribe"]);
    expect(Number(replay[1]!.channels)).toBe(2);
    expect(replay[3]).toMatchObject({ action: "Play" });
    expect(Number(replay[3]!.position)).toBeGreaterThan(2.5 * 24_000);
    await until(() => client.latest("telemetry")?.playing, 5000, "playing again");
  });

  it("imports audio with its waveform, and edits automation, loop and markers", async () => {
    const { encode } = await import("node-wav");
    const wavPath = join(dir, "two-seconds.wav");
    const tone = new Float32Array(96_000).map((_, i) => 0.8 * Math.sin(i / 10));
    writeFileSync(wavPath, encode([tone], { sampleRate: 48_000, bitDepth: 16 }));
    await client.request("project.edit", { edit: { type: "addTrack", kind: "audio", name: "Vox" } });
    let { project } = await client.request("session.get", {});
    const vox = project.tracks.find((t) => t.name === "Vox")!;
    await client.request("project.edit", { edit: { type: "addClip", trackId: vox.id, kind: "audio", startBeat: 4, lengthBeats: 0, file: wavPath } });
    await expect(client.request("project.edit", { edit: { type: "addClip", trackId: vox.id, kind: "audio", startBeat: 0, lengthBeats: 0, file: join(dir, "missing.wav") } })).rejects.toThrow(/missing.wav" does not exist/);
    await client.request("project.edit", { edit: { type: "addAutomationLane", trackId: vox.id, param: "gain" } });
    ({ project } = await client.request("session.get", {}));
    const lane = project.tracks.find((t) => t.id === vox.id)!.automation[0]!;
    await client.request("project.edit", { edit: { type: "setAutomationPoint", trackId: vox.id, laneId: lane.id, beat: 2, value: 60 / 72 } });
    const loopsBefore = engineLog().filter((c) => c.type === "SetLoop").length;
    await client.request("project.edit", { edit: { type: "setLoop", enabled: true, startBeat: 4, endBeat: 12 } });
    // The loop is not part of the graph: the engine gets it as its own SetLoop command.
    expect(engineLog().filter((c) => c.type === "SetLoop").length).toBe(loopsBefore + 1);
    await client.request("project.edit", { edit: { type: "addMarker", beat: 8, name: "Chorus" } });
    await client.request("project.edit", { edit: { type: "setTempo", bpm: 90 } });
    ({ project } = await client.request("session.get", {}));
    const clip = project.tracks.find((t) => t.id === vox.id)!.clips[0]!;
    expect(clip.name).toBe("two-seconds.wav");
    expect(clip.lengthBeats).toBeCloseTo(4, 6); // 2 s at 120 BPM, measured when it was added
    expect(clip.peaks).toHaveLength(256);
    // After the tempo change to 90 BPM, 4 beats last 2.67 s: the last quarter of the clip is past the file.
    expect(Math.min(...clip.peaks!.slice(0, 180))).toBeGreaterThan(0.7);
    expect(Math.max(...clip.peaks!.slice(200))).toBe(0);
    expect(project.tracks.find((t) => t.id === vox.id)!.automation[0]!.points).toEqual([{ beat: 2, value: 60 / 72 }]);
    // Clip gain and fades, as the arrange's handles set them; fades longer than the clip are refused.
    await client.request("project.edit", { edit: { type: "setClipGain", clipId: clip.id, gainDb: -6 } });
    await client.request("project.edit", { edit: { type: "setClipFades", clipId: clip.id, fadeInBeats: 1, fadeOutBeats: 0.5 } });
    await expect(client.request("project.edit", { edit: { type: "setClipFades", clipId: clip.id, fadeInBeats: 3, fadeOutBeats: 3 } })).rejects.toThrow(/fade/i);
    const faded = (await client.request("session.get", {})).project.tracks.find((t) => t.id === vox.id)!.clips[0]!;
    expect(faded).toMatchObject({ gainDb: -6, fadeInBeats: 1, fadeOutBeats: 0.5 });
    expect(project.loop).toEqual({ enabled: true, startBeat: 4, endBeat: 12 });
    expect(project.markers).toMatchObject([{ beat: 8, name: "Chorus" }]);
    expect(project.tempoBpm).toBe(90);
  });

  it("shows Signal's scan through Pulse's catalogue, inserts the preferred format and keeps favourites", async () => {
    const catalogue = await client.request("plugins.catalogue", {});
    const zam = catalogue.plugins.find((p) => p.name === "ZamComp")!;
    expect(zam).toMatchObject({ vendor: "Damien Zammit", format: "VST3/LV2", category: "Dynamics", favourite: false });
    expect(catalogue.plugins.some((p) => p.name === "Crashy")).toBe(false);
    const master = (await client.request("session.get", {})).project.tracks.find((t) => t.kind === "master")!;
    await client.request("project.edit", { edit: { type: "addPlugin", trackId: master.id, uid: zam.uid } });
    const slot = (await client.request("session.get", {})).project.tracks.find((t) => t.kind === "master")!.plugins.at(-1)!;
    expect(slot).toMatchObject({ name: "ZamComp", uid: "vst3-zamcomp" });
    const after = await client.request("plugins.setFavourite", { uid: zam.uid, favourite: true });
    expect(after.plugins.find((p) => p.uid === zam.uid)!.favourite).toBe(true);
    await expect(client.request("plugins.openEditor", { trackId: master.id, pluginId: slot.id })).rejects.toThrow("PluginFailed: the plugin's host process died (processor)");
    expect(client.latest("plugin.fault")).toEqual({ processor: slot.engineId, status: "Crashed", reason: "host killed by SIGSEGV" });
    const library = JSON.parse(readFileSync(join(dir, "plugin-library.json"), "utf8")) as { plugins: Record<string, { favourite: boolean }> };
    expect(library.plugins[zam.uid]!.favourite).toBe(true);
  });

  it("routes sends to a bus, bypasses and removes plugins, renames tracks", async () => {
    await client.request("project.edit", { edit: { type: "addTrack", kind: "bus", name: "Reverb" } });
    let { project } = await client.request("session.get", {});
    const keys = project.tracks.find((t) => t.name === "Keys")!;
    const bus = project.tracks.find((t) => t.name === "Reverb")!;
    await client.request("project.edit", { edit: { type: "addSend", trackId: keys.id, target: bus.id, gainDb: -6 } });
    ({ project } = await client.request("session.get", {}));
    const send = project.tracks.find((t) => t.id === keys.id)!.sends[0]!;
    expect(send).toMatchObject({ target: bus.id, gainDb: -6 });
    await client.request("project.edit", { edit: { type: "setSendGain", trackId: keys.id, sendId: send.id, gainDb: -12 } });
    const plugin = project.tracks.find((t) => t.id === keys.id)!.plugins[0]!;
    await client.request("project.edit", { edit: { type: "setPluginBypass", trackId: keys.id, pluginId: plugin.id, bypass: true } });
    await client.request("project.edit", { edit: { type: "renameTrack", trackId: bus.id, name: "Hall" } });
    ({ project } = await client.request("session.get", {}));
    expect(project.tracks.find((t) => t.id === keys.id)!.sends[0]!.gainDb).toBe(-12);
    expect(project.tracks.find((t) => t.id === keys.id)!.plugins[0]!.bypass).toBe(true);
    expect(project.tracks.find((t) => t.id === bus.id)!.name).toBe("Hall");
    // Pulse refuses a send to a track that cannot receive audio (an instrument track).
    await expect(client.request("project.edit", { edit: { type: "addSend", trackId: bus.id, target: keys.id } })).rejects.toThrow();
    await client.request("project.edit", { edit: { type: "removeSend", trackId: keys.id, sendId: send.id } });
    await client.request("project.edit", { edit: { type: "removePlugin", trackId: keys.id, pluginId: plugin.id } });
    ({ project } = await client.request("session.get", {}));
    expect(project.tracks.find((t) => t.id === keys.id)!.sends).toEqual([]);
    expect(project.tracks.find((t) => t.id === keys.id)!.plugins).toEqual([]);
  });

  it("persists the panel layout", async () => {
    await client.request("layout.save", { layout: { browserWidth: 300, junk: Number.NaN } as Record<string, number> });
    expect((await client.request("layout.get", {})).layout).toEqual({ browserWidth: 300 });
  });

  it("keeps the session when the renderer disconnects and a new one connects", async () => {
    const revision = (await client.request("session.get", {})).project.revision;
    client.close();
    client = await RendererClient.open(aura.origin, aura.token);
    const { project, engine } = await client.request("session.get", {});
    expect(project.revision).toBe(revision);
    expect(engine.state).toBe("running");
  });

  it("streams every value of a drag to the engine in order and commits it as one step per gesture", async () => {
    await client.request("project.edit", { edit: { type: "addTrack", kind: "audio", name: "Drag" } });
    const track = (await client.request("session.get", {})).project.tracks.find((t) => t.name === "Drag")!;
    const { history: { length: historyBefore }, revision: revisionBefore } = (await client.request("session.get", {})).project;
    const logged = engineLog().length;
    const gains = Array.from({ length: 40 }, (_, i) => -i / 2);
    // Sent without waiting, as a renderer does: a burst with a refused value and a rename inside it.
    const replies = [
      ...gains.slice(0, 20).map((gainDb) => client.request("project.edit", { edit: { type: "setTrackGain", trackId: track.id, gainDb }, gesture: "drag-1" })),
      client.request("project.edit", { edit: { type: "setTrackGain", trackId: track.id, gainDb: 999 }, gesture: "drag-1" }),
      client.request("project.edit", { edit: { type: "renameTrack", trackId: track.id, name: "Dragged" } }),
      ...gains.slice(20).map((gainDb) => client.request("project.edit", { edit: { type: "setTrackGain", trackId: track.id, gainDb }, gesture: "drag-1" })),
    ];
    const settled = await Promise.allSettled(replies);
    expect(settled.map((r) => r.status).filter((s) => s === "rejected")).toHaveLength(1);
    expect((settled[20] as PromiseRejectedResult).reason.message).toMatch(/must be between -\d+ and 12, not 999/);

    const streamed = engineLog().slice(logged).flatMap((e) => (e.changes ?? []) as unknown as [number, number, number][])
      .filter(([node, param]) => node === track.engineId && param === 0).map(([, , value]) => value);
    expect(streamed).toEqual(gains.map((db) => Math.fround(10 ** (db / 20))));
    const after = (await client.request("session.get", {})).project;
    expect(after.history.slice(historyBefore).map((h) => h.label)).toEqual(["Set volume", "Rename track", "Set volume"]);
    expect(after.tracks.find((t) => t.id === track.id)!.gainDb).toBe(gains[gains.length - 1]);
    // Coalesced: a burst commits once per turn of the event loop, not once per value.
    expect(after.revision - revisionBefore).toBeLessThan(gains.length / 2);
  });
});
