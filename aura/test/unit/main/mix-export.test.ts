// Export from the app, without an engine process: where the file goes (beside the saved project or in
// the state directory, never over a file that is there), which settings the renderer may send, and the
// RenderRequest built from Pulse's graph. The render itself runs in the e2e test (export.test.ts).
import { describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ipc } from "@loophole/contract";
import type { EngineClient } from "../../../src/main/engine/engine-client";
import { EngineError } from "../../../src/main/engine/engine-client";
import { claimExportPath, exportBaseName, exportsFolder, releaseExportPath } from "../../../src/main/export/export-path";
import { parseExportParams } from "../../../src/main/export/export-params";
import { MixExport } from "../../../src/main/export/mix-export";
import { openPulseProject, SESSION_SAMPLE_RATE } from "../../../src/main/project/pulse-project";

const fresh = (name: string) => mkdtempSync(join(tmpdir(), `aura-export-${name}-`));

describe("export path", () => {
  it("goes beside the saved project, or to the state directory's folder while untitled", () => {
    expect(exportsFolder("/music/Song/Song.loophole", "/state/exports")).toBe("/music/Song/exports");
    expect(exportsFolder(null, "/state/exports")).toBe("/state/exports");
  });

  it("numbers the name instead of replacing a file that is there", async () => {
    const folder = join(fresh("numbering"), "exports");
    const first = await claimExportPath(folder, "Song");
    expect(first).toBe(join(folder, "Song.wav"));
    writeFileSync(first, "a mix the user keeps");
    expect(await claimExportPath(folder, "Song")).toBe(join(folder, "Song 2.wav"));
    // An empty claim is a name taken too (an export in progress).
    expect(await claimExportPath(folder, "Song")).toBe(join(folder, "Song 3.wav"));
    // A name the engine would write its temporary file beside is skipped: it would delete that file.
    writeFileSync(join(folder, "Song 4.wav.partial"), "someone's file");
    expect(await claimExportPath(folder, "Song")).toBe(join(folder, "Song 5.wav"));
  });

  it("gives back only an empty claim", async () => {
    const folder = fresh("release");
    const claimed = await claimExportPath(folder, "Mix");
    await releaseExportPath(claimed);
    expect(existsSync(claimed)).toBe(false);
    writeFileSync(claimed, "written meanwhile");
    await releaseExportPath(claimed);
    expect(existsSync(claimed)).toBe(true);
  });

  it("makes a file name of any project name", () => {
    expect(exportBaseName("Song")).toBe("Song");
    expect(exportBaseName("../../etc/passwd")).toBe("-..-etc-passwd");
    expect(exportBaseName('a:b*c?"d<e>f|g\\h')).toBe("a-b-c--d-e-f-g-h");
    expect(exportBaseName("  . ")).toBe("Untitled");
  });
});

describe("export settings from the renderer", () => {
  it("takes a format and optionally dither", () => {
    expect(parseExportParams({ format: "16" })).toEqual({ format: "16" });
    expect(parseExportParams({ format: "32f", dither: true })).toEqual({ format: "32f", dither: true });
  });

  it("refuses anything else in plain words", () => {
    expect(() => parseExportParams({ format: "16", path: "/etc/cron.d/x" })).toThrow(/cannot choose its path/);
    expect(() => parseExportParams({ format: "8" })).toThrow(/unknown export format "8" \(use "16", "24", "32f"\)/);
    expect(() => parseExportParams({})).toThrow(/unknown export format/);
    expect(() => parseExportParams({ format: "24", dither: "yes" })).toThrow(/dither must be true or false/);
    expect(() => parseExportParams({ format: "24", rate: 96000 })).toThrow(/unknown export setting "rate"/);
    expect(() => parseExportParams(null)).toThrow(/must be an object/);
    expect(() => parseExportParams(["16"])).toThrow(/must be an object/);
  });
});

/** An engine connection that records RenderRequests and answers them when the test says. */
function recordingEngine() {
  const requests: ipc.RenderRequestT[] = [];
  const answers: ((frame: ipc.FrameT | Error) => void)[] = [];
  const engine = {
    request: (type: ipc.Body, body: unknown) => {
      if (type === ipc.Body.CancelRender) return Promise.resolve(new ipc.FrameT());
      requests.push(body as ipc.RenderRequestT);
      return new Promise<ipc.FrameT>((done, fail) => answers.push((a) => (a instanceof Error ? fail(a) : done(a))));
    },
  } as unknown as EngineClient;
  const finish = (frames: bigint) => {
    const r = requests[answers.length - 1]!;
    const reply = new ipc.FrameT(0n, 0n, ipc.Body.RenderDone, new ipc.RenderDoneT(r.outputPath, frames, 0.25));
    answers[answers.length - 1]!(reply);
  };
  return { engine, requests, finish, fail: (e: Error) => answers[answers.length - 1]!(e) };
}

async function projectWithClip(dir: string, file?: string) {
  mkdirSync(join(dir, "untitled"), { recursive: true });
  const project = await openPulseProject(file ?? join(dir, "untitled", "Untitled.loophole"), () => {}, undefined, { untitled: !file });
  project.edit({ type: "addTrack", kind: "instrument", name: "Keys" });
  const track = project.view().tracks.find((t) => t.name === "Keys")!;
  project.edit({ type: "addClip", trackId: track.id, kind: "midi", startBeat: 0, lengthBeats: 8 });
  return project;
}

describe("MixExport", () => {
  it("renders Pulse's graph to its last clip plus the tail, dithering 16-bit, into the project's exports folder", async () => {
    const dir = fresh("saved");
    mkdirSync(join(dir, "Song"));
    const project = await projectWithClip(dir, join(dir, "Song", "Song.loophole"));
    const { engine, requests, finish } = recordingEngine();
    const mix = new MixExport(project, join(dir, "state-exports"));

    const running = mix.run(engine, { format: "16" });
    await expect(mix.run(engine, { format: "24" })).rejects.toThrow("an export is already running");
    await new Promise((r) => setTimeout(r, 20));
    const request = requests[0]!;
    const beat = SESSION_SAMPLE_RATE / 2; // 120 BPM
    expect(request.end).toBe(BigInt(8 * beat + 2 * SESSION_SAMPLE_RATE));
    expect(request.format).toBe(ipc.SampleFormat.Int16);
    expect(request.dither).toBe(true);
    expect(request.snapshot?.channels.length).toBe(project.engineSnapshot().channels.length);
    finish(request.end);
    const result = await running;
    expect(result).toEqual({ path: join(dir, "Song", "exports", "Song.wav"), seconds: Number(request.end) / SESSION_SAMPLE_RATE, renderSeconds: 0.25 });

    // 24-bit is not dithered unless asked; the next export of the same project gets the next name.
    const next = mix.run(engine, { format: "24" });
    await new Promise((r) => setTimeout(r, 20));
    expect(requests[1]!.dither).toBe(false);
    expect(requests[1]!.outputPath).toBe(join(dir, "Song", "exports", "Song 2.wav"));
    finish(requests[1]!.end);
    await next;
    await project.session.close();
  });

  it("writes an untitled project's export to the state directory and gives the name back when the render fails", async () => {
    const dir = fresh("untitled");
    const project = await projectWithClip(dir);
    const { engine, requests, fail } = recordingEngine();
    const mix = new MixExport(project, join(dir, "exports"));
    const running = mix.run(engine, { format: "32f" });
    await new Promise((r) => setTimeout(r, 20));
    expect(requests[0]!.outputPath).toBe(join(dir, "exports", "Untitled.wav"));
    fail(new EngineError("Busy: a render is already running", ipc.ErrorCode.Busy));
    await expect(running).rejects.toThrow("export failed: the engine is busy with another render; try again when it has finished");
    expect(readdirSync(join(dir, "exports"))).toEqual([]);
    expect(mix.busy).toBe(false);
    await project.session.close();
  });

  it("refuses a project without clips", async () => {
    const dir = fresh("empty");
    const project = await openPulseProject(join(dir, "Empty.loophole"));
    await expect(new MixExport(project, dir).run(recordingEngine().engine, { format: "16" })).rejects.toThrow(/nothing to export/);
    await project.session.close();
  });
});
