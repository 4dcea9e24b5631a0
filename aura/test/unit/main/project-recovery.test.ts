// A project opened by path is journalled: edits made after the last save survive a main process that
// ends without saving, and come back when Aura starts on the same file again.
import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recoverProject } from "@loophole/pulse";
import { startAura, type RunningAura } from "../../../src/main/index";
import { LastSession } from "../../../src/main/project/last-session";
import { RendererClient, until } from "../../support/renderer-client";

const running: RunningAura[] = [];
afterEach(async () => { while (running.length) await running.pop()!.stop(); });

async function open(projectPath: string, stateDir: string, lines: string[] = []) {
  const aura = await startAura({ projectPath, stateDir, signalPath: null, openBrowser: false, log: (l) => lines.push(l) });
  running.push(aura);
  return { aura, client: await RendererClient.open(aura.origin, aura.token) };
}

// Each test starts main processes (renderer bundle, Pulse session): generous timeouts for a loaded CI machine.
describe("project files", { timeout: 30_000 }, () => {
  it("creates the file, saves, and recovers unsaved edits from the journal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aura-recovery-"));
    const file = join(dir, "Song.loophole");
    let { aura, client } = await open(file, dir);
    expect(existsSync(file)).toBe(true);
    expect((await client.request("session.get", {})).project.name).toBe("Song");
    await client.request("project.edit", { edit: { type: "addTrack", kind: "audio", name: "Saved" } });
    expect(await client.request("project.save", {})).toEqual({ path: file });
    await client.request("project.edit", { edit: { type: "addTrack", kind: "bus", name: "Unsaved" } });
    client.close();
    await aura.stop();
    running.pop();

    const lines: string[] = [];
    ({ aura, client } = await open(file, dir, lines));
    const names = (await client.request("session.get", {})).project.tracks.map((t) => t.name);
    expect(names).toEqual(["Saved", "Unsaved", "Master"]);
    expect(lines.some((l) => /recovered .* from its journal \(1 edits/.test(l))).toBe(true);
    client.close();
  });

  it("says in the session that the project was recovered, and from what", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aura-recovery-notice-"));
    const file = join(dir, "Crash.loophole");
    let { aura, client } = await open(file, dir);
    expect((await client.request("session.get", {})).recovery).toBeUndefined();
    await client.request("project.edit", { edit: { type: "addTrack", kind: "audio", name: "A" } });
    await client.request("project.edit", { edit: { type: "addTrack", kind: "audio", name: "B" } });
    client.close();
    await aura.stop();
    running.pop();

    ({ aura, client } = await open(file, dir));
    const { recovery } = await client.request("session.get", {});
    expect(recovery).toMatchObject({ path: file, source: "journal", replayed: 2 });
    expect(recovery!.message).toBe(`Recovered "Crash.loophole" after an unclean exit: 2 unsaved edits restored from its journal.`);
    client.close();
  });

  it("keeps an edit that arrives while a save is being written (it is on disk when acknowledged)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "aura-save-race-"));
    const file = join(dir, "Race.loophole");
    const { client } = await open(file, dir);
    await client.request("project.edit", { edit: { type: "addTrack", kind: "audio", name: "Before save" } });
    // Sent back to back: the edit reaches the main process while the save is still writing.
    const saved = client.request("project.save", {});
    const edited = client.request("project.edit", { edit: { type: "addTrack", kind: "bus", name: "During save" } });
    await Promise.all([saved, edited]);
    // What a kill -9 right now would leave: the last save plus its journal.
    const onDisk = await recoverProject(file);
    expect([...onDisk.project.tracks.values()].map((t) => t.name)).toEqual(expect.arrayContaining(["Before save", "During save"]));
    client.close();
  });

  it("journals an untitled project too, so a session killed before its first save comes back", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "aura-untitled-"));
    const first = await startAura({ stateDir, signalPath: null, openBrowser: false, log: () => {} });
    running.push(first);
    let client = await RendererClient.open(first.origin, first.token);
    await client.request("project.edit", { edit: { type: "addTrack", kind: "audio", name: "Sketch" } });
    client.close();
    // The first main process never stops (as after a kill -9); the next start finds its project.
    const unfinished = new LastSession(stateDir).unfinished();
    expect(unfinished).toMatch(/untitled\/Untitled .*\.loophole$/);
    const lines: string[] = [];
    const second = await startAura({ stateDir, projectPath: unfinished!, signalPath: null, openBrowser: false, log: (l) => lines.push(l) });
    running.push(second);
    client = await RendererClient.open(second.origin, second.token);
    const session = await client.request("session.get", {});
    expect(session.project.name).toBe("Untitled");
    expect(session.project.tracks.map((t) => t.name)).toEqual(["Sketch", "Master"]);
    expect(session.recovery?.message).toBe(`Recovered the unsaved project "Untitled" after an unclean exit: 1 unsaved edit restored from its journal.`);
    // Still untitled: a save needs a path, and "save as" makes the new file the session's project.
    await expect(client.request("project.save", {})).rejects.toThrow(/no file yet/);
    const file = join(stateDir, "Kept.loophole");
    expect(await client.request("project.save", { path: file })).toEqual({ path: file });
    await until(() => new LastSession(stateDir).unfinished() === file, 5000, "last session moved to the saved file");
    client.close();
  });

  it("refuses to save a project that has no file, in plain words", async () => {
    const aura = await startAura({ stateDir: mkdtempSync(join(tmpdir(), "aura-nofile-")), signalPath: null, openBrowser: false, log: () => {} });
    running.push(aura);
    const client = await RendererClient.open(aura.origin, aura.token);
    await expect(client.request("project.save", {})).rejects.toThrow(/no file yet/);
    client.close();
  });
});
