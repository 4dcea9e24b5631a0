// Draws every visible channel meter in one requestAnimationFrame pass from the latest telemetry;
// a meter is one small canvas per strip, so updates never touch the DOM layout.
import { meterBallistics, meterFraction } from "./meter-scale";

interface MeterEntry { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D; engineId: number; shown: [number, number]; visible: boolean }

export class MeterBank {
  private entries: MeterEntry[] = [];
  private levels: Record<number, [number, number]> = {};
  private running = false;
  /** Called after each pass, for the benchmark. */
  onFrame: (() => void) | null = null;

  /** Only meters on screen are drawn: a mixer scrolled to 16 of 200 strips draws 16. */
  private readonly visibility = typeof IntersectionObserver !== "undefined"
    ? new IntersectionObserver((changes) => {
      for (const c of changes) {
        const entry = this.entries.find((e) => e.canvas === c.target);
        if (entry) entry.visible = c.isIntersecting;
      }
    })
    : null;

  setMeters(meters: { canvas: HTMLCanvasElement; engineId: number }[]): void {
    this.visibility?.disconnect();
    this.entries = meters.map((m) => ({ ...m, ctx: m.canvas.getContext("2d")!, shown: [0, 0], visible: this.visibility === null }));
    for (const e of this.entries) this.visibility?.observe(e.canvas);
  }

  update(levels: Record<number, [number, number]>): void {
    this.levels = levels;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const frame = () => {
      if (!this.running) return;
      this.draw();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  stop(): void { this.running = false; }

  draw(): void {
    for (const e of this.entries) {
      if (!e.visible) continue;
      const level = this.levels[e.engineId] ?? [0, 0];
      const left = meterBallistics(e.shown[0], meterFraction(level[0]));
      const right = meterBallistics(e.shown[1], meterFraction(level[1]));
      if (left === e.shown[0] && right === e.shown[1] && e.canvas.dataset.drawn) continue;
      e.shown = [left, right];
      e.canvas.dataset.drawn = "1";
      e.canvas.dataset.level = left.toFixed(3);
      const { width, height } = e.canvas;
      const ctx = e.ctx;
      ctx.fillStyle = "#111316";
      ctx.fillRect(0, 0, width, height);
      const half = Math.floor(width / 2) - 1;
      drawBar(ctx, 0, half, height, left);
      drawBar(ctx, half + 2, half, height, right);
    }
    this.onFrame?.();
  }
}

function drawBar(ctx: CanvasRenderingContext2D, x: number, w: number, height: number, fraction: number): void {
  const barH = Math.round(fraction * height);
  if (barH <= 0) return;
  ctx.fillStyle = fraction > 0.95 ? "#ff5c5c" : fraction > 0.8 ? "#e8c547" : "#5fcf80";
  ctx.fillRect(x, height - barH, w, barH);
}
