// The renderer's performance harness (bundled by bench/aura): real ArrangeView and MixerPanel on a
// synthetic project, driven frame by frame, with requestAnimationFrame timestamps recorded.
import { MainConnection } from "../connection/main-connection";
import { ArrangeView } from "../arrange/arrange-view";
import { MixerPanel } from "../mixer/mixer-panel";
import { WorkspaceState } from "../workspace-state";
import { syntheticProject } from "./synthetic-project";

export interface FrameSamples { intervals: number[]; work: number[] }
export interface ArrangeSamples extends FrameSamples { visibleClips: number; canvas: string; frameKinds: { shifted: number; whole: number } }

let opened: { view: ArrangeView; width: number; script: number[] } | null = null;

export interface ArrangeRunOptions {
  width?: number;
  height?: number;
  /** One half of the script ("scroll": diagonal scrolling only, "zoom": zooming only), to tell their costs apart. */
  motion?: "scroll+zoom" | "scroll" | "zoom";
  /** True: a scroll moves the previous frame's pixels instead of repainting the view (off in the app). */
  reusePixels?: boolean;
}

/** Runs `step` on `count` animation frames; its work is the time step took, or what it returns
 *  (work done elsewhere in the frame, such as a view's own paint). */
function frames(count: number, step: (i: number) => number | void): Promise<FrameSamples> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    const work: number[] = [];
    let last = -1;
    let i = -10; // warm-up frames are not recorded
    const tick = (ts: number) => {
      const t0 = performance.now();
      const reported = step(Math.max(0, i));
      const spent = typeof reported === "number" ? reported : performance.now() - t0;
      if (i >= 0) { work.push(spent); if (last >= 0) intervals.push(ts - last); }
      last = ts;
      if (++i < count) requestAnimationFrame(tick);
      else resolve({ intervals, work });
    };
    requestAnimationFrame(tick);
  });
}

function host(width: number, height: number): HTMLElement {
  document.body.replaceChildren();
  document.body.style.margin = "0";
  const el = document.createElement("div");
  el.style.cssText = `width:${width}px;height:${height}px;display:flex;position:relative`;
  document.body.append(el);
  return el;
}

const offline = () => new MainConnection("ws://127.0.0.1:9/unused");

export const harness = {
  /** An empty canvas cleared every frame: the floor any frame loop pays. */
  async baseline(count: number, width = 1600, height = 900): Promise<FrameSamples> {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    host(width, height).append(canvas);
    const ctx = canvas.getContext("2d", { alpha: false })!;
    return frames(count, () => { ctx.fillStyle = "#1b1d21"; ctx.fillRect(0, 0, width, height); });
  },

  /** openArrange then runArrange. */
  async arrange(count: number, tracks: number, clips: number, options: ArrangeRunOptions = {}): Promise<ArrangeSamples> {
    await harness.openArrange(tracks, clips, options);
    return harness.runArrange(count);
  },

  /** Opens a large arrange to run (kept apart so that a benchmark can leave making the project out). */
  async openArrange(tracks: number, clips: number, options: ArrangeRunOptions = {}): Promise<void> {
    const { width = 1600, height = 900, motion = "scroll+zoom", reusePixels = false } = options;
    const state = new WorkspaceState();
    const view = new ArrangeView(state, offline());
    view.frames.reusePixels = reusePixels;
    const root = host(width, height);
    root.append(view.element);
    view.element.style.flex = "1";
    state.setProject(syntheticProject(tracks, clips));
    await new Promise((r) => setTimeout(r, 100));
    opened = { view, width, script: motion === "scroll" ? [0, 2] : motion === "zoom" ? [1, 3] : [0, 1, 2, 3] };
  },

  /** Scripted scroll and zoom over the opened arrange, as wheel events would: each frame moves the
   *  view and the view's own frame loop paints it, as in the app (one paint a frame, including any
   *  clip details left from the frame before). Work is the view's paint time. */
  async runArrange(count: number): Promise<ArrangeSamples> {
    if (!opened) throw new Error("openArrange first");
    const { view, width, script } = opened;
    // The view registered its frame callback first, so it has painted this frame before `step` runs.
    const samples = await frames(count, (i) => {
      const painted = view.lastPaintMs;
      view.lastPaintMs = 0;
      const phase = script[Math.floor(i / 60) % script.length];
      if (phase === 0) view.scrollBy(25, 18);
      else if (phase === 1) view.zoomAt(width / 2, 1.03);
      else if (phase === 2) view.scrollBy(-15, -30);
      else view.zoomAt(width / 3, 1 / 1.03);
      return painted;
    });
    const canvas = view.element.querySelector("canvas")!;
    return { ...samples, frameKinds: { ...view.frames.counts }, visibleClips: view.layout.rows.reduce((n, r) => n + r.clipsByStart.length, 0), canvas: `${canvas.width}x${canvas.height}` };
  },

  /** Meters of every track updated from 60 Hz telemetry, redrawn every frame. */
  async meters(count: number, tracks: number): Promise<FrameSamples & { drawnMeters: number }> {
    const state = new WorkspaceState();
    const mixer = new MixerPanel(state, offline());
    mixer.meters.stop();
    host(1600, 400).append(mixer.element);
    state.setProject(syntheticProject(tracks, tracks));
    await new Promise((r) => setTimeout(r, 100)); // let visibility settle
    let phase = 0;
    const timer = setInterval(() => {
      phase++;
      const meters: Record<number, [number, number]> = {};
      for (let t = 0; t < tracks; t++) meters[t + 2] = [Math.abs(Math.sin(phase / 7 + t)), Math.abs(Math.cos(phase / 5 + t))];
      state.telemetry = { ...state.telemetry, meters };
      state.emit("telemetry");
    }, 1000 / 60);
    const samples = await frames(count, () => mixer.meters.draw());
    clearInterval(timer);
    const drawn = [...mixer.element.querySelectorAll("canvas")].filter((c) => (c as HTMLCanvasElement).dataset.drawn).length;
    return { ...samples, drawnMeters: drawn };
  },
};

Object.assign(window, { auraHarness: harness });
