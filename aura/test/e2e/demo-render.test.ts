// `loophole demo` end to end: the demo song built in Pulse, rendered by a real Signal on the
// offline clock, twice, bit-identical, with real audio in it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDemoSession } from "../../src/main/commands/demo";
import { renderProject } from "../../src/main/commands/render-project";
import { defaultSignalPath } from "../../src/main/index";

const signalPath = process.env.LOOPHOLE_SIGNAL ?? defaultSignalPath;
const underLoopholeTest = process.env.LOOPHOLE_ROOT !== undefined;

async function renderDemoOnce(): Promise<{ wav: Buffer; frames: number }> {
  const dir = mkdtempSync(join(tmpdir(), "demo-e2e-"));
  const session = await buildDemoSession(dir, {});
  const outputPath = join(dir, "demo.wav");
  const result = await renderProject({ session, outputPath, signalPath, format: "24" });
  await session.close();
  return { wav: readFileSync(outputPath), frames: result.frames };
}

/** RMS in dBFS of a 24-bit WAV's samples, read by sox: a real tool, not our own reader. */
function rmsDb(path: string): number {
  const stats = spawnSync("sox", [path, "-n", "stats"], { encoding: "utf8" }).stderr; // sox reports on stderr
  return Number(/RMS lev dB\s+(-?[\d.]+)/.exec(stats)?.[1]);
}

describe.runIf(existsSync(signalPath) || underLoopholeTest)("demo render through Signal", () => {
  it("renders the demo song twice, bit-identical and audible", async () => {
    const first = await renderDemoOnce();
    const second = await renderDemoOnce();
    expect(first.frames).toBeGreaterThan(48_000 * 15);
    expect(first.wav.equals(second.wav)).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), "demo-wav-"));
    const path = join(dir, "demo.wav");
    writeFileSync(path, first.wav);
    const rms = rmsDb(path);
    expect(rms).toBeGreaterThan(-30);
    expect(rms).toBeLessThan(-6);
  });
});
