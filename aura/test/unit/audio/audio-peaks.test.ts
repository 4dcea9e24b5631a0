import { describe, expect, it } from "vitest";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode } from "node-wav";
import { clipPeaks, filePeaks, PeakCache, PEAKS_PER_SECOND } from "../../../src/main/audio/audio-peaks";

/** One second of silence then one second of a 0.5-amplitude sine, 16-bit stereo. */
function writeTestWav(): string {
  const rate = 48_000;
  const left = new Float32Array(rate * 2);
  for (let i = rate; i < 2 * rate; i++) left[i] = 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate);
  const path = join(mkdtempSync(join(tmpdir(), "aura-wav-")), "tone.wav");
  writeFileSync(path, encode([left, new Float32Array(rate * 2)], { sampleRate: rate, bitDepth: 16 }));
  return path;
}

describe("audio peaks", () => {
  const path = writeTestWav();

  it("decodes a WAV file into a peak envelope", () => {
    const peaks = filePeaks(path);
    expect(peaks.sampleRate).toBe(48_000);
    expect(peaks.seconds).toBeCloseTo(2, 6);
    expect(peaks.peaks.length).toBe(2 * PEAKS_PER_SECOND);
    expect(Math.max(...peaks.peaks.slice(0, PEAKS_PER_SECOND))).toBe(0);
    expect(Math.min(...peaks.peaks.slice(PEAKS_PER_SECOND + 1))).toBeGreaterThan(0.45);
  });

  it("cuts the part a clip plays, and repeats loops", () => {
    const file = filePeaks(path);
    const whole = clipPeaks(file, 0, 2, null, 8);
    expect(whole.slice(0, 4).every((p) => p === 0)).toBe(true);
    expect(whole.slice(4).every((p) => p > 0.45)).toBe(true);
    expect(clipPeaks(file, 1, 1, null, 4).every((p) => p > 0.45)).toBe(true);
    // A 1 s loop of the silent half stays silent however long the clip is.
    expect(clipPeaks(file, 0, 3, 1, 6).every((p) => p === 0)).toBe(true);
  });

  it("caches per file version and reports unreadable files as undefined", () => {
    const cache = new PeakCache();
    expect(cache.get(path)).toBe(cache.get(path));
    expect(cache.get("/nonexistent.wav")).toBeUndefined();
    const junk = join(mkdtempSync(join(tmpdir(), "aura-wav-")), "junk.wav");
    writeFileSync(junk, "not a wav file");
    expect(cache.get(junk)).toBeUndefined();
  });
});
