// Scratch folders for the fault tests: in memory (/dev/shm) when there is one. These tests inject
// their faults through the FileSystem seam, so they do not need a real disk's fsync, and looping over
// every step of many saves on a shared, busy disk would make them slow.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function scratchDir(prefix: string): string {
  return mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), prefix));
}
