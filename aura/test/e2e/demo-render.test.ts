// `loophole demo` end to end: the demo song built in Pulse, rendered by a real Signal on the
// offline clock, twice, bit-identical, with real audio in it.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildDemoSession } from "../../src/main/commands/demo";
import { renderProject, type RenderFormat } from "../../src/main/commands/render-project";
import { defaultSignalPath } from "../../src/main/index";

const signalPath = process.env.LOOPHOLE_SIGNAL ?? defaultSignalPath;
const underLoopholeTest = process.env.LOOPHOLE_ROOT !== undefined;

async function renderDemoOnce(format: RenderFormat = "24", dither?: boolean): Promise<{ wav: Buffer; frames: number }> {
  const dir = mkdtempSync(join(tmpdir(), "demo-e2e-"));
  const session = await buildDemoSession(dir, {});
  const outputPath = join(dir, "demo.wav");
  const result = await renderProject({ session, outputPath, signalPath, format, ...(dither !== undefined ? { dither } : {}) });
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

  it("dithers 16-bit output by default, still bit-identical across renders", async () => {
    const dithered = await renderDemoOnce("16");
    expect((await renderDemoOnce("16")).wav.equals(dithered.wav)).toBe(true);
    const cut = await renderDemoOnce("16", false);
    expect(cut.wav.length).toBe(dithered.wav.length);
    // The engine's TPDF noise changes some of the quietest bits, and only those.
    const samples = cut.wav.indexOf("data") + 8; // after the data chunk's id and size
    expect(samples).toBeGreaterThan(8);
    let changed = 0;
    let largest = 0;
    for (let i = samples; i + 1 < cut.wav.length; i += 2) {
      const difference = Math.abs(dithered.wav.readInt16LE(i) - cut.wav.readInt16LE(i));
      if (difference > 0) changed++;
      largest = Math.max(largest, difference);
    }
    expect(changed).toBeGreaterThan(cut.frames / 4);
    expect(largest).toBeLessThanOrEqual(2);
  });
});
