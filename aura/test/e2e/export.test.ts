// "Export…" in the running app: real Chromium, the real main process and Pulse, and the real
// loophole-signal rendering on its worker while the transport plays. The WAV is read by sox, not by
// our own code: its format, its length (the last clip plus the 2 s tail) and that it holds audio.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { ProjectView, TelemetryView } from "../../src/channels";
import { defaultSignalPath, startAura, type RunningAura } from "../../src/main/index";
import { RendererClient } from "../support/renderer-client";

const signalPath = process.env.LOOPHOLE_SIGNAL ?? defaultSignalPath;
const haveSignal = existsSync(signalPath);
const underLoopholeTest = process.env.LOOPHOLE_ROOT !== undefined;

const artifacts = resolve(import.meta.dirname, "../../../test-artifacts/aura");
mkdirSync(artifacts, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "aura-export-e2e-"));
const projectFile = join(dir, "Song.loophole");
let aura: RunningAura;
let client: RendererClient;
let browser: Browser;
let page: Page;

/** What sox makes of a file: `sox --i` for the header, `sox -n stats` for the samples. */
function soxInfo(path: string) {
  const info = (flag: string) => spawnSync("sox", ["--i", flag, path], { encoding: "utf8" }).stdout.trim();
  const stats = spawnSync("sox", [path, "-n", "stats"], { encoding: "utf8" }).stderr; // sox reports on stderr
  return {
    bits: Number(info("-b")), encoding: info("-e"), rate: Number(info("-r")), channels: Number(info("-c")), samples: Number(info("-s")),
    peakDb: Number(/Pk lev dB\s+(-?[\d.]+)/.exec(stats)?.[1]),
  };
}

async function exportFromMenu(open: () => Promise<void>): Promise<string> {
  await open();
  await page.selectOption("[data-testid=export-menu]", { label: "WAV 16-bit (dithered)" });
  await page.waitForSelector("[data-testid=export-status][data-state=done]", { timeout: 60_000 });
  return (await page.getAttribute("[data-testid=export-status]", "data-path"))!;
}

beforeAll(async () => {
  if (!haveSignal) return;
  aura = await startAura({ projectPath: projectFile, signalPath, stateDir: join(dir, "state"), openBrowser: false, log: () => {} });
  client = await RendererClient.open(aura.origin, aura.token);
  // Two bars of a sine synth: four notes in a one-bar clip and its copy.
  await client.request("project.edit", { edit: { type: "addTrack", kind: "instrument", name: "Keys" } });
  const keys = (await client.request("session.get", {})).project.tracks.find((t) => t.name === "Keys")!;
  await client.request("project.edit", { edit: { type: "addPlugin", trackId: keys.id, uid: "builtin:SineSynth" } });
  await client.request("project.edit", { edit: { type: "addClip", trackId: keys.id, kind: "midi", startBeat: 0, lengthBeats: 4 } });
  const clip = (await client.request("session.get", {})).project.tracks.find((t) => t.id === keys.id)!.clips[0]!;
  for (const beat of [0, 1, 2, 3]) await client.request("project.edit", { edit: { type: "addNote", clipId: clip.id, pitch: 60 + beat * 2, startBeat: beat, lengthBeats: 0.9, velocity: 100 } });
  await client.request("project.edit", { edit: { type: "duplicateClip", clipId: clip.id } });

  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"], headless: true });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("pageerror", (e) => console.error(`renderer error: ${e.message}`));
  await page.goto(aura.url);
  await page.waitForFunction(() => (window as any).aura.state.engine.state === "running" && (window as any).aura.state.project.tracks.some((t: any) => t.clips.length === 2));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  client?.close();
  await aura?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(haveSignal || underLoopholeTest)("Export… in the app", () => {
  it("renders the mix through the running engine to a 16-bit WAV beside the project, while it plays", async () => {
    await client.request("transport.play", { fromBeat: 0 });
    // Every text the status bar's export field shows, to see the engine's progress pass through it.
    await page.evaluate(() => {
      const field = document.querySelector("[data-testid=export-status]")!;
      const seen: string[] = ((window as any).exportTexts = []);
      new MutationObserver(() => seen.push(field.textContent ?? "")).observe(field, { childList: true, characterData: true, subtree: true });
    });
    const path = await exportFromMenu(() => page.click("[data-testid=export]"));
    const texts = (await page.evaluate(() => (window as any).exportTexts)) as string[];
    expect(texts.some((t) => /^Exporting… ([1-9]\d?)%$/.test(t))).toBe(true);
    await page.screenshot({ path: join(artifacts, "export-done.png") });
    expect(path).toBe(join(dir, "exports", "Song.wav"));
    expect(await page.textContent("[data-testid=export-status]")).toBe(`Exported ${path}`);

    const wav = soxInfo(path);
    const view = (await page.evaluate(() => (window as any).aura.state.project)) as ProjectView;
    const secondsPerBeat = 60 / view.tempoBpm;
    expect(wav).toMatchObject({ bits: 16, encoding: "Signed Integer PCM", rate: view.sampleRate, channels: 2 });
    expect(wav.samples).toBe(Math.round((8 * secondsPerBeat + 2) * view.sampleRate));
    expect(wav.peakDb).toBeGreaterThan(-30);

    // The engine rendered on its worker: the transport played on.
    const telemetry = (await page.evaluate(() => (window as any).aura.state.telemetry)) as TelemetryView;
    expect(telemetry.playing).toBe(true);
    await client.request("transport.stop", {});
  });

  it("gives a second export (Ctrl+E) a new name and leaves the first file alone", async () => {
    const first = join(dir, "exports", "Song.wav");
    const before = soxInfo(first);
    await page.locator("body").click({ position: { x: 5, y: 5 } }); // focus off any control that would take the key
    const path = await exportFromMenu(() => page.keyboard.press("Control+e"));
    expect(path).toBe(join(dir, "exports", "Song 2.wav"));
    expect(soxInfo(path).bits).toBe(16);
    expect(soxInfo(first)).toEqual(before);
    expect(readdirSync(join(dir, "exports")).sort()).toEqual(["Song 2.wav", "Song.wav"]);
  });

  it("answers a click while exporting with a word, not a second export", async () => {
    const pickedThenClicked = await page.evaluate(() => {
      (document.querySelector("[data-testid=export]") as HTMLButtonElement).click();
      const menu = document.querySelector("[data-testid=export-menu]") as HTMLSelectElement;
      menu.value = "0"; // WAV 16-bit
      menu.dispatchEvent(new Event("change"));
      // The export's request is on its way: a second click must not open the menu again.
      (document.querySelector("[data-testid=export]") as HTMLButtonElement).click();
      return { menuOpen: document.querySelector("[data-testid=export-menu]") !== null, error: document.querySelector("[data-testid=last-error]")!.textContent };
    });
    expect(pickedThenClicked).toEqual({ menuOpen: false, error: "⚠ an export is already running" });
    await page.waitForSelector("[data-testid=export-status][data-state=done]");
    expect(readdirSync(join(dir, "exports")).sort()).toEqual(["Song 2.wav", "Song 3.wav", "Song.wav"]);
  });

  it("refuses a renderer that names the path, in plain words, and keeps running", async () => {
    await expect(client.request("project.export", { format: "16", path: "/tmp/elsewhere.wav" } as never)).rejects.toThrow(/cannot choose its path/);
    expect((await client.request("session.get", {})).engine.state).toBe("running");
  });
});
