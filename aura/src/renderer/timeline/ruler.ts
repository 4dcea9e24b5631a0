// Which ruler lines to draw for the visible range: bar lines with numbers, beat lines when they fit.
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
