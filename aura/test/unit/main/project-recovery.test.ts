// A project opened by path is journalled: edits made after the last save survive a main process that
// ends without saving, and come back when Aura starts on the same file again.
import { afterEach, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAura, type RunningAura } from "../../../src/main/index";
import { RendererClient } from "../../support/renderer-client";

const running: RunningAura[] = [];
afterEach(async () => { while (running.length) await running.pop()!.stop(); });

async function open(projectPath: string, stateDir: string, lines: string[] = []) {
  const aura = await startAura({ projectPath, stateDir, signalPath: null, openBrowser: false, log: (l) => lines.push(l) });
  running.push(aura);
  return { aura, client: await RendererClient.open(aura.origin, aura.token) };
}

describe("project files", () => {
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

  it("refuses to save a project that has no file, in plain words", async () => {
    const aura = await startAura({ stateDir: mkdtempSync(join(tmpdir(), "aura-nofile-")), signalPath: null, openBrowser: false, log: () => {} });
    running.push(aura);
    const client = await RendererClient.open(aura.origin, aura.token);
    await expect(client.request("project.save", {})).rejects.toThrow(/no file yet/);
    client.close();
  });
});
