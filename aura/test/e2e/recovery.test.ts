// Supervision and crash recovery with the real loophole-signal and Debian's Chromium (ADR 0003):
// kill -9 of every process keeps every acknowledged edit and `start` reopens the project saying so;
// a UI action in the mixer changes what the engine plays; the browser can die while Signal plays
// on; and a killed Signal is playing again at the same position within the gap printed here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { loadProjectFile } from "@loophole/pulse";
import type { EngineStatus, Requests, TelemetryView } from "../../src/channels";
import { defaultSignalPath, startAura, type RunningAura } from "../../src/main/index";
import { bundleAuraCli, startAuraProcess, type AuraProcess } from "../support/aura-process";
import { comparable, ProjectMirror, type Write } from "../support/project-mirror";
import { RendererClient, until } from "../support/renderer-client";

const signalPath = process.env.LOOPHOLE_SIGNAL ?? defaultSignalPath;
const haveSignal = existsSync(signalPath);
if (!haveSignal) console.warn(`aura recovery e2e: ${signalPath} is not built; recovery tests are skipped. Build it with: cmake --build <dir> --target loophole-signal`);
/** The build dir the CLI takes its engine from: <build>/signal/server/loophole-signal. */
const buildDir = resolve(signalPath, "../../..");

const artifacts = resolve(import.meta.dirname, "../../../test-artifacts/aura");
mkdirSync(artifacts, { recursive: true });
const launchArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** A chromium whose process the test can kill -9 (a browser server), and a connection to it. */
async function launchBrowser(): Promise<Browser & { pid: number; shutdown(): Promise<void> }> {
  const server = await chromium.launchServer({ executablePath: "/usr/bin/chromium", args: launchArgs, headless: true });
  const browser = await chromium.connect(server.wsEndpoint());
  return Object.assign(browser, {
    pid: server.process().pid!,
    async shutdown() { await browser.close().catch(() => {}); await server.kill().catch(() => {}); },
  });
}

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const killHard = (pid: number | undefined) => { if (pid && alive(pid)) process.kill(pid, "SIGKILL"); };

/** Opens the renderer and waits until it shows a running engine. */
async function openPage(browser: Browser, url: string, beforeLoad?: (page: Page) => void): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("pageerror", (e) => console.error(`renderer error: ${e.message}`));
  beforeLoad?.(page);
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("[data-testid=engine-status]")?.getAttribute("data-state") === "running", undefined, { timeout: 30_000 });
  return page;
}

/** Project writes the page sends over its channel socket, and whether the main process acknowledged each. */
function recordWrites(page: Page): { writes: (Write & { ok?: boolean })[] } {
  const record: { writes: (Write & { ok?: boolean })[] } = { writes: [] };
  const byId = new Map<number, Write & { ok?: boolean }>();
  page.on("websocket", (ws) => {
    ws.on("framesent", ({ payload }) => {
      const m = JSON.parse(String(payload)) as { kind: string; id: number; channel: string; params: { edit?: unknown } };
      if (m.kind !== "request" || !["project.edit", "project.undo", "project.redo"].includes(m.channel)) return;
      const write = (m.channel === "project.edit" ? { channel: m.channel, edit: m.params.edit } : { channel: m.channel }) as Write;
      byId.set(m.id, write);
      record.writes.push(write);
    });
    ws.on("framereceived", ({ payload }) => {
      const m = JSON.parse(String(payload)) as { kind: string; id: number; ok: boolean };
      const write = m.kind === "response" ? byId.get(m.id) : undefined;
      if (write) write.ok = m.ok;
    });
  });
  return record;
}

describe.skipIf(!haveSignal)("kill -9 of every process", () => {
  let cli: string;
  let aura: AuraProcess | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let enginePid: number | undefined;
  beforeAll(async () => { cli = await bundleAuraCli(); });
  afterAll(() => rmSync(cli, { force: true }));
  afterEach(async () => {
    killHard(aura?.pid);
    killHard(enginePid);
    await browser?.shutdown();
  });

  /** Kills the main process, Signal and the browser at once, and waits until all three are gone. */
  async function killEverything(): Promise<void> {
    const pids = [aura!.pid, enginePid!, browser!.pid];
    for (const pid of pids) process.kill(pid, "SIGKILL");
    await until(() => pids.every((pid) => !alive(pid)), 10_000, "every process gone");
    await aura!.exited;
    await browser!.shutdown();
  }

  it("keeps every acknowledged edit; start reopens the project and says it was recovered", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aura-kill-all-"));
    const stateDir = join(dir, "state");
    const file = join(dir, "Song.loophole");
    aura = await startAuraProcess(cli, { stateDir, buildDir, project: file });
    const mirror = await ProjectMirror.of(file); // `start` created and saved it before serving
    browser = await launchBrowser();
    let recorded = { writes: [] as (Write & { ok?: boolean })[] };
    let page = await openPage(browser, aura.url, (p) => { recorded = recordWrites(p); });
    let client = await RendererClient.open(aura.origin, aura.token);
    enginePid = (await client.request("session.get", {})).engine.pid;
    expect(enginePid).toBeGreaterThan(0);

    // Edits from the renderer: a track from the transport bar, then its fader and mute in the mixer.
    await page.click("[data-testid=add-instrument-track]");
    await page.waitForSelector("[data-testid=track-header]");
    const trackId = await page.evaluate(() => (window as any).aura.state.project.tracks.find((t: any) => t.kind === "instrument").id as string);
    const strip = page.locator(`[data-testid=strip][data-track-id='${trackId}']`);
    await strip.locator("[data-testid=fader]").fill("0.6");
    await strip.locator("button.mute").click();
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).mute === true, trackId);
    await until(() => recorded.writes.length >= 3 && recorded.writes.every((w) => w.ok !== undefined), 10_000, "renderer edits acknowledged");
    expect(recorded.writes.every((w) => w.ok)).toBe(true);
    for (const w of recorded.writes) mirror.apply(w);

    // Edits through the renderer channel API: plugin, clip and notes, automation, a bus with a send,
    // loop, marker, tempo, and an undo as the last acknowledged write.
    const write = async (w: Write) => {
      if (w.channel === "project.edit") await client.request("project.edit", { edit: w.edit });
      else await client.request(w.channel, {} as Requests[typeof w.channel]["params"]);
      mirror.apply(w);
    };
    const view = async () => (await client.request("session.get", {})).project;
    await write({ channel: "project.edit", edit: { type: "addPlugin", trackId, uid: "builtin:SineSynth" } });
    await write({ channel: "project.edit", edit: { type: "addClip", trackId, kind: "midi", startBeat: 0, lengthBeats: 8 } });
    const clipId = (await view()).tracks.find((t) => t.id === trackId)!.clips[0]!.id;
    await write({ channel: "project.edit", edit: { type: "addNote", clipId, pitch: 64, startBeat: 0, lengthBeats: 2, velocity: 100 } });
    await write({ channel: "project.edit", edit: { type: "addNote", clipId, pitch: 67, startBeat: 2, lengthBeats: 1.5, velocity: 90 } });
    await write({ channel: "project.edit", edit: { type: "addAutomationLane", trackId, param: "gain" } });
    const laneId = (await view()).tracks.find((t) => t.id === trackId)!.automation[0]!.id;
    await write({ channel: "project.edit", edit: { type: "setAutomationPoint", trackId, laneId, beat: 4, value: 0.25 } });
    await write({ channel: "project.edit", edit: { type: "addTrack", kind: "bus", name: "Room" } });
    const busId = (await view()).tracks.find((t) => t.name === "Room")!.id;
    await write({ channel: "project.edit", edit: { type: "addSend", trackId, target: busId, gainDb: -9 } });
    await write({ channel: "project.edit", edit: { type: "setLoop", enabled: true, startBeat: 0, endBeat: 8 } });
    await write({ channel: "project.edit", edit: { type: "addMarker", beat: 4, name: "Drop" } });
    await write({ channel: "project.edit", edit: { type: "setTempo", bpm: 97 } });
    await write({ channel: "project.undo" });
    const expected = comparable(mirror.model);
    expect(expected).not.toEqual(comparable((await loadProjectFile(file)).project)); // the edits are not in the saved file
    await killEverything(); // at once, right after the last acknowledgement

    // `start` without a project reopens the killed session's project from its journal.
    aura = await startAuraProcess(cli, { stateDir, buildDir });
    expect(aura.output()).toContain(`the last session did not end cleanly; reopening ${file}`);
    // One journal entry per acknowledged write that changed something (a repeated fader value does not).
    const writes = Number(/recovered \S+ from its journal \((\d+) edits after the last save\)/.exec(aura.output())?.[1]);
    expect(writes).toBeGreaterThanOrEqual(14);
    expect(writes).toBeLessThanOrEqual(recorded.writes.length + 12);
    browser = await launchBrowser();
    page = await openPage(browser, aura.url, (p) => { recorded = recordWrites(p); });
    await page.waitForFunction(() => document.querySelector("[data-testid=recovery-notice]")?.textContent?.includes("Recovered"));
    expect(await page.locator("[data-testid=recovery-notice]").textContent()).toBe(
      `↺ Recovered "Song.loophole" after an unclean exit: ${writes} unsaved edits restored from its journal.`);
    await page.screenshot({ path: join(artifacts, "10-recovered-after-kill-all.png") });
    // Recovery saved the recovered state, so the file itself now holds it.
    expect(comparable((await loadProjectFile(file)).project)).toEqual(expected);
    client = await RendererClient.open(aura.origin, aura.token);
    const session = await client.request("session.get", {});
    enginePid = session.engine.pid;
    expect(session.recovery).toMatchObject({ path: file, source: "journal", replayed: writes });
    expect(session.project.tracks.find((t) => t.id === trackId)).toMatchObject({ mute: true, plugins: [{ name: "Sine Synth" }], sends: [{ target: busId, gainDb: -9 }] });
    expect(session.project.tempoBpm).toBe(120); // the tempo change was undone before the kill

    // Once more with one edit from the renderer, then kill -9 again: `start <project>` has it too.
    await page.locator(`[data-testid=strip][data-track-id='${trackId}'] button.mute`).click();
    await until(() => recorded.writes.length === 1 && recorded.writes[0]!.ok === true, 10_000, "unmute acknowledged");
    mirror.apply(recorded.writes[0]!);
    client.close();
    await killEverything();
    aura = await startAuraProcess(cli, { stateDir, buildDir, project: file });
    expect(aura.output()).toContain(`recovered ${file} from its journal (1 edits after the last save)`);
    expect(comparable((await loadProjectFile(file)).project)).toEqual(comparable(mirror.model));
    client = await RendererClient.open(aura.origin, aura.token);
    enginePid = (await client.request("session.get", {})).engine.pid;
    client.close();
    // A clean stop (SIGTERM) ends the session: the next bare `start` opens a new project.
    aura.child.kill("SIGTERM");
    await aura.exited;
    await until(() => !alive(enginePid!), 10_000, "engine stopped with its main process");
    aura = await startAuraProcess(cli, { stateDir, buildDir });
    expect(aura.output()).not.toContain("did not end cleanly");
    client = await RendererClient.open(aura.origin, aura.token);
    const fresh = await client.request("session.get", {});
    enginePid = fresh.engine.pid;
    expect(fresh.project.name).toBe("Untitled");
    expect(fresh.recovery).toBeUndefined();
    client.close();
  });
});

describe.skipIf(!haveSignal)("a running session with the real engine", () => {
  let aura: RunningAura;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let client: RendererClient;
  let trackEngineId = 0;
  let masterEngineId = 0;
  let trackId = "";

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "aura-live-"));
    aura = await startAura({ signalPath, projectPath: join(dir, "Live.loophole"), stateDir: join(dir, "state"), openBrowser: false, log: () => {} });
    client = await RendererClient.open(aura.origin, aura.token);
    // A sine note on every other beat for 64 beats: a steady level on the track and on the master.
    // (Not one long note: Signal does not re-trigger a note already sounding when it starts playing
    // mid-note, as after a restart, so a held note would stay silent until its end.)
    await client.request("project.edit", { edit: { type: "addTrack", kind: "instrument", name: "Tone" } });
    let { project } = await client.request("session.get", {});
    trackId = project.tracks.find((t) => t.name === "Tone")!.id;
    await client.request("project.edit", { edit: { type: "addPlugin", trackId, uid: "builtin:SineSynth" } });
    await client.request("project.edit", { edit: { type: "addClip", trackId, kind: "midi", startBeat: 0, lengthBeats: 64 } });
    ({ project } = await client.request("session.get", {}));
    const clipId = project.tracks.find((t) => t.id === trackId)!.clips[0]!.id;
    for (let beat = 0; beat < 64; beat += 2) await client.request("project.edit", { edit: { type: "addNote", clipId, pitch: 69, startBeat: beat, lengthBeats: 1.9, velocity: 100 } });
    ({ project } = await client.request("session.get", {}));
    trackEngineId = project.tracks.find((t) => t.id === trackId)!.engineId;
    masterEngineId = project.tracks.find((t) => t.kind === "master")!.engineId;
    browser = await launchBrowser();
    page = await openPage(browser, aura.url);
    await client.request("transport.play", { fromBeat: 0 });
  });
  afterAll(async () => {
    client?.close();
    await browser?.shutdown();
    await aura?.stop();
  });

  const level = (t: TelemetryView | undefined, id: number) => Math.max(...(t?.meters[id] ?? [0]));
  /** Waits until the page's telemetry shows both meters above (or below) a level; a function, not a
   *  string, because the renderer's CSP forbids eval. */
  const pageLevels = (above: boolean, threshold: number) => page.waitForFunction(({ ids, above, threshold }) => {
    const t = (window as any).aura.state.telemetry;
    const levels = ids.map((id) => Math.max(...(t.meters[id] ?? [0])));
    return t.playing && levels.every((l) => (above ? l > threshold : l < threshold));
  }, { ids: [trackEngineId, masterEngineId], above, threshold }, { timeout: 10_000 });

  it("mutes a track from the mixer: its meter and the master's drop to silence, and come back on unmute", async () => {
    await pageLevels(true, 0.05);
    const mute = page.locator(`[data-testid=strip][data-track-id='${trackId}'] button.mute`);
    await mute.click();
    // Silence: below -80 dBFS on both, while the transport keeps playing, and for longer than the
    // 0.05 s between two notes (so a pause between notes cannot pass for the mute).
    await pageLevels(false, 1e-4);
    const loudest = await page.evaluate((ids) => new Promise<number>((done) => {
      const until = performance.now() + 800;
      let max = 0;
      const sample = () => {
        const t = (window as any).aura.state.telemetry;
        for (const id of ids) max = Math.max(max, ...(t.meters[id] ?? [0]));
        if (performance.now() < until) requestAnimationFrame(sample); else done(max);
      };
      sample();
    }), [trackEngineId, masterEngineId]);
    expect(loudest).toBeLessThan(1e-4);
    await page.screenshot({ path: join(artifacts, "11-muted-silent-meters.png") });
    await mute.click();
    await pageLevels(true, 0.05);
    expect((await client.request("session.get", {})).project.tracks.find((t) => t.id === trackId)!.mute).toBe(false);
  });

  it("keeps playing while the browser is dead, and a new browser rejoins the same session", async () => {
    await until(() => client.latest("telemetry")?.playing, 10_000, "playing");
    const enginePid = aura.supervisor!.pid;
    const revision = (await client.request("session.get", {})).project.revision;
    process.kill(browser.pid, "SIGKILL"); // a UI crash, not a polite close
    await browser.shutdown();
    await until(() => aura.server.rendererCount === 1, 10_000, "only the test's own channel client left"); // the page's socket is gone
    // With no renderer at all: the main process still hears the engine, and the transport advances.
    client.close();
    await until(() => aura.server.rendererCount === 0, 5_000, "no renderer connected");
    const before = aura.app.transport.position;
    await new Promise((r) => setTimeout(r, 1000));
    const after = aura.app.transport.position;
    expect(aura.app.transport.playing).toBe(true);
    expect(Number(after - before)).toBeGreaterThan(0.5 * 48_000);
    expect(aura.supervisor!.pid).toBe(enginePid);

    browser = await launchBrowser();
    page = await openPage(browser, aura.url);
    const beat = Number(after) / 48_000 * 2; // 120 BPM
    await page.waitForFunction((b) => (window as any).aura.state.telemetry.playing && (window as any).aura.state.telemetry.positionBeats > b, beat, { timeout: 10_000 });
    await page.waitForFunction((r) => (window as any).aura.state.project.revision === r, revision);
    client = await RendererClient.open(aura.origin, aura.token);
  });

  it("plays again at the same position soon after Signal is killed (the restart gap)", async () => {
    await client.request("transport.play", { fromBeat: 0 }); // well inside the 64 beats of notes
    const gaps: number[] = [];
    for (let kill = 0; kill < 2; kill++) {
      await until(() => client.latest("telemetry")?.playing, 10_000, "playing");
      // A crash of an engine that ran for a while (not a crash loop, which backs off on purpose).
      await new Promise((r) => setTimeout(r, 2200));
      const pid = aura.supervisor!.pid!;
      const lastBefore = client.latest("telemetry")!;
      const seen = client.events.length;
      const killedAt = performance.now();
      process.kill(pid, "SIGKILL");
      // The first telemetry of the new engine that shows it playing.
      const back = await until(() => {
        const later = client.events.slice(seen);
        const restarting = later.findIndex((e) => e.channel === "engine.status" && (e.payload as EngineStatus).state === "restarting");
        if (restarting < 0) return undefined;
        return later.slice(restarting).find((e) => e.channel === "telemetry" && (e.payload as TelemetryView).playing);
      }, 20_000, "playing again after kill -9");
      const gap = back.at - killedAt;
      gaps.push(gap);
      const resumedAt = (back.payload as TelemetryView).positionBeats;
      console.log(`recovery gap (kill -9 of Signal → telemetry playing again): ${gap.toFixed(0)} ms; stopped at beat ${lastBefore.positionBeats.toFixed(3)}, resumed at beat ${resumedAt.toFixed(3)}`);
      expect(resumedAt).toBeGreaterThanOrEqual(lastBefore.positionBeats - 0.01);
      expect(resumedAt).toBeLessThan(lastBefore.positionBeats + 0.5);
      expect(aura.supervisor!.pid).not.toBe(pid);
      await until(() => level(client.latest("telemetry"), trackEngineId) > 0.05, 10_000, "the tone audible again");
    }
    // Generous bound for a loaded CI machine; the requirement (< 2 s) is tracked by bench/aura/recovery-gap.bench.mjs.
    for (const gap of gaps) expect(gap).toBeLessThan(10_000);
    await page.waitForFunction(() => (window as any).aura.state.engine.restarts >= 2);
  });
});
