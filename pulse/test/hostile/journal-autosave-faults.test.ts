// Fault injection on the journal and autosave, and through a whole session: a failed append rejects
// the edit and leaves the journal readable; a failed autosave is reported and retried; a failed save
// leaves the session and the disk consistent. One check runs against the kernel's own /dev/full.
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, test } from "vitest";
import {
  autosavePath, journalPath, loadProjectFile, nodeFileSystem, parseProjectFile, ProjectSession, recoverProject, saveProjectFile,
  type FileSystem,
} from "../../src/index";
import { Autosaver } from "../../src/files/autosave";
import { Journal } from "../../src/files/journal";
import { smallSession } from "../helpers";
import { scratchDir } from "./scratch-dir";
import { FaultyFileSystem, type FaultCode } from "./faulty-file-system";

let dir: string;
beforeEach(() => { dir = scratchDir("pulse-journal-faults-"); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Step index of the nth (0-based) call named `name` once the session is open and journalling. */
function nth(steps: string[], name: string, n: number): number {
  let seen = -1;
  for (let i = 0; i < steps.length; i++) if (steps[i] === name && ++seen === n) return i;
  throw new Error(`no ${name} #${n}`);
}

async function journalledSession(fs: FileSystem): Promise<{ s: ProjectSession; file: string }> {
  const file = join(dir, "song.lphl");
  await saveProjectFile(file, smallSession().project);
  const s = await ProjectSession.open(file, { journal: true, fileSystem: fs });
  return { s, file };
}

test.each<[string, FaultCode]>([["append", "ENOSPC"], ["append", "EROFS"], ["appendSync", "ENOSPC"], ["appendSync", "EACCES"]])(
  "a journal %s failing with %s rejects that edit, keeps the model, and recovery replays every acknowledged edit",
  async (step, code) => {
    // Learn where the 3rd journal append happens, then fail exactly there.
    const probe = new FaultyFileSystem();
    const p = await journalledSession(probe);
    const before = probe.steps.length;
    for (const gainDb of [-1, -2, -3]) p.s.apply([{ op: "track.setGain", track: "kick", gainDb }]);
    await p.s.close();
    const at = nth(probe.steps.slice(before), step, 2) + before;
    rmSync(dir, { recursive: true, force: true });
    dir = scratchDir("pulse-journal-faults-");

    const { s, file } = await journalledSession(new FaultyFileSystem({ at, code }));
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -1 }]);
    s.apply([{ op: "track.setGain", track: "kick", gainDb: -2 }]);
    const acknowledged = s.project;
    expect(() => s.apply([{ op: "track.setGain", track: "kick", gainDb: -3 }])).toThrow(
      expect.objectContaining({ code: "IoFailure", message: expect.stringContaining(code) }));
    expect(s.project).toBe(acknowledged);
    // The disk has room again: editing goes on, and the half-written entry did not poison the journal.
    s.apply([{ op: "track.setPan", track: "kick", pan: 0.5 }]);
    const last = s.project;
    await s.close(); // closing writes nothing more: the disk looks as after a crash
    const r = await recoverProject(file);
    expect(r.source).toBe("journal");
    expect(r.project).toEqual(last);
  },
);

test("when a failed append cannot even be cut back, later edits are refused with a clear error and recovery still works", async () => {
  const probe = new FaultyFileSystem();
  const p = await journalledSession(probe);
  const before = probe.steps.length;
  p.s.apply([{ op: "track.setGain", track: "kick", gainDb: -1 }]);
  p.s.apply([{ op: "track.setGain", track: "kick", gainDb: -2 }]);
  await p.s.close();
  const at = nth(probe.steps.slice(before), "append", 1) + before;
  rmSync(dir, { recursive: true, force: true });
  dir = scratchDir("pulse-journal-faults-");

  // The append fails with ENOSPC after writing half the line; the truncate that should repair it fails too.
  const fs = new FaultyFileSystem({ at, code: "ENOSPC" });
  const failingTruncate: FileSystem = { ...bind(fs), openForAppend: (path) => ({ ...fs.openForAppend(path), truncate: () => { throw new Error("EIO: i/o error, ftruncate"); } }) };
  const { s, file } = await journalledSession(failingTruncate);
  s.apply([{ op: "track.setGain", track: "kick", gainDb: -1 }]);
  const acknowledged = s.project;
  expect(() => s.apply([{ op: "track.setGain", track: "kick", gainDb: -2 }])).toThrow(expect.objectContaining({ code: "IoFailure" }));
  expect(() => s.apply([{ op: "track.setGain", track: "kick", gainDb: -3 }])).toThrow(
    expect.objectContaining({ code: "IoFailure", message: expect.stringContaining("save the project") }));
  expect(s.project).toBe(acknowledged);
  const r = await recoverProject(file);
  expect(r.project).toEqual(acknowledged); // the torn last line is dropped
  // Saving starts a fresh journal and editing works again.
  await s.save();
  s.apply([{ op: "track.setGain", track: "kick", gainDb: -4 }]);
  await s.close(); // closing writes nothing more: the disk looks as after a crash
  expect((await recoverProject(file)).project).toEqual(s.project);
});

function bind(fs: FileSystem): FileSystem {
  return {
    createFile: fs.createFile.bind(fs), openForAppend: fs.openForAppend.bind(fs), syncDirectory: fs.syncDirectory.bind(fs),
    rename: fs.rename.bind(fs), remove: fs.remove.bind(fs), link: fs.link.bind(fs), copyFile: fs.copyFile.bind(fs),
    readText: fs.readText.bind(fs), readTextSync: fs.readTextSync.bind(fs), modifiedAt: fs.modifiedAt.bind(fs),
  };
}

test("a session save that fails at any step keeps the session, the last saved file and the journal consistent", async () => {
  const probe = new FaultyFileSystem();
  const p = await journalledSession(probe);
  p.s.apply([{ op: "meta.set", title: "edited" }]);
  const before = probe.steps.length;
  await p.s.save();
  const saveSteps = probe.steps.length - before;
  await p.s.close();
  for (let k = 0; k < saveSteps; k++) {
    for (const code of ["ENOSPC", "EROFS"] as const) {
      rmSync(dir, { recursive: true, force: true });
      dir = scratchDir("pulse-journal-faults-");
      const { s, file } = await journalledSession(new FaultyFileSystem({ at: before + k, code }));
      const saved = (await loadProjectFile(file)).project;
      s.apply([{ op: "meta.set", title: "edited" }]);
      const edited = s.project;
      const error = await s.save().then(() => null, (e: unknown) => e);
      const step = probe.steps[before + k];
      if (error === null) expect(step).toBe("link"); // the one step with a way round it (copy the backup)
      else expect(error, `save step ${k} (${step}) ${code}`).toMatchObject({ code: "IoFailure", message: expect.stringContaining(code) });
      // Nothing the user did is lost: either the file or the file plus journal holds the edit.
      const onDisk = (await loadProjectFile(file)).project;
      expect([saved.meta.title, "edited"]).toContain(onDisk.meta.title);
      await s.close(); // closing writes nothing more: the disk looks as after a crash
      const r = await recoverProject(file);
      expect({ ...r.project, meta: { ...r.project.meta, modified: "" } }).toEqual({ ...edited, meta: { ...edited.meta, modified: "" } });
      expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    }
  }
}, 60_000);

test("autosave failing at any step reports the error, never touches the project file, and succeeds on the next try", async () => {
  const file = join(dir, "song.lphl");
  const s = smallSession();
  await saveProjectFile(file, s.project);
  const projectText = readFileSync(file, "utf8");
  const auto = autosavePath(file);
  const probe = new FaultyFileSystem();
  const a0 = new Autosaver(auto, () => s.project, { fileSystem: probe });
  a0.notify();
  await a0.flush();
  a0.dispose();
  const older = readFileSync(auto, "utf8");
  for (let at = 0; at < probe.steps.length; at++) {
    writeFileSync(auto, older);
    const errors: Error[] = [];
    s.apply([{ op: "track.setGain", track: "snare", gainDb: -at - 1 }]);
    const a = new Autosaver(auto, () => s.project, { fileSystem: new FaultyFileSystem({ at, code: "ENOSPC" }), onError: (e) => errors.push(e) });
    a.notify();
    await a.flush();
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code), `step ${at} (${probe.steps[at]})`).toEqual(["ENOSPC"]);
    expect(readFileSync(file, "utf8")).toBe(projectText);
    // The autosave is the older one or (fault after the rename) the new one: whole either way.
    expect(() => parseProjectFile(readFileSync(auto, "utf8"))).not.toThrow();
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    await a.flush(); // still dirty after the failure: the retry (the fault was one-off) writes it
    expect(a.writes).toBe(1);
    expect(parseProjectFile(readFileSync(auto, "utf8")).project).toEqual(s.project);
    a.dispose();
  }
}, 60_000);

test("a real full disk (/dev/full): save and journal fail with ENOSPC as an IoFailure and lose nothing", async () => {
  const file = join(dir, "song.lphl");
  const s = smallSession();
  await saveProjectFile(file, s.project);
  const good = readFileSync(file, "utf8");
  // Every new file and every journal append lands on /dev/full, where the kernel answers ENOSPC.
  const full: FileSystem = { ...nodeFileSystem, createFile: () => nodeFileSystem.createFile("/dev/full"), openForAppend: () => nodeFileSystem.openForAppend("/dev/full") };
  s.apply([{ op: "meta.set", title: "never written" }]);
  await expect(saveProjectFile(file, s.project, 3, full)).rejects.toMatchObject({ code: "IoFailure", message: expect.stringContaining("ENOSPC") });
  expect(readFileSync(file, "utf8")).toBe(good);
  expect(readdirSync(dir).sort()).toEqual(["song.lphl"]);

  const journal = join(dir, "j.journal");
  writeFileSync(journal, "");
  const j = await Journal.start(journal, "save-1", { ...nodeFileSystem, openForAppend: () => nodeFileSystem.openForAppend("/dev/full") });
  const entry = { revision: 1, kind: "apply" as const, label: "x", patches: [] };
  expect(() => j.append(entry)).toThrow(expect.objectContaining({ code: "IoFailure", message: expect.stringContaining("ENOSPC") }));
  // /dev/full cannot be truncated either, so the journal refuses further entries instead of burying a torn one.
  expect(() => j.append(entry)).toThrow(expect.objectContaining({ code: "IoFailure", message: expect.stringContaining("save the project") }));
  j.close();
  expect(readFileSync(journalPath(join(dir, "j")), "utf8")).toBe('{"journal":1,"saveId":"save-1"}\n');
});
