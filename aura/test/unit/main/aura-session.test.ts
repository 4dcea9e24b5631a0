// The main process end to end with the real Pulse session: renderer requests become Pulse edits,
// Pulse revisions reach the engine as LoadGraph/ApplyGraphDiff, and an engine restart replays the
// graph and resumes the transport. The engine here is the stand-in (see standin-signal.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, existsSync } from "node:fs";
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
});
