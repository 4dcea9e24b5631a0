// Append-only journal of committed changes since the last save, one JSON line each, fsynced before
// the change is acknowledged. After a crash, the last save plus the journal is the exact last state.
// Entries hold immer patches (not ops), so undo and redo replay exactly too.
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from "node:fs";
import type { Patch } from "immer";
import { PulseError } from "../model/errors";
import { writeAtomic } from "./atomic-write";

export interface JournalHeader {
  readonly journal: 1;
  /** The save this journal continues from. */
  readonly saveId: string;
}

export interface JournalEntry {
  readonly revision: number;
  readonly kind: "apply" | "undo" | "redo";
  readonly label: string;
  readonly patches: Patch[];
}

export function journalPath(projectPath: string): string {
  return `${projectPath}.journal`;
}

export class Journal {
  private fd: number | null = null;

  private constructor(readonly path: string) {}

  /** Starts a fresh journal continuing from save `saveId` (replacing any older journal atomically). */
  static async start(path: string, saveId: string): Promise<Journal> {
    const header: JournalHeader = { journal: 1, saveId };
    await writeAtomic(path, JSON.stringify(header) + "\n");
    const j = new Journal(path);
    j.fd = openSync(path, "a");
    return j;
  }

  /** Appends and fsyncs; throws IoFailure if the entry is not durably written. */
  append(entry: JournalEntry): void {
    if (this.fd === null) throw new PulseError("IoFailure", "The journal is closed.", []);
    try {
      writeSync(this.fd, JSON.stringify(entry) + "\n");
      fsyncSync(this.fd);
    } catch (e) {
      throw new PulseError("IoFailure", `Could not write the journal "${this.path}": ${(e as Error).message}`, []);
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

/** Reads a journal; a torn last line (crash mid-append) is dropped, damage elsewhere is an error. */
export function readJournal(path: string): { header: JournalHeader; entries: JournalEntry[] } | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  // Every complete entry ends with "\n", so the last piece is either "" or a torn write: drop it.
  const complete = text.split("\n").slice(0, -1);
  if (complete.length === 0) return null;
  let header: JournalHeader;
  try {
    header = JSON.parse(complete[0]!) as JournalHeader;
  } catch {
    throw new PulseError("CorruptFile", `The journal "${path}" has a damaged header.`, [0]);
  }
  const entries = complete.slice(1).map((line, i) => {
    try {
      return JSON.parse(line) as JournalEntry;
    } catch {
      throw new PulseError("CorruptFile", `The journal "${path}" is damaged at entry ${i + 1}.`, [i + 1]);
    }
  });
  return { header, entries };
}
