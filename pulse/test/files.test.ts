import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  autosavePath, backupPath, CURRENT_FORMAT_VERSION, journalPath, loadProjectFile, ProjectSession, recoverProject, saveProjectFile,
} from "../src/index";
import { smallSession } from "./helpers";

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), "pulse-files-")); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("save and load", () => {
  test("round trip keeps the project exactly", async () => {
    const s = smallSession();
    s.apply([{ op: "plugin.insert", track: "kick", format: "VST3", uid: "abc", state: "AAEC" }, { op: "marker.add", name: "Intro", beat: 0 }]);
    const file = join(dir, "song.lphl");
    await s.save(file);
    const text = JSON.parse(readFileSync(file, "utf8"));
    expect(text.formatVersion).toBe(CURRENT_FORMAT_VERSION);
    const opened = await ProjectSession.open(file);
    expect(opened.project).toEqual(s.project);
    expect(opened.deriveGraph().channels).toEqual(s.deriveGraph().channels);
  });

  test("round trip keeps a project edited with -0 values (JSON has no -0; Pulse stores 0)", async () => {
    // Found by the save/load property test: a pan automation point of -0 came back as 0.
    const s = smallSession();
    s.apply([
      { op: "automation.addLane", track: "kick", target: { kind: "strip", param: "pan" }, points: [{ beat: 0, value: -0, shape: "Hold", tension: -0 }] },
      { op: "track.setPan", track: "kick", pan: -0 },
    ]);
    const lane = Object.values(s.project.tracks.get("kick")!.automation).find((l) => l.target.kind === "strip" && l.target.param === "pan")!;
    expect(Object.is(lane.points[0]!.value, 0) && Object.is(lane.points[0]!.tension, 0)).toBe(true);
    const file = join(dir, "song.lphl");
    await s.save(file);
    expect((await ProjectSession.open(file)).project).toEqual(s.project);
  });

  test("saving keeps the previous versions as numbered backups", async () => {
    const s = smallSession();
    const file = join(dir, "song.lphl");
    for (const title of ["one", "two", "three", "four", "five"]) {
      s.apply([{ op: "meta.set", title }]);
      await s.save(file);
    }
    const titleOf = (p: string): string => JSON.parse(readFileSync(p, "utf8")).project.meta.title;
    expect(titleOf(file)).toBe("five");
    expect([1, 2, 3].map((n) => titleOf(backupPath(file, n)))).toEqual(["four", "three", "two"]);
    expect(existsSync(backupPath(file, 4))).toBe(false);
    expect(readFileSync(file, "utf8")).not.toContain(".tmp");
  });

  test("a corrupt file is a typed error and leaves the file and its backups alone", async () => {
    const file = join(dir, "song.lphl");
    await saveProjectFile(file, smallSession().project);
    await saveProjectFile(file, smallSession().project);
    const good = readFileSync(backupPath(file, 1), "utf8");
    writeFileSync(file, readFileSync(file, "utf8").slice(0, 200));
    const broken = readFileSync(file, "utf8");
    await expect(loadProjectFile(file)).rejects.toMatchObject({ code: "CorruptFile", message: expect.stringContaining("not valid JSON") });
    expect(readFileSync(file, "utf8")).toBe(broken);
    expect(readFileSync(backupPath(file, 1), "utf8")).toBe(good);
    expect((await loadProjectFile(backupPath(file, 1))).project.tracks.size).toBe(6);
  });

  test("valid JSON with damaged content is a CorruptFile naming the field", async () => {
    const file = join(dir, "song.lphl");
    await saveProjectFile(file, smallSession().project);
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.project.tracks.find((t: { id: string }) => t.id === "kick").pan = 7;
    writeFileSync(file, JSON.stringify(json));
    await expect(loadProjectFile(file)).rejects.toMatchObject({ code: "CorruptFile", path: ["project", "tracks", "kick", "pan"] });
    json.project.tracks.find((t: { id: string }) => t.id === "kick").pan = 0;
    json.project.tracks.find((t: { id: string }) => t.id === "verb").output = "verb";
    writeFileSync(file, JSON.stringify(json));
    await expect(loadProjectFile(file)).rejects.toMatchObject({ code: "CorruptFile", message: expect.stringContaining("loop") });
  });

  test("a file from a newer Loophole is refused with NewerFormat", async () => {
    const file = join(dir, "future.lphl");
    writeFileSync(file, JSON.stringify({ format: "loophole-project", formatVersion: CURRENT_FORMAT_VERSION + 1, project: {} }));
    await expect(loadProjectFile(file)).rejects.toMatchObject({ code: "NewerFormat", path: ["formatVersion"] });
    await expect(loadProjectFile(join(dir, "missing.lphl"))).rejects.toMatchObject({ code: "IoFailure" });
  });

  test("a version 1 file is migrated: linear gains become dB", async () => {
    const loaded = await loadProjectFile(join(import.meta.dirname, "fixtures", "format-v1.lphl"));
    expect(loaded.fromVersion).toBe(1);
    const p = loaded.project;
    expect(p.tracks.get("bus")!.gainDb).toBeCloseTo(-6.0206, 3);
    expect(p.tracks.get("gtr")!.gainDb).toBe(-144);
    expect(p.tracks.get("gtr")!.sends[0]!.gainDb).toBeCloseTo(-20, 6);
    const clip = p.tracks.get("gtr")!.clips.c!;
    expect(clip.kind === "audio" && clip.gainDb).toBeCloseTo(6.0206, 3);
    expect(p.tracks.get("gtr")!.soloSafe).toBe(false);
    const s = ProjectSession.create({ project: p });
    expect(s.deriveGraph().channels.find((c) => c.name === "Room")!.gain).toBeCloseTo(0.5, 6);
  });

  test("load replaces the project and starts history over", async () => {
    const file = join(dir, "a.lphl");
    const a = smallSession();
    await a.save(file);
    const b = ProjectSession.create();
    b.apply([{ op: "track.add", kind: "bus" }]);
    let cause = "";
    b.subscribe((e) => { cause = e.cause; });
    await b.load(file);
    expect(b.project).toEqual(a.project);
    expect(b.canUndo).toBe(false);
    expect(cause).toBe("load");
  });
});

describe("journal and recovery", () => {
  test("every commit, undo and redo is journalled; recovery replays them onto the last save", async () => {
    const file = join(dir, "song.lphl");
    const s = smallSession({ journal: true });
    await s.save(file);
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -9 }]);
    s.apply([{ op: "track.add", id: "new", kind: "audio" }]);
    s.apply([{ op: "clip.add", track: "new", clip: { kind: "audio", start: 0, length: 2, file: "/audio/n.wav" } }]);
    s.undo();
    s.apply([{ op: "track.rename", track: "new", name: "Vox" }]);
    const expected = s.project;
    // Crash: no save, no close. The journal alone must bring everything back.
    const r = await recoverProject(file);
    expect(r.source).toBe("journal");
    expect(r.replayed).toBe(5);
    expect(r.project).toEqual(expected);
  });

  test("a torn last journal line (crash mid-write) is dropped", async () => {
    const file = join(dir, "song.lphl");
    const s = smallSession({ journal: true });
    await s.save(file);
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -9 }]);
    const expected = s.project;
    appendFileSync(journalPath(file), '{"revision":9,"kind":"apply","label":"x","patches":[{"op":"repl');
    const r = await recoverProject(file);
    expect(r.replayed).toBe(1);
    expect(r.project).toEqual(expected);
  });

  test("saving starts a fresh journal; an old journal does not apply to a newer save", async () => {
    const file = join(dir, "song.lphl");
    const s = smallSession({ journal: true });
    await s.save(file);
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -9 }]);
    await s.save();
    expect(readFileSync(journalPath(file), "utf8").trim().split("\n")).toHaveLength(1);
    const r = await recoverProject(file);
    expect(r.source).toBe("file");
    expect(r.project).toEqual(s.project);
  });

  test("ProjectSession.recover opens the recovered state and keeps journalling", async () => {
    const file = join(dir, "song.lphl");
    const s = smallSession({ journal: true });
    await s.save(file);
    s.apply([{ op: "track.setPan", track: "kick", pan: -1 }]);
    const { session, source } = await ProjectSession.recover(file, { journal: true });
    expect(source).toBe("journal");
    expect(session.project.tracks.get("kick")!.pan).toBe(-1);
    session.apply([{ op: "track.setPan", track: "kick", pan: 1 }]);
    expect((await recoverProject(file)).project.tracks.get("kick")!.pan).toBe(1);
    await session.close();
  });

  test("opening a project with an unrecovered journal refuses instead of discarding it", async () => {
    const file = join(dir, "song.lphl");
    const s = smallSession({ journal: true });
    await s.save(file);
    s.apply([{ op: "track.setPan", track: "kick", pan: -1 }]);
    await expect(ProjectSession.open(file, { journal: true })).rejects.toMatchObject({ code: "InvalidOperation", message: expect.stringContaining("recover") });
    expect((await recoverProject(file)).replayed).toBe(1);
  });

  test("autosave also runs on its timer while there are unsaved changes", async () => {
    const file = join(dir, "song.lphl");
    await saveProjectFile(file, smallSession().project);
    const s = await ProjectSession.open(file, { autosave: { debounceMs: 60_000, intervalMs: 30 } });
    s.apply([{ op: "meta.set", title: "By timer" }]);
    await new Promise((r) => setTimeout(r, 150));
    expect(JSON.parse(readFileSync(autosavePath(file), "utf8")).project.meta.title).toBe("By timer");
    await s.close();
  });

  test("autosave writes a separate file after commits and recovery uses it when newer", async () => {
    const file = join(dir, "song.lphl");
    await saveProjectFile(file, smallSession().project);
    const s = await ProjectSession.open(file, { autosave: { debounceMs: 10, intervalMs: 60_000 } });
    await new Promise((r) => setTimeout(r, 20)); // the save and the autosave get distinct mtimes
    s.apply([{ op: "meta.set", title: "Autosaved" }]);
    await new Promise((r) => setTimeout(r, 100));
    const auto = JSON.parse(readFileSync(autosavePath(file), "utf8"));
    expect(auto.project.meta.title).toBe("Autosaved");
    expect(JSON.parse(readFileSync(file, "utf8")).project.meta.title).toBe("Untitled");
    const r = await recoverProject(file);
    expect(r.source).toBe("autosave");
    expect(r.project.meta.title).toBe("Autosaved");
    await s.close();
  });
});

test("the real file check accepts existing absolute files only", async () => {
  const { audioFileExists } = await import("../src/index");
  const wav = join(dir, "take.wav");
  writeFileSync(wav, "RIFF");
  const s = ProjectSession.create({ project: smallSession().project, env: { fileExists: audioFileExists } });
  s.apply([{ op: "clip.add", track: "kick", clip: { kind: "audio", start: 8, length: 1, file: wav } }]);
  expect(s.missing()).toEqual([expect.objectContaining({ code: "MissingFile", path: ["tracks", "kick", "clips", "k1", "file"] })]);
  expect(() => s.apply([{ op: "clip.add", track: "kick", clip: { kind: "audio", start: 9, length: 1, file: join(dir, "gone.wav") } }]))
    .toThrow(expect.objectContaining({ code: "MissingFile" }));
  expect(audioFileExists("take.wav")).toBe(false);
  expect(audioFileExists(dir)).toBe(false);
});
