// The time ruler: beats to minutes:seconds through tempo steps, labels at a round interval that fits.
import { describe, expect, it } from "vitest";
import { formatTime, tempoIndexOf, timeLabels } from "../../../src/renderer/timeline/ruler";

const steps = [{ beat: 0, bpm: 120 }, { beat: 8, bpm: 60 }];

describe("time ruler", () => {
  it("converts beats and seconds both ways through a tempo change", () => {
    const time = tempoIndexOf(steps);
    expect(time.seconds(8)).toBe(4);
    expect(time.seconds(10)).toBe(6);
    expect(time.beatAfterSeconds(0, 2)).toBe(4);
    expect(time.beatAfterSeconds(0, 5)).toBe(9);
    for (const beat of [0, 1.5, 8, 8.25, 31]) expect(time.beatAfterSeconds(0, time.seconds(beat))).toBeCloseTo(beat, 9);
    expect(tempoIndexOf([]).seconds(4)).toBe(2); // no tempo map: 120 BPM
  });

  it("labels round seconds far enough apart, and says minutes past a minute", () => {
    // 20 px a beat at 120 BPM = 40 px a second: labels every 2 s (80 px).
    const labels = timeLabels(0, 16, 20, [{ beat: 0, bpm: 120 }]);
    expect(labels.map((l) => l.label)).toEqual(["0:00", "0:02", "0:04", "0:06", "0:08"]);
    expect(labels.map((l) => l.beat)).toEqual([0, 4, 8, 12, 16]);
    // After the change to 60 BPM, 2 s are 2 beats.
    expect(timeLabels(8, 12, 20, steps).map((l) => [l.beat, l.label])).toEqual([[8, "0:04"], [10, "0:06"], [12, "0:08"]]);
    expect(formatTime(75)).toBe("1:15");
    expect(formatTime(2.5)).toBe("0:02.5");
  });
});
