// Append-only journal of committed changes since the last save, one JSON line each, fsynced before
// the change is acknowledged. After a crash, the last save plus the journal is the exact last state.
// Entries hold immer patches (not ops), so undo and redo replay exactly too.
import type { Patch } from "immer";
import { PulseError } from "../model/errors";
import { writeAtomic } from "./atomic-write";
import { nodeFileSystem, type AppendableFile, type FileSystem } from "./file-system";

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
  private file: AppendableFile | null = null;
  /** Bytes of complete, durable entries: a failed append is cut back to this. */
  private durable = 0;
  /** A failed append that could not be cut back: appending more would bury it mid-file. */
  private broken: string | null = null;

  private constructor(readonly path: string) {}

  /** Starts a fresh journal continuing from save `saveId` (replacing any older journal atomically). */
  static async start(path: string, saveId: string, fs: FileSystem = nodeFileSystem): Promise<Journal> {
    const header: JournalHeader = { journal: 1, saveId };
    try {
      await writeAtomic(path, JSON.stringify(header) + "\n", 0, fs);
      const j = new Journal(path);
      j.file = fs.openForAppend(path);
      j.durable = j.file.size;
      return j;
    } catch (e) {
      throw new PulseError("IoFailure", `Could not start the journal "${path}": ${(e as Error).message}`, []);
    }
  }

  /** Appends and fsyncs; throws IoFailure if the entry is not durably written. */
  append(entry: JournalEntry): void {
    if (this.file === null) throw new PulseError("IoFailure", `The journal "${this.path}" is closed; save the project to start a new one.`, []);
    if (this.broken !== null) throw new PulseError("IoFailure", `The journal "${this.path}" could not be repaired after an earlier failure (${this.broken}); save the project to start a new one.`, []);
    const line = JSON.stringify(entry) + "\n";
    try {
      this.file.append(line);
      this.file.sync();
      this.durable += Buffer.byteLength(line, "utf8");
    } catch (e) {
      // A half-written line followed by the next entry would read as damage in the middle of the
      // journal, and recovery would refuse all of it: cut the file back to its last whole entry.
      try {
        this.file.truncate(this.durable);
      } catch (cut) {
        this.broken = (cut as Error).message;
      }
      throw new PulseError("IoFailure", `Could not write the journal "${this.path}": ${(e as Error).message}`, []);
    }
  }

  close(): void {
    try { this.file?.close(); } catch { /* nothing left to lose: every entry was fsynced */ }
    this.file = null;
  }
}

function isHeader(v: unknown): v is JournalHeader {
  return typeof v === "object" && v !== null && (v as JournalHeader).journal === 1 && typeof (v as JournalHeader).saveId === "string";
}

function isEntry(v: unknown): v is JournalEntry {
  return typeof v === "object" && v !== null && Array.isArray((v as JournalEntry).patches);
}

/** Reads a journal; a torn last line (crash mid-append) is dropped, damage elsewhere is an error. */
export function readJournal(path: string, fs: FileSystem = nodeFileSystem): { header: JournalHeader; entries: JournalEntry[] } | null {
  let text: string;
  try {
    text = fs.readTextSync(path);
  } catch {
    return null;
  }
  // Every complete entry ends with "\n", so the last piece is either "" or a torn write: drop it.
  const complete = text.split("\n").slice(0, -1);
  if (complete.length === 0) return null;
  let header: unknown;
  try {
    header = JSON.parse(complete[0]!);
  } catch {
    header = null;
  }
  if (!isHeader(header)) throw new PulseError("CorruptFile", `The journal "${path}" has a damaged header.`, [0]);
  const entries = complete.slice(1).map((line, i) => {
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch {
      entry = null;
    }
    if (!isEntry(entry)) throw new PulseError("CorruptFile", `The journal "${path}" is damaged at entry ${i + 1}.`, [i + 1]);
    return entry;
  });
  return { header, entries };
}
