// The record that lets a bare `start` reopen a project whose session was killed.
import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LastSession } from "../../../src/main/project/last-session";

describe("LastSession", () => {
  it("names the project of a session that did not end, and forgets it once it ends", () => {
    const dir = mkdtempSync(join(tmpdir(), "aura-last-session-"));
    const project = join(dir, "Song.loophole");
    writeFileSync(project, "{}");
    const last = new LastSession(dir);
    expect(last.unfinished()).toBeNull();
    last.opened(project);
    expect(new LastSession(dir).unfinished()).toBe(project); // what a process started after a kill -9 sees
    last.closed();
    expect(new LastSession(dir).unfinished()).toBeNull();
  });

  it("ignores a project file that is gone and a damaged record", () => {
    const dir = mkdtempSync(join(tmpdir(), "aura-last-session-"));
    const project = join(dir, "Gone.loophole");
    writeFileSync(project, "{}");
    new LastSession(dir).opened(project);
    rmSync(project);
    expect(new LastSession(dir).unfinished()).toBeNull();
    writeFileSync(join(dir, "last-session.json"), "{ not json");
    expect(new LastSession(dir).unfinished()).toBeNull();
  });
});
