// Which project the last `start` had open, and whether that session ended cleanly. A session that
// was killed (kill -9, power loss) leaves "open": true behind, so the next `start` without a project
// can reopen it with its journal instead of an empty project (ADR 0003).
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

interface LastSessionRecord {
  path: string;
  open: boolean;
}

export class LastSession {
  private readonly file: string;

  constructor(stateDir: string) { this.file = join(stateDir, "last-session.json"); }

  /** The project of a session that did not end cleanly, when its file still exists. */
  unfinished(): string | null {
    const record = this.read();
    return record?.open && existsSync(record.path) ? record.path : null;
  }

  opened(path: string): void { this.write({ path, open: true }); }

  closed(): void {
    const record = this.read();
    if (record) this.write({ ...record, open: false });
  }

  private read(): LastSessionRecord | null {
    try {
      const value = JSON.parse(readFileSync(this.file, "utf8")) as Partial<LastSessionRecord>;
      return typeof value.path === "string" && typeof value.open === "boolean" ? { path: value.path, open: value.open } : null;
    } catch {
      return null;
    }
  }

  /** Synchronous (a few bytes, rarely), so two updates can never interleave. */
  private write(record: LastSessionRecord): void {
    mkdirSync(dirname(this.file), { recursive: true });
    // Write then rename, so a crash never leaves half a file.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(record));
    renameSync(`${this.file}.tmp`, this.file);
  }
}
