// The same faults on a real kernel file system, no seam: a tiny tmpfs that fills up (ENOSPC) and one
// remounted read-only (EROFS). Needs root with the right to mount (as on the dev machines and CI);
// elsewhere it is skipped, and the seam-based tests (save-faults, journal-autosave-faults) still run.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { autosavePath, loadProjectFile, ProjectSession, recoverProject } from "../../src/index";
import { Autosaver } from "../../src/files/autosave";
import { smallSession } from "../helpers";

function mount(dir: string, options: string): boolean {
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", dir], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

const probe = mkdtempSync(join(tmpdir(), "pulse-mount-probe-"));
const canMount = mount(probe, "size=64k");
if (canMount) execFileSync("umount", [probe]);
rmSync(probe, { recursive: true, force: true });

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), "pulse-real-faults-")); });
afterEach(() => {
  try { execFileSync("umount", [dir], { stdio: "ignore" }); } catch { /* not mounted */ }
  rmSync(dir, { recursive: true, force: true });
});

/** Takes all space left on the tmpfs. */
function fillUp(path: string): void {
  const chunk = Buffer.alloc(4096, 1);
  try { for (;;) writeFileSync(path, chunk, { flag: "a" }); } catch (e) { expect((e as NodeJS.ErrnoException).code).toBe("ENOSPC"); }
}

describe.skipIf(!canMount)("real file-system faults (tmpfs)", () => {
  test("a full disk: save and journal report ENOSPC, nothing half-written stays, and recovery has every acknowledged edit", async () => {
    expect(mount(dir, "size=256k")).toBe(true);
    const file = join(dir, "song.lphl");
    const s = smallSession();
    await s.save(file); // no journal yet: plain save
    await s.close();
    const session = await ProjectSession.open(file, { journal: true });
    session.apply([{ op: "track.setGain", track: "kick", gainDb: -2 }]);
    const acknowledged = session.project;
    const good = readFileSync(file, "utf8");
    fillUp(join(dir, "filler"));

    expect(() => session.apply([{ op: "meta.set", notes: "n".repeat(20_000) }])).toThrow(
      expect.objectContaining({ code: "IoFailure", message: expect.stringContaining("ENOSPC") }));
    expect(session.project).toBe(acknowledged);
    await expect(session.save()).rejects.toMatchObject({ code: "IoFailure", message: expect.stringContaining("ENOSPC") });
    expect(readFileSync(file, "utf8")).toBe(good);
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
    expect((await recoverProject(file)).project).toEqual(acknowledged);

    // Space again: editing and saving go on.
    rmSync(join(dir, "filler"));
    session.apply([{ op: "track.setPan", track: "kick", pan: 0.25 }]);
    await session.close();
    expect((await recoverProject(file)).project).toEqual(session.project);
  });

  test("a read-only folder: save and autosave report EROFS and the saved file stays as it was", async () => {
    expect(mount(dir, "size=256k")).toBe(true);
    const file = join(dir, "song.lphl");
    const s = smallSession();
    await s.save(file);
    const good = readFileSync(file, "utf8");
    await s.close();
    execFileSync("mount", ["-o", "remount,ro", dir]);
    s.apply([{ op: "meta.set", title: "changed" }]);
    await expect(s.save()).rejects.toMatchObject({ code: "IoFailure", message: expect.stringContaining("EROFS") });
    const errors: Error[] = [];
    const auto = new Autosaver(autosavePath(file), () => s.project, { onError: (e) => errors.push(e) });
    auto.notify();
    await auto.flush();
    auto.dispose();
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(["EROFS"]);
    expect(readFileSync(file, "utf8")).toBe(good);
    expect((await loadProjectFile(file)).project.meta.title).not.toBe("changed");
    // Opening a project in a read-only folder with a journal cannot promise durable edits: it says so.
    await expect(ProjectSession.open(file, { journal: true })).rejects.toMatchObject({ code: "IoFailure", message: expect.stringContaining("EROFS") });
  });
});
