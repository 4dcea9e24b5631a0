// Which ruler lines to draw for the visible range: bar lines with numbers, beat lines when they fit,
// and minutes:seconds labels through the tempo map (steps) at a round interval that fits.
import { TempoIndex } from "@loophole/pulse/time";

export interface RulerTick { beat: number; kind: "bar" | "beat" | "sub"; label?: string }

export function rulerTicks(startBeat: number, endBeat: number, pxPerBeat: number, beatsPerBar: number): RulerTick[] {
  const ticks: RulerTick[] = [];
  const barPx = pxPerBeat * beatsPerBar;
  // Label every n-th bar so labels never overlap (about 48 px apart at least).
  const barEvery = Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(1, 48 / barPx))));
  const step = pxPerBeat >= 48 ? 0.25 : pxPerBeat >= 8 ? 1 : beatsPerBar * barEvery;
  const first = Math.max(0, Math.floor(startBeat / step) * step);
  for (let beat = first; beat <= endBeat; beat += step) {
    const isBar = Math.abs(beat / beatsPerBar - Math.round(beat / beatsPerBar)) < 1e-9;
    if (isBar) {
      const bar = Math.round(beat / beatsPerBar);
      ticks.push(bar % barEvery === 0 ? { beat, kind: "bar", label: String(bar + 1) } : { beat, kind: "bar" });
    } else {
      ticks.push({ beat, kind: Number.isInteger(beat) ? "beat" : "sub" });
    }
    if (ticks.length > 5000) break;
  }
  return ticks;
}

export interface Tempo { beat: number; bpm: number }
export interface TimeLabel { beat: number; label: string }

/** Seconds and beats through the project's tempo steps, by Pulse's own rules (none = 120 BPM). */
export function tempoIndexOf(tempos: readonly Tempo[]): TempoIndex {
  return new TempoIndex({ tempos, meters: [] });
}

const TIME_STEPS = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600];

export function formatTime(seconds: number): string {
  const whole = Math.floor(seconds + 1e-6);
  const tenths = Math.round((seconds - whole) * 10) % 10;
  const text = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
  return tenths ? `${text}.${tenths}` : text;
}

/** Time labels for the visible beats, at least `minPx` apart where the tempo is fastest on screen. */
export function timeLabels(startBeat: number, endBeat: number, pxPerBeat: number, tempos: readonly Tempo[], minPx = 70): TimeLabel[] {
  const fastest = Math.max(...(tempos.length ? tempos.map((t) => t.bpm) : [120]));
  const pxPerSecond = (pxPerBeat * fastest) / 60;
  const step = TIME_STEPS.find((s) => s * pxPerSecond >= minPx) ?? TIME_STEPS[TIME_STEPS.length - 1]!;
  const time = tempoIndexOf(tempos);
  const first = Math.ceil(time.seconds(Math.max(0, startBeat)) / step) * step;
  const last = time.seconds(endBeat);
  const labels: TimeLabel[] = [];
  for (let s = first; s <= last && labels.length < 2000; s += step) labels.push({ beat: time.beatAfterSeconds(0, s), label: formatTime(s) });
  return labels;
}
