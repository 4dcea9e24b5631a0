// Sandboxed plugins in the running app (real Signal, a real zam plugin, Chromium): kill -9 of the
// plugin's host process leaves the engine running, the mixer marks the plugin and offers to restart
// it, and the restart brings it back in a new host process; the slot's menu moves the plugin into a
// process of its own and into the engine, each time where the engine then runs it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { EngineStatus, ProjectView } from "../../src/channels";
import { defaultSignalPath, startAura, type RunningAura } from "../../src/main/index";

const signalPath = process.env.LOOPHOLE_SIGNAL ?? defaultSignalPath;
const haveSignal = existsSync(signalPath);
const artifacts = resolve(import.meta.dirname, "../../../test-artifacts/aura");
mkdirSync(artifacts, { recursive: true });

let aura: RunningAura;
let browser: Browser;
let page: Page;
const stateDir = mkdtempSync(join(tmpdir(), "aura-plugin-fault-"));

const state = () => page.evaluate(() => (window as unknown as { aura: { state: { project: ProjectView; engine: EngineStatus } } }).aura.state);

/** The loophole-plugin-host processes the engine `parent` started. */
function pluginHostsOf(parent: number): number[] {
  const hosts: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const [, status, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(ppid) !== parent || status === "Z") continue;
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes("loophole-plugin-host")) hosts.push(Number(name));
    } catch { /* gone in between */ }
  }
  return hosts;
}

async function until<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`${what} not seen within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  if (!haveSignal) return;
  aura = await startAura({ signalPath, stateDir, openBrowser: false, log: () => {} });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"], headless: true });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on("pageerror", (e) => console.error(`renderer error: ${e.message}`));
  await page.goto(aura.url);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await aura?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

describe.runIf(haveSignal)("sandboxed plugins in the running app", () => {
  it("is marked in the mixer, the engine keeps running, and restarting it brings it back in a new host", async () => {
    await page.click("[data-testid=add-audio-track]");
    const track = await until(async () => (await state()).project.tracks.find((t) => t.kind === "audio"), "an audio track");
    const zam = page.locator("[data-testid=plugin-item]", { hasText: "ZamComp" }).first();
    await zam.waitFor({ timeout: 60_000 });
    await page.dragAndDrop(`[data-testid=plugin-item][data-uid='${await zam.getAttribute("data-uid")}']`, `[data-testid=track-header][data-track-id='${track.id}']`);
    const engine = await until(async () => { const s = await state(); return s.engine.state === "running" ? s.engine : undefined; }, "a running engine");
    // Aura runs plugins in the shared sandbox: the plugin lives in a host process of the engine's.
    const [host] = await until(() => { const h = pluginHostsOf(engine.pid!); return h.length === 1 ? h : undefined; }, "the plugin's host process");
    // Killed while it loads the plugin would be "Failed" (could not be loaded); this test wants it running.
    await until(() => (readFileSync(`/proc/${host}/maps`, "utf8").includes("ZamComp") ? true : undefined), "ZamComp loaded in its host");
    await new Promise((r) => setTimeout(r, 500));

    process.kill(host!, "SIGKILL");
    const reload = page.locator("[data-testid=plugin-reload]");
    await reload.waitFor({ timeout: 10_000 });
    expect(await page.locator("[data-testid=plugin-slot].faulted").textContent()).toContain("ZamComp");
    expect(await reload.getAttribute("title")).toContain("Crashed");
    await page.screenshot({ path: join(artifacts, "20-plugin-crashed.png") });
    expect((await state()).engine).toMatchObject({ state: "running", pid: engine.pid, restarts: engine.restarts });

    await reload.click();
    await reload.waitFor({ state: "detached", timeout: 30_000 });
    expect(await page.locator("[data-testid=plugin-slot].faulted").count()).toBe(0);
    const [again] = await until(() => { const h = pluginHostsOf(engine.pid!); return h.length === 1 ? h : undefined; }, "a new host process");
    expect(again).not.toBe(host);
    expect((await state()).engine).toMatchObject({ state: "running", pid: engine.pid });
    await page.screenshot({ path: join(artifacts, "21-plugin-restarted.png") });
  });

  it("moves a plugin into its own process and into the engine from its slot's menu", async () => {
    const engine = (await state()).engine;
    const shared = pluginHostsOf(engine.pid!);
    expect(shared).toHaveLength(1);
    const choose = async (label: string) => {
      await page.click("[data-testid=plugin-slot]", { button: "right" });
      await page.selectOption("[data-testid=plugin-menu]", { label });
    };
    const isolation = async () => (await state()).project.tracks.flatMap((t) => t.plugins)[0]!.isolation;

    await choose("Run in its own process");
    await until(async () => ((await isolation()) === "PerPlugin" ? true : undefined), "the plugin set to run in its own process");
    // Its own host replaces the shared one (which had only this plugin).
    const own = await until(() => { const h = pluginHostsOf(engine.pid!); return h.length === 1 && h[0] !== shared[0] ? h : undefined; }, "a host of its own");
    expect(await page.locator("[data-testid=plugin-slot].faulted").count()).toBe(0);

    await choose("Run inside the engine (no isolation)");
    await until(async () => ((await isolation()) === "InEngine" ? true : undefined), "the plugin set to run in the engine");
    await until(() => (pluginHostsOf(engine.pid!).length === 0 ? true : undefined), "no host process left");
    expect(own).toHaveLength(1);
    expect((await state()).engine).toMatchObject({ state: "running", pid: engine.pid });
    await page.keyboard.press("Control+z"); // undo moves it back to its own process
    // The engine can start the host before the renderer has the project view that says so.
    await until(async () => ((await isolation()) === "PerPlugin" ? true : undefined), "the plugin back in its own process after undo");
    await until(() => (pluginHostsOf(engine.pid!).length === 1 ? true : undefined), "a host again after undo");
  });
});
