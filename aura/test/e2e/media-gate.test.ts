// A project file is input from anywhere: its clips cannot make Aura or Signal read outside the
// project's folder and the user's media folders (Pulse's media gate, chorus/model §5). Opened in the
// real app with the real Signal and Chromium, a clip pointing through "../" at /etc/passwd and one at
// a WAV in a folder the user never chose are not read by either process and show as not read, with
// why; importing a file from that folder by hand makes the folder the user's, and its clips play.
// A file deleted after Pulse checked it is refused by Signal when a restarted engine loads the graph:
// Pulse looks again and the engine runs without it, instead of being restarted into the same refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { ProjectSession, saveProjectFile } from "@loophole/pulse";
import type { ProjectView } from "../../src/channels";
import { writeFloatWav } from "../../src/main/demo/wav-file";
import { EngineClient } from "../../src/main/engine/engine-client";
import { engineCommands } from "../../src/main/engine/engine-commands";
import { defaultSignalPath, startAura, type RunningAura } from "../../src/main/index";
import { RendererClient, until } from "../support/renderer-client";

const signalPath = process.env.LOOPHOLE_SIGNAL ?? defaultSignalPath;
const haveSignal = existsSync(signalPath);
if (!haveSignal) console.warn(`media gate e2e: ${signalPath} is not built; the engine's side is not checked`);

const root = mkdtempSync(join(tmpdir(), "aura-media-gate-"));
const songDir = join(root, "song");
const elsewhere = join(root, "elsewhere");
const stateDir = join(root, "state");
const traversal = `${"../".repeat(12)}etc/passwd`;
const tone = (seconds: number) => Float32Array.from({ length: 48_000 * seconds }, (_, i) => 0.5 * Math.sin(i / 10));

let aura: RunningAura;
let renderer: RendererClient;
let engine: EngineClient | null = null;
let browser: Browser;

const view = async (): Promise<ProjectView> => (await renderer.request("session.get", {})).project;
const clipsOf = (v: ProjectView) => v.tracks.find((t) => t.name === "Audio")!.clips;
const engineFiles = async () => (await engineCommands.queryGraph(engine!))!.channels.flatMap((c) => c.audioClips.map((a) => String(a.file)));

beforeAll(async () => {
  mkdirSync(join(songDir, "audio"), { recursive: true });
  mkdirSync(elsewhere, { recursive: true });
  writeFloatWav(join(songDir, "audio", "inside.wav"), 48_000, tone(1), tone(1));
  writeFloatWav(join(elsewhere, "outside.wav"), 48_000, tone(1), tone(1));
  writeFloatWav(join(elsewhere, "picked.wav"), 48_000, tone(1), tone(1));
  // Written as someone else's project would be: no gate when it was made.
  const build = ProjectSession.create();
  build.apply([
    { op: "track.add", id: "a", kind: "audio", name: "Audio" },
    { op: "clip.add", track: "a", clip: { kind: "audio", id: "inside", name: "inside", start: 0, length: 2, file: "audio/inside.wav" } },
    { op: "clip.add", track: "a", clip: { kind: "audio", id: "passwd", name: "passwd", start: 4, length: 2, file: traversal } },
    { op: "clip.add", track: "a", clip: { kind: "audio", id: "outside", name: "outside", start: 8, length: 2, file: join(elsewhere, "outside.wav") } },
  ]);
  await saveProjectFile(join(songDir, "song.loophole"), build.project);

  aura = await startAura({ projectPath: join(songDir, "song.loophole"), signalPath: haveSignal ? signalPath : null, stateDir, openBrowser: false, log: () => {} });
  renderer = await RendererClient.open(aura.origin, aura.token);
  if (haveSignal) engine = (await EngineClient.connect(join(stateDir, "signal.sock"), { peer: "media gate test" })).client;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"], headless: true });
}, 60_000);

afterAll(async () => {
  engine?.close();
  renderer?.close();
  await browser?.close();
  await aura?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe("media gate in the running app", () => {
  it("reads only the clip inside the project folder, and says why the others are not read", async () => {
    const v = await view();
    const clips = clipsOf(v);
    const byName = (name: string) => clips.find((c) => c.name === name)!;
    expect(byName("inside").peaks?.some((p) => p > 0.4)).toBe(true);
    for (const refused of ["passwd", "outside"]) {
      expect(byName(refused).peaks).toBeUndefined();
      expect(byName(refused).missing).toMatch(/is not read: it is outside the project's folder or your media folders/);
    }
    expect(v.missingMedia).toHaveLength(2);
    if (engine) expect(await engineFiles()).toEqual([join(songDir, "audio", "inside.wav")]);

    const page = await browser.newPage();
    await page.goto(aura.url);
    const notice = page.locator("[data-testid=missing-media]");
    await notice.filter({ hasText: "2 audio files not read" }).waitFor();
    expect(await notice.getAttribute("title")).toContain(traversal);
    await page.close();
  });

  it("makes a folder the user's when they import a file from it, and saves that choice", async () => {
    const trackId = (await view()).tracks.find((t) => t.name === "Audio")!.id;
    await renderer.request("project.edit", { edit: { type: "addClip", trackId, kind: "audio", startBeat: 12, lengthBeats: 0, file: join(elsewhere, "picked.wav") } });
    const v = await view();
    expect(v.missingMedia).toEqual([expect.stringContaining(traversal)]);
    expect(clipsOf(v).find((c) => c.name === "outside")!.peaks?.length).toBeGreaterThan(0);
    if (engine) expect((await engineFiles()).sort()).toEqual([join(elsewhere, "outside.wav"), join(elsewhere, "picked.wav"), join(songDir, "audio", "inside.wav")].sort());
    expect(JSON.parse(readFileSync(join(stateDir, "media-folders.json"), "utf8")).folders).toContain(elsewhere);
  });

  it.skipIf(!haveSignal)("restarts an engine that cannot open a clip deleted after Pulse checked it, without that clip", async () => {
    const before = (await renderer.request("session.get", {})).engine;
    expect(before.state).toBe("running");
    unlinkSync(join(songDir, "audio", "inside.wav")); // Pulse's verdict ("readable") is from before
    engine?.close();
    process.kill(before.pid!, "SIGKILL");
    // "running" is reported only after the restarted engine took the graph.
    const after = await until(() => {
      const status = renderer.latest("engine.status");
      return status?.state === "running" && status.pid !== before.pid ? status : undefined;
    }, 30_000, "a restarted engine running");
    expect(after.restarts).toBe(before.restarts + 1);
    engine = (await EngineClient.connect(join(stateDir, "signal.sock"), { peer: "media gate test" })).client;
    expect((await engineFiles()).sort()).toEqual([join(elsewhere, "outside.wav"), join(elsewhere, "picked.wav")].sort());
    const v = await view();
    expect(v.missingMedia).toHaveLength(2);
    expect(clipsOf(v).find((c) => c.name === "inside")!.missing).toMatch(/does not exist/);
    expect((await renderer.request("session.get", {})).engine).toMatchObject({ state: "running", pid: after.pid, restarts: after.restarts });
  }, 40_000);
});
