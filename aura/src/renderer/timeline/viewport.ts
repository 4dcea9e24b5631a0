// The visible window onto the timeline: where it starts (in beats) and how many pixels a beat takes.
// All arrange drawing and hit testing goes through these conversions.
export const MIN_PX_PER_BEAT = 0.5;
export const MAX_PX_PER_BEAT = 2000;

export class Viewport {
  constructor(public scrollBeat = 0, public pxPerBeat = 40) {}

  beatToX(beat: number): number {
    return (beat - this.scrollBeat) * this.pxPerBeat;
  }

  xToBeat(x: number): number {
    return this.scrollBeat + x / this.pxPerBeat;
  }

  /** Zooms by factor keeping the beat under anchorX where it is on screen. */
  zoomAt(anchorX: number, factor: number): void {
    const anchorBeat = this.xToBeat(anchorX);
    this.pxPerBeat = Math.min(MAX_PX_PER_BEAT, Math.max(MIN_PX_PER_BEAT, this.pxPerBeat * factor));
    this.scrollBeat = Math.max(0, anchorBeat - anchorX / this.pxPerBeat);
  }

  scrollByPixels(dx: number): void {
    this.scrollBeat = Math.max(0, this.scrollBeat + dx / this.pxPerBeat);
  }

  visibleBeats(width: number): [number, number] {
    return [this.scrollBeat, this.xToBeat(width)];
  }
}

/** "bar.beat.tick" (1-based bars and beats, 240 ticks a beat) for a position in beats. */
export function formatBarsBeats(beat: number, beatsPerBar: number): string {
  const safe = Math.max(0, beat);
  const bar = Math.floor(safe / beatsPerBar) + 1;
  const beatInBar = Math.floor(safe % beatsPerBar) + 1;
  const tick = Math.floor((safe - Math.floor(safe)) * 240);
  return `${bar}.${beatInBar}.${String(tick).padStart(3, "0")}`;
}
