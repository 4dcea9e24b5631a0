// The compatibility gate: an incompatible edit of chorus/ipc fails the check (and with it the
// build and the TS code generation) with a message naming the field.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const schemaDir = join(import.meta.dirname, "../../../chorus/ipc");
const check = join(import.meta.dirname, "../../tools/check-compat.sh");

function schemaCopy(edit: (dir: string) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), "compat-")), "ipc");
  cpSync(schemaDir, dir, { recursive: true });
  edit(dir);
  return dir;
}

function replaceIn(dir: string, file: string, from: string, to: string) {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`fixture edit: '${from}' not found in ${file}`);
  writeFileSync(path, text.replace(from, to));
}

function runCheck(dir: string): { ok: boolean; output: string } {
  try {
    execFileSync(check, [dir], { stdio: "pipe" });
    return { ok: true, output: "" };
  } catch (error) {
    return { ok: false, output: String((error as { stderr: Buffer }).stderr) };
  }
}

const releasedMinor = (JSON.parse(readFileSync(join(schemaDir, "version.json"), "utf8")) as { minor: number }).minor;
const setMinor = (dir: string, minor: number) =>
  replaceIn(dir, "version.json", `"minor": ${releasedMinor}`, `"minor": ${minor}`);

describe("schema compatibility check", () => {
  it("passes the schema as it is", () => {
    expect(runCheck(schemaDir)).toEqual({ ok: true, output: "" });
  });

  it("fails a type change and names the field", () => {
    const dir = schemaCopy((d) => replaceIn(d, "graph.fbs", "  pan: float = 0.0;", "  pan: double = 0.0;"));
    const result = runCheck(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("breaking change");
    expect(result.output).toContain("field: pan");
  });

  it("fails a field inserted mid-table, which shifts the ids after it", () => {
    const dir = schemaCopy((d) => {
      replaceIn(d, "graph.fbs", "  mute: bool;", "  color: uint;\n  mute: bool;");
      setMinor(d, releasedMinor + 1);
    });
    const result = runCheck(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toContain("color");
  });

  it("accepts an appended field with a minor bump, and asks for the bump without one", () => {
    const append = (d: string) =>
      replaceIn(d, "graph.fbs", "  automation: [AutomationCurve];", "  automation: [AutomationCurve];\n  color: uint;");
    expect(runCheck(schemaCopy(append)).output).toContain('bump "minor"');
    expect(runCheck(schemaCopy((d) => { append(d); setMinor(d, releasedMinor + 1); })).ok).toBe(true);
  });

  it("accepts a breaking change when the major version is bumped", () => {
    const dir = schemaCopy((d) => {
      replaceIn(d, "graph.fbs", "  pan: float = 0.0;", "  pan: double = 0.0;");
      replaceIn(d, "version.json", '"major": 1', '"major": 2');
    });
    expect(runCheck(dir).ok).toBe(true);
  });
});
