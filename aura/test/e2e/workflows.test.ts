// Real workflows in Debian's Chromium against the real main process and Pulse: add a track, drop a
// plugin on it, add and move a clip, undo, reopen the browser. With a built loophole-signal it also
// plays and watches the meters move, and kills the engine to see it come back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { ProjectView } from "../../src/channels";
import { defaultSignalPath, startAura, type RunningAura } from "../../src/main/index";
import { EngineClient } from "../../src/main/engine/engine-client";
import { engineCommands } from "../../src/main/engine/engine-commands";

const signalPath = process.env.LOOPHOLE_SIGNAL ?? defaultSignalPath;
const haveSignal = existsSync(signalPath);
if (!haveSignal) console.warn(`aura e2e: ${signalPath} is not built; engine workflows (play, meters, restart) are skipped. Build it with: cmake --build <dir> --target loophole-signal`);

const artifacts = resolve(import.meta.dirname, "../../../test-artifacts/aura");
mkdirSync(artifacts, { recursive: true });
const launchArgs = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

let aura: RunningAura;
let browser: Browser;
const stateDir = mkdtempSync(join(tmpdir(), "aura-e2e-"));
let page: Page;

const project = () => page.evaluate(() => (window as unknown as { aura: { state: { project: ProjectView } } }).aura.state.project);
const shot = (name: string) => page.screenshot({ path: join(artifacts, `${name}.png`) });

async function openPage(): Promise<Page> {
  const p = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  p.on("pageerror", (e) => console.error(`renderer error: ${e.message}`));
  await p.goto(aura.url);
  await p.waitForFunction(() => document.querySelector("[data-testid=engine-status]")?.textContent?.startsWith("Engine"));
  return p;
}

beforeAll(async () => {
  aura = await startAura({ signalPath: haveSignal ? signalPath : null, stateDir, openBrowser: false, log: () => {} });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: launchArgs, headless: true });
  page = await openPage();
});

afterAll(async () => {
  await browser?.close();
  await aura?.stop();
});

describe("Aura in Chromium", () => {
  it("refuses the page without the token and from another origin", async () => {
    const bare = await browser.newPage();
    const res = await bare.goto(aura.origin);
    expect(res?.status()).toBe(401);
    // A foreign page cannot open the channels socket even if it learnt the token.
    await bare.goto("about:blank");
    const outcome = await bare.evaluate((url) => new Promise<string>((done) => {
      const ws = new WebSocket(url);
      ws.onopen = () => done("open");
      ws.onerror = () => done("refused");
    }), `${aura.origin.replace("http", "ws")}/channels?token=${aura.token}`);
    expect(outcome).toBe("refused");
    await bare.close();
  });

  it("adds a track, drops a plugin on it, adds and moves a clip, and undoes the move", async () => {
    await page.click("[data-testid=add-instrument-track]");
    await page.waitForSelector("[data-testid=track-header]");
    let view = await project();
    const track = view.tracks.find((t) => t.kind === "instrument")!;
    expect(track.name).toBe("Instrument 1");

    await page.waitForSelector("[data-testid=plugin-item][data-uid='builtin:SineSynth']");
    await page.dragAndDrop("[data-testid=plugin-item][data-uid='builtin:SineSynth']", `[data-testid=track-header][data-track-id='${track.id}']`);
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id)?.plugins.length === 1, track.id);
    await page.waitForSelector("[data-testid=plugin-slot]");
    // The track's lane in the arrange is a drop target too; undo takes the second plugin out again.
    await page.dragAndDrop("[data-testid=plugin-item][data-uid='builtin:Sampler']", "[data-testid=arrange-canvas]", { targetPosition: { x: 300, y: 28 + 20 } });
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id)?.plugins.length === 2, track.id);
    await page.keyboard.press("Control+z");
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id)?.plugins.length === 1, track.id);

    // Double-click the track's row in the arrange, inside bar 1, to add a one-bar MIDI clip.
    const canvas = (await page.locator("[data-testid=arrange-canvas]").boundingBox())!;
    const x1 = await page.evaluate(() => (window as any).aura.workspace.arrange.beatToClientX(1));
    await page.mouse.dblclick(x1, canvas.y + 28 + 28);
    await page.waitForFunction(() => (window as any).aura.state.project.tracks.some((t: any) => t.clips.length === 1));
    view = await project();
    const clip = view.tracks.find((t) => t.id === track.id)!.clips[0]!;
    expect(clip).toMatchObject({ kind: "midi", startBeat: 0, lengthBeats: 4 });
    await shot("01-track-plugin-clip");

    // Drag the clip four beats to the right.
    const from = (await page.evaluate((id) => (window as any).aura.workspace.arrange.clipCentre(id), clip.id)) as { x: number; y: number };
    const beatPx = await page.evaluate(() => (window as any).aura.workspace.arrange.viewport.pxPerBeat as number);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(from.x + (4 * beatPx * i) / 8, from.y);
    await page.mouse.up();
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.startBeat === 4, clip.id);
    await shot("02-clip-moved");

    await page.keyboard.press("Control+z");
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.startBeat === 0, clip.id);
    expect(await page.locator("[data-testid=history] li.current").textContent()).toBe("Add clip");
    await page.keyboard.press("Control+Shift+z");
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.startBeat === 4, clip.id);
    await shot("03-undo-redo");
  });

  it("adds notes in the piano roll", async () => {
    const view = await project();
    const clip = view.tracks.flatMap((t) => t.clips).find((c) => c.kind === "midi")!;
    const centre = (await page.evaluate((id) => (window as any).aura.workspace.arrange.clipCentre(id), clip.id)) as { x: number; y: number };
    await page.mouse.click(centre.x, centre.y);
    await page.click("[data-testid=tab-piano-roll]");
    const roll = (await page.locator("[data-testid=piano-roll]").boundingBox())!;
    // Row 10 from the top of the roll is pitch 96 - 10 = 86; one click per beat.
    for (const beat of [0, 1, 2, 3]) await page.mouse.click(roll.x + beat * 60 + 5, roll.y + 10 * 10 + 5);
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.notes.length === 4, clip.id);
    const notes = (await project()).tracks.flatMap((t) => t.clips).find((c) => c.id === clip.id)!.notes!;
    expect(notes.map((n) => [n.pitch, n.startBeat])).toEqual([[86, 0], [86, 1], [86, 2], [86, 3]]);
    await shot("04-piano-roll");
    await page.click("[data-testid=tab-mixer]");
  });

  it("duplicates, splits and deletes clips from the keyboard", async () => {
    const clipsOf = async () => (await project()).tracks.flatMap((t) => t.clips).sort((a, b) => a.startBeat - b.startBeat);
    const [clip] = await clipsOf();
    const centre = (await page.evaluate((id) => (window as any).aura.workspace.arrange.clipCentre(id), clip!.id)) as { x: number; y: number };
    await page.mouse.click(centre.x, centre.y);
    await page.keyboard.press("Control+d");
    await page.waitForFunction(() => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).length === 2);
    const dup = (await clipsOf())[1]!;
    expect(dup).toMatchObject({ startBeat: clip!.startBeat + clip!.lengthBeats, lengthBeats: clip!.lengthBeats });
    expect(dup.notes).toHaveLength(4);
    // Split the duplicate at the playhead after locating into its middle by clicking the ruler.
    const dupCentre = (await page.evaluate((id) => (window as any).aura.workspace.arrange.clipCentre(id), dup.id)) as { x: number; y: number };
    await page.mouse.click(dupCentre.x, dupCentre.y);
    if (aura.supervisor) {
      const rulerY = (await page.locator("[data-testid=arrange-canvas]").boundingBox())!.y + 10;
      await page.mouse.click(dupCentre.x, rulerY);
      await page.waitForFunction((b) => Math.abs((window as any).aura.state.telemetry.positionBeats - b) < 0.01, dup.startBeat + dup.lengthBeats / 2);
      await page.keyboard.press("s");
      await page.waitForFunction(() => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).length === 3);
    }
    const count = (await clipsOf()).length;
    await page.mouse.click(dupCentre.x - 5, dupCentre.y);
    await page.keyboard.press("Delete");
    await page.waitForFunction((n) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).length === n, count - 1);
    await shot("05-duplicate-split-delete");
  });

  it("changes volume and mute from the mixer", async () => {
    const track = (await project()).tracks.find((t) => t.kind === "instrument")!;
    const strip = page.locator(`[data-testid=strip][data-track-id='${track.id}']`);
    await strip.locator("[data-testid=fader]").fill("0.5");
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).gainDb < -5, track.id);
    // Dragged with the mouse, the fader streams every move to the engine and lands as one undo step.
    const gainAfterFill = (await project()).tracks.find((t) => t.id === track.id)!.gainDb;
    const historyBefore = (await project()).history.length;
    const streamedBefore = aura.app.engineSync.sent.parameterChanges;
    const box = (await strip.locator("[data-testid=fader]").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.6);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.6 - i * 0.05));
    await page.mouse.up();
    await page.waitForFunction(([id, g]) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).gainDb > (g as number), [track.id, gainAfterFill] as const);
    await page.waitForFunction((n) => (window as any).aura.state.project.history.length === n, historyBefore + 1);
    if (haveSignal) expect(aura.app.engineSync.sent.parameterChanges - streamedBefore).toBeGreaterThanOrEqual(5);
    await page.keyboard.press("Control+z");
    await page.waitForFunction(([id, g]) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).gainDb === g, [track.id, gainAfterFill] as const);
    await strip.locator("button.mute").click();
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).mute === true, track.id);
    expect((await project()).history.slice(-2).map((h) => h.label)).toEqual(["Set volume", "Mute"]);
    await page.click("[data-testid=add-bus]");
    await page.waitForFunction(() => (window as any).aura.state.project.tracks.some((t: any) => t.kind === "bus"));
    await strip.locator("[data-testid=add-send]").selectOption({ label: "Bus 1" });
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).sends.length === 1, track.id);
    await page.keyboard.press("Control+z"); // the send
    await page.keyboard.press("Control+z"); // the bus
    await page.keyboard.press("Control+z");
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).mute === false, track.id);
    await shot("06-mixer");
  });

  it("draws a loop on the ruler, adds a marker, draws automation and imports audio with a waveform", async () => {
    const canvas = (await page.locator("[data-testid=arrange-canvas]").boundingBox())!;
    const xAt = (beat: number) => page.evaluate((b) => (window as any).aura.workspace.arrange.beatToClientX(b) as number, beat);
    await page.keyboard.down("Shift");
    await page.mouse.move(await xAt(4), canvas.y + 10);
    await page.mouse.down();
    await page.mouse.move(await xAt(10), canvas.y + 10, { steps: 5 });
    await page.mouse.move(await xAt(12), canvas.y + 10, { steps: 5 });
    await page.mouse.up();
    await page.keyboard.up("Shift");
    await page.waitForFunction(() => { const l = (window as any).aura.state.project.loop; return l.enabled && l.startBeat === 4 && l.endBeat === 12; });

    await page.keyboard.press("m");
    await page.waitForFunction(() => (window as any).aura.state.project.markers.length === 1);

    const track = (await project()).tracks.find((t) => t.kind === "instrument")!;
    await page.click(`[data-testid=track-header][data-track-id='${track.id}'] [data-testid=add-lane]`);
    await page.selectOption("[data-testid=lane-menu]", { label: "Volume" });
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).automation.length === 1, track.id);
    const laneY = await page.evaluate((id) => {
      const a = (window as any).aura.workspace.arrange;
      const row = a.layout.rows.find((r: any) => r.track.id === id);
      return a.element.querySelector("canvas").getBoundingClientRect().top + 28 + row.top - a.scrollY + 56 + 18;
    }, track.id);
    await page.mouse.click(await xAt(2), laneY);
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).automation[0].points.length === 1, track.id);

    const { encode } = await import("node-wav");
    const { writeFileSync } = await import("node:fs");
    const wav = join(mkdtempSync(join(tmpdir(), "aura-e2e-wav-")), "drums.wav");
    writeFileSync(wav, encode([new Float32Array(96_000).map((_, i) => (i % 12_000 < 2_000 ? 0.9 : 0.05) * Math.sin(i / 7))], { sampleRate: 48_000, bitDepth: 16 }));
    await page.click("[data-testid=add-audio-track]");
    await page.waitForFunction(() => (window as any).aura.state.project.tracks.some((t: any) => t.kind === "audio"));
    page.once("dialog", (d) => void d.accept(wav));
    await page.click("[data-testid=import-audio]");
    await page.waitForFunction(() => (window as any).aura.state.project.tracks.some((t: any) => t.clips.some((c: any) => c.kind === "audio" && c.peaks?.length > 0)));
    await shot("07-loop-marker-automation-audio");
  });

  it("travels through the undo history from the history panel", async () => {
    const before = await project();
    const entries = page.locator("[data-testid=history] li");
    // Entry 0 is "Open project"; entry 2 is the first edit's result after "Add track" (index 1).
    await entries.nth(1).click();
    await page.waitForFunction(() => (window as any).aura.state.project.historyCursor === 0);
    expect((await project()).tracks.filter((t) => t.kind !== "master")).toHaveLength(1);
    await entries.nth(before.history.length).click();
    await page.waitForFunction((c) => (window as any).aura.state.project.historyCursor === c, before.historyCursor);
    expect((await project()).tracks.length).toBe(before.tracks.length);
  });

  it("keeps the session and the panel layout when the browser closes and reopens", async () => {
    const browserPanel = page.locator("[data-testid=plugin-browser]");
    const before = (await browserPanel.boundingBox())!.width;
    const splitter = (await page.locator("[data-testid=splitter-browserWidth]").boundingBox())!;
    await page.mouse.move(splitter.x + 2, splitter.y + 100);
    await page.mouse.down();
    await page.mouse.move(splitter.x + 62, splitter.y + 100, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction((w) => Math.round(document.querySelector("[data-testid=plugin-browser]")!.getBoundingClientRect().width) === w, Math.round(before + 60));

    const revision = (await project()).revision;
    await page.close();
    page = await openPage();
    await page.waitForFunction((r) => (window as any).aura.state.project.revision === r, revision);
    expect((await project()).tracks.some((t) => t.kind === "instrument")).toBe(true);
    await page.waitForFunction((w) => Math.round(document.querySelector("[data-testid=plugin-browser]")!.getBoundingClientRect().width) === w, Math.round(before + 60));
  });

  it.skipIf(!haveSignal)("plays, the playhead and meters move, and the engine comes back after kill -9", async () => {
    await page.waitForFunction(() => document.querySelector("[data-testid=engine-status]")?.getAttribute("data-state") === "running", undefined, { timeout: 30_000 });
    await page.locator("body").click({ position: { x: 700, y: 5 } });
    await page.keyboard.press("Space");
    await page.waitForFunction(() => (window as any).aura.state.telemetry.playing === true, undefined, { timeout: 10_000 });
    await page.waitForFunction(() => (window as any).aura.state.telemetry.positionBeats > 1, undefined, { timeout: 10_000 });
    const engineId = (await project()).tracks.find((t) => t.kind === "instrument")!.engineId;
    await page.waitForFunction((id) => Number(document.querySelector(`[data-testid=meter][data-engine-id='${id}']`)?.getAttribute("data-level") ?? 0) > 0.05, engineId, { timeout: 15_000 });
    await shot("08-playing-meters");

    const pid = aura.supervisor!.pid!;
    process.kill(pid, "SIGKILL");
    await page.waitForFunction(() => ["restarting", "starting"].includes(document.querySelector("[data-testid=engine-status]")?.getAttribute("data-state") ?? ""), undefined, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector("[data-testid=engine-status]")?.getAttribute("data-state") === "running", undefined, { timeout: 30_000 });
    await page.waitForFunction(() => (window as any).aura.state.telemetry.playing === true, undefined, { timeout: 10_000 });
    await shot("09-engine-restarted");
    await page.keyboard.press("Space");
    await page.waitForFunction(() => (window as any).aura.state.telemetry.playing === false, undefined, { timeout: 10_000 });
  });
});

describe("Aura in Chromium: transport tempo", () => {
  it("changes the tempo by dragging on the transport bar, in one undo step, and steps it with the wheel", async () => {
    const before = await project();
    const handle = (await page.locator("[data-testid=tempo-drag]").boundingBox())!;
    const x = handle.x + handle.width / 2;
    const y = handle.y + handle.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - 20, { steps: 4 });
    await page.mouse.move(x + 3, y - 30, { steps: 2 });
    // While dragging the field previews the tempo; Pulse is told once, on release.
    expect(await page.inputValue("[data-testid=tempo]")).toBe(String(before.tempoBpm + 30));
    expect((await project()).revision).toBe(before.revision);
    await page.mouse.up();
    await page.waitForFunction((bpm) => (window as any).aura.state.project.tempoBpm === bpm, before.tempoBpm + 30);
    const after = await project();
    expect(after.history.length - before.history.length).toBe(1);
    await shot("10-tempo-dragged");

    await page.keyboard.press("Control+z");
    await page.waitForFunction((bpm) => (window as any).aura.state.project.tempoBpm === bpm, before.tempoBpm);
    expect(await page.inputValue("[data-testid=tempo]")).toBe(String(before.tempoBpm));

    await page.mouse.move(x, y);
    await page.mouse.wheel(0, -100);
    await page.waitForFunction((bpm) => (window as any).aura.state.project.tempoBpm === bpm, before.tempoBpm + 1);
    await page.keyboard.press("Control+z");
    await page.waitForFunction((bpm) => (window as any).aura.state.project.tempoBpm === bpm, before.tempoBpm);
  });
});

describe("Aura in Chromium: track order", () => {
  it("reorders tracks by dragging a header, and undoes it", async () => {
    const order = async () => (await project()).tracks.filter((t) => t.kind !== "master").map((t) => t.id);
    if ((await order()).length < 2) {
      await page.click("[data-testid=add-audio-track]");
      await page.click("[data-testid=add-audio-track]");
      await page.waitForFunction(() => (window as any).aura.state.project.tracks.filter((t: any) => t.kind !== "master").length >= 2);
    }
    const before = await order();
    const first = (await page.locator(`[data-testid=track-header][data-track-id='${before[0]}'] .track-name`).boundingBox())!;
    const last = (await page.locator(`[data-testid=track-header][data-track-id='${before[before.length - 1]}']`).boundingBox())!;
    await page.mouse.move(first.x + 20, first.y + first.height / 2);
    await page.mouse.down();
    await page.mouse.move(first.x + 20, last.y + last.height - 4, { steps: 8 });
    expect(await page.locator("[data-testid=track-drop-line]").isVisible()).toBe(true);
    await shot("11-track-header-dragging");
    await page.mouse.up();
    const moved = [...before.slice(1), before[0]!];
    await page.waitForFunction((ids) => JSON.stringify((window as any).aura.state.project.tracks.filter((t: any) => t.kind !== "master").map((t: any) => t.id)) === JSON.stringify(ids), moved);
    // The headers follow Pulse's new order.
    expect(await page.locator("[data-testid=track-header]").evaluateAll((els) => els.map((e) => e.getAttribute("data-track-id")))).toEqual(moved);
    expect((await project()).history.at(-1)?.label).toBe("Move track");

    await page.keyboard.press("Control+z");
    await page.waitForFunction((ids) => JSON.stringify((window as any).aura.state.project.tracks.filter((t: any) => t.kind !== "master").map((t: any) => t.id)) === JSON.stringify(ids), before);
  });
});

describe.runIf(haveSignal)("Aura in Chromium: plugin organisation", () => {
  it("tags a scanned plugin, files it in a new collection by dragging, filters by both, and takes it out again", async () => {
    const plugin = page.locator("[data-testid=plugin-item]:not([data-uid^='builtin:'])").first();
    await plugin.waitFor({ timeout: 30_000 });
    const uid = (await plugin.getAttribute("data-uid"))!;
    const item = page.locator(`[data-testid=plugin-item][data-uid='${uid}']`);
    await item.locator("[data-testid=edit-tags]").click();
    await item.locator("[data-testid=tag-input]").fill("glue, mix bus");
    await item.locator("[data-testid=tag-input]").press("Enter");
    await page.locator(".chip", { hasText: "#glue" }).waitFor();
    await page.locator(".chip", { hasText: "#glue" }).click();
    expect(await page.locator("[data-testid=plugin-item]").evaluateAll((items) => items.map((i) => i.getAttribute("data-uid")))).toEqual([uid]);
    await page.locator(".chip", { hasText: "#glue" }).click(); // filter off

    await page.click("[data-testid=new-collection]");
    await page.fill("[data-testid=new-collection-name]", "Bus glue");
    await page.press("[data-testid=new-collection-name]", "Enter");
    const chip = page.locator("[data-testid=collection-chip]", { hasText: "Bus glue" });
    await chip.waitFor();
    await page.dragAndDrop(`[data-testid=plugin-item][data-uid='${uid}']`, "[data-testid=collection-chip]:has-text('Bus glue')");
    await chip.click();
    await page.waitForFunction((u) => [...document.querySelectorAll("[data-testid=plugin-item]")].map((i) => i.getAttribute("data-uid")).join() === u, uid);
    await shot("12-plugin-organisation");
    // Saved in the user's plugin library, so it holds for the next session too.
    const saved = await aura.app.handlers()["plugins.catalogue"]({} as never) as { collections: { name: string; uids: string[] }[]; plugins: { uid: string; userTags: string[] }[] };
    expect(saved.collections.find((c) => c.name === "Bus glue")!.uids).toEqual([uid]);
    expect(saved.plugins.find((p) => p.uid === uid)!.userTags).toEqual(["glue", "mix bus"]);

    await item.locator("[data-testid=remove-from-collection]").click();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=plugin-item]").length === 0);
    await chip.click();
    await item.locator("[data-testid=edit-tags]").click();
    await item.locator("[data-testid=tag-input]").fill("mix bus");
    await item.locator("[data-testid=tag-input]").press("Enter");
    await page.locator(".chip", { hasText: "#glue" }).waitFor({ state: "detached" });
  });
});

describe.runIf(haveSignal)("Aura in Chromium: plugin automation", () => {
  it("shows a lane for a plugin parameter named by the scan, draws a point, and the engine gets the curve", async () => {
    await page.click("[data-testid=add-audio-track]");
    await page.waitForFunction(() => (window as any).aura.state.project.tracks.some((t: any) => t.name === "Audio 1" || t.kind === "audio"));
    const track = (await project()).tracks.filter((t) => t.kind === "audio").at(-1)!;
    const zam = page.locator("[data-testid=plugin-item]", { hasText: "ZamComp" }).first();
    await zam.waitFor({ timeout: 30_000 });
    await page.dragAndDrop(`[data-testid=plugin-item][data-uid='${await zam.getAttribute("data-uid")}']`, `[data-testid=track-header][data-track-id='${track.id}']`);
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id)?.plugins[0]?.parameters.length > 0, track.id);
    const plugin = (await project()).tracks.find((t) => t.id === track.id)!.plugins[0]!;
    const parameter = plugin.parameters[0]!;

    await page.click(`[data-testid=track-header][data-track-id='${track.id}'] [data-testid=add-lane]`);
    await page.selectOption("[data-testid=lane-menu]", { label: `${plugin.name}: ${parameter.name}` });
    await page.waitForFunction(([id, label]) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).automation.some((l: any) => l.parameter === label), [track.id, `${plugin.name}: ${parameter.name}`] as const);
    const laneY = await page.evaluate((id) => {
      const a = (window as any).aura.workspace.arrange;
      const row = a.layout.rows.find((r: any) => r.track.id === id);
      return a.element.querySelector("canvas").getBoundingClientRect().top + 28 + row.top - a.scrollY + 56 + 18;
    }, track.id);
    const canvas = (await page.locator("[data-testid=arrange-canvas]").boundingBox())!;
    await page.mouse.click(canvas.x + 300, laneY);
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.find((t: any) => t.id === id).automation[0].points.length === 1, track.id);
    await shot("13-plugin-automation");

    // The engine holds a curve on that processor's parameter.
    const { client } = await EngineClient.connect(join(stateDir, "signal.sock"), { peer: "workflows test" });
    try {
      const graph = (await engineCommands.queryGraph(client))!;
      const curves = graph.channels.find((c) => c.id === track.engineId)!.automation;
      expect(curves.some((c) => c.target!.node === plugin.engineId && c.target!.param === parameter.index && c.points.length === 1)).toBe(true);
    } finally {
      client.close();
    }
  });
});

describe("Aura in Chromium: clip fades and gain", () => {
  it("drags an audio clip's fade-in handle and its gain band, each one undo step, Escape cancels, undo restores", async () => {
    const session = async () => (await aura.app.handlers()["session.get"]({} as never) as { project: ProjectView }).project;
    const audioClip = async (id?: string) => (await session()).tracks.flatMap((t) => t.clips).find((c) => (id ? c.id === id : c.kind === "audio" && (c.peaks?.length ?? 0) > 0))!;
    const clip = await audioClip();
    expect(clip).toMatchObject({ gainDb: 0, fadeInBeats: 0, fadeOutBeats: 0 });
    // Zoomed in so the clip is wide: at 48 px a beat the grid (and the fade's snap) is a quarter beat.
    await page.evaluate(() => { const a = (window as any).aura.workspace.arrange; a.viewport.pxPerBeat = 48; a.viewport.scrollBeat = 0; a.repaintAll(); });
    const point = (handle: string) => page.evaluate(([id, h]) => (window as any).aura.workspace.arrange.clipHandlePoint(id, h), [clip.id, handle] as const) as Promise<{ x: number; y: number }>;
    const historyLength = async () => (await session()).history.length;
    const canvas = page.locator("[data-testid=arrange-canvas]");

    // Fade-in: the handle at the clip's top-left corner, dragged one beat to the right.
    const fadeHandle = await point("fadeIn");
    await page.mouse.move(fadeHandle.x, fadeHandle.y);
    expect(await canvas.evaluate((c) => c.style.cursor)).toBe("ew-resize");
    const before = await historyLength();
    await page.mouse.down();
    await page.mouse.move(fadeHandle.x + 48, fadeHandle.y, { steps: 6 });
    await shot("14-clip-fade-dragging");
    expect((await audioClip(clip.id)).fadeInBeats).toBe(0); // a live ghost only, until release
    await page.mouse.up();
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.fadeInBeats === 1, clip.id);
    expect(await audioClip(clip.id)).toMatchObject({ fadeInBeats: 1, fadeOutBeats: 0, gainDb: 0, fadeInShape: "Linear", fadeOutShape: "Linear" });
    expect(await historyLength()).toBe(before + 1);
    expect((await session()).history.at(-1)?.label).toBe("Set clip fades");

    // Gain: the band along the clip's top edge, dragged 30 px down (0.2 dB a pixel).
    const band = await point("gain");
    await page.mouse.move(band.x, band.y);
    expect(await canvas.evaluate((c) => c.style.cursor)).toBe("ns-resize");
    await page.mouse.down();
    await page.mouse.move(band.x, band.y + 30, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.gainDb === -6, clip.id);
    expect(await historyLength()).toBe(before + 2);
    expect((await session()).history.at(-1)?.label).toBe("Set clip gain");
    await shot("15-clip-fade-and-gain");

    // Escape drops a drag without an edit: the next undo takes back the gain, not a cancelled change.
    await page.mouse.move(band.x, band.y);
    await page.mouse.down();
    await page.mouse.move(band.x, band.y + 40, { steps: 4 });
    await page.keyboard.press("Escape");
    await page.mouse.up();
    await page.keyboard.press("Control+z");
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.gainDb === 0, clip.id);
    expect(await audioClip(clip.id)).toMatchObject({ gainDb: 0, fadeInBeats: 1 });
    await page.keyboard.press("Control+z");
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.fadeInBeats === 0, clip.id);
    expect(await audioClip(clip.id)).toMatchObject({ gainDb: 0, fadeInBeats: 0, fadeOutBeats: 0 });

    // Trimmed shorter than its fade, the clip's fade shrinks with it, in the same undo step.
    await page.keyboard.press("Control+Shift+z");
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.fadeInBeats === 1, clip.id);
    const cursorBefore = (await session()).historyCursor;
    const centre = (await page.evaluate((id) => (window as any).aura.workspace.arrange.clipCentre(id), clip.id)) as { x: number; y: number };
    const xAt = (beat: number) => page.evaluate((b) => (window as any).aura.workspace.arrange.beatToClientX(b) as number, beat);
    await page.mouse.move((await xAt(clip.startBeat + clip.lengthBeats)) - 2, centre.y);
    await page.mouse.down();
    await page.mouse.move(await xAt(clip.startBeat + 0.5), centre.y, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction((id) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.lengthBeats === 0.5, clip.id);
    expect(await audioClip(clip.id)).toMatchObject({ lengthBeats: 0.5, fadeInBeats: 0.5, fadeOutBeats: 0 });
    expect((await session()).historyCursor).toBe(cursorBefore + 1); // one step: fades and trim together
    await page.keyboard.press("Control+z");
    await page.waitForFunction(([id, length]) => (window as any).aura.state.project.tracks.flatMap((t: any) => t.clips).find((c: any) => c.id === id)?.lengthBeats === length, [clip.id, clip.lengthBeats] as const);
    expect(await audioClip(clip.id)).toMatchObject({ lengthBeats: clip.lengthBeats, fadeInBeats: 1 });
  });
});
