// Fault injection on the atomic save: a full disk or a read-only folder at each step of the save
// (temp file, write, fsync, backup rotation, rename, directory fsync), and a crash at each step.
// Whatever happens, the error is clear, the file on disk loads and holds a whole saved state, and no
// half-written file is left as the project or as a backup.
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { backupPath, isPulseError, loadProjectFile, recoverProject, saveProjectFile, type Project } from "../../src/index";
import { smallSession } from "../helpers";
import { scratchDir } from "./scratch-dir";
import { FaultyFileSystem, NoHardLinks, type FaultCode } from "./faulty-file-system";

const CODES: FaultCode[] = ["ENOSPC", "EROFS", "EACCES"];
const BACKUPS = 3;

let dir: string;
beforeEach(() => { dir = scratchDir("pulse-save-faults-"); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Three saved versions (so backups rotate), and the fourth state that the faulty save tries to write. */
async function savedHistory(file: string): Promise<{ good: Project; next: Project }> {
  const s = smallSession();
  for (const title of ["one", "two", "three"]) {
    s.apply([{ op: "meta.set", title }]);
    await saveProjectFile(file, s.project, BACKUPS);
  }
  const good = s.project;
  s.apply([{ op: "meta.set", title: "four" }, { op: "track.setGain", track: "kick", gainDb: -3 }]);
  return { good, next: s.project };
}

function leftovers(): string[] {
  return readdirSync(dir).filter((n) => n.endsWith(".tmp"));
}

/** Every backup that exists is a whole project file. */
async function backupsLoad(file: string): Promise<void> {
  for (let n = 1; n <= BACKUPS + 1; n++)
    if (readdirSync(dir).includes(`song.lphl.bak${n}`)) await expect(loadProjectFile(backupPath(file, n))).resolves.toBeDefined();
}

async function stepsOfSave(fs: FaultyFileSystem): Promise<string[]> {
  const file = join(dir, "probe.lphl");
  const { next } = await savedHistory(file);
  await saveProjectFile(file, next, BACKUPS, fs);
  return fs.steps;
}

describe.each([
  ["with hard-linked backups", (f: ConstructorParameters<typeof FaultyFileSystem>[0]) => new FaultyFileSystem(f)],
  ["with copied backups (no hard links)", (f: ConstructorParameters<typeof FaultyFileSystem>[0]) => new NoHardLinks(f)],
])("save %s", (_name, makeFs) => {
  test("each step of the save, failing with ENOSPC, EROFS or EACCES, gives a clear IoFailure and keeps a whole file", async () => {
    const steps = await stepsOfSave(makeFs(null));
    rmSync(join(dir, "probe.lphl"));
    expect(steps).toContain("rename");
    expect(steps.length).toBeGreaterThanOrEqual(6);
    const renameAt = steps.lastIndexOf("rename");
    let failures = 0;
    for (let at = 0; at < steps.length; at++) {
      for (const code of CODES) {
        const file = join(dir, "song.lphl");
        const { good, next } = await savedHistory(file);
        const error = await saveProjectFile(file, next, BACKUPS, makeFs({ at, code })).then(() => null, (e: unknown) => e);
        const onDisk = (await loadProjectFile(file)).project;
        if (error === null) {
          // Only a failed hard link has a way round it (copying the backup instead).
          expect(steps[at]).toBe("link");
          expect(onDisk).toEqual(next);
        } else {
          expect(isPulseError(error), `step ${at} (${steps[at]}) ${code}: ${String(error)}`).toBe(true);
          if (!isPulseError(error)) continue;
          failures++;
          expect(error.code).toBe("IoFailure");
          expect(error.message).toContain(file);
          expect(error.message).toContain(code);
          // Before the rename the old file stands; a failure after it (the directory fsync) reports the
          // save as not certainly durable, but the file is already the new one, whole.
          expect(onDisk, `step ${at} (${steps[at]}) ${code}`).toEqual(at <= renameAt ? good : next);
        }
        expect(leftovers(), `temp files after step ${at} (${steps[at]}) ${code}`).toEqual([]);
        await backupsLoad(file);
        rmSync(dir, { recursive: true, force: true });
        dir = scratchDir("pulse-save-faults-");
      }
    }
    expect(failures).toBe((steps.length - steps.filter((x) => x === "link").length) * CODES.length);
  }, 60_000);

  test("a crash at any step of the save (e.g. between write and rename) leaves a file that recovery opens", async () => {
    const steps = await stepsOfSave(makeFs(null));
    for (let at = 0; at < steps.length; at++) {
      const file = join(dir, "song.lphl");
      const { good, next } = await savedHistory(file);
      const fs = makeFs({ at, crash: true });
      await expect(saveProjectFile(file, next, BACKUPS, fs)).rejects.toBeDefined();
      expect(fs.hasCrashed).toBe(true);
      // The "restarted" process uses the real file system.
      const recovered = await recoverProject(file);
      expect(recovered.source).toBe("file");
      expect([good, next]).toContainEqual(recovered.project);
      if (steps[at] !== "syncDirectory" && at <= steps.lastIndexOf("rename")) expect(recovered.project).toEqual(good);
      await backupsLoad(file);
      // A stale temp file from the crash does not stop the next save.
      await saveProjectFile(file, next, BACKUPS);
      expect((await loadProjectFile(file)).project).toEqual(next);
      rmSync(dir, { recursive: true, force: true });
      dir = scratchDir("pulse-save-faults-");
    }
  }, 60_000);
});

test("a crash between writing the temp file and renaming it: the temp file is left, recovery takes the last save", async () => {
  const file = join(dir, "song.lphl");
  const { good, next } = await savedHistory(file);
  const probe = new FaultyFileSystem();
  await saveProjectFile(join(dir, "probe.lphl"), good, 0, probe);
  rmSync(join(dir, "probe.lphl"));
  const fs = new FaultyFileSystem({ at: probe.steps.lastIndexOf("rename"), crash: true });
  await expect(saveProjectFile(file, next, 0, fs)).rejects.toMatchObject({ message: expect.stringContaining("crash at rename") });
  expect(fs.hasCrashed).toBe(true);
  expect(leftovers().length).toBe(1); // the crash came before any cleanup
  expect((await recoverProject(file)).project).toEqual(good);
});
