// Browser side of the arrange frame test: the real ArrangeView on a synthetic project, scrolled
// with frames that move the previous pixels, then compared with a whole repaint of the same view.
import { MainConnection } from "../../src/renderer/connection/main-connection";
import { ArrangeView } from "../../src/renderer/arrange/arrange-view";
import { syntheticProject } from "../../src/renderer/perf/synthetic-project";
import { WorkspaceState } from "../../src/renderer/workspace-state";

export interface FrameComparison {
  shiftedFrames: number;
  wholeFrames: number;
  /** Device pixels whose colour differs between the moved frames and the whole repaint. */
  differingPixels: number;
  totalPixels: number;
  /** Largest difference of one colour channel (0..255). */
  largestChannelDifference: number;
  firstDifference: { x: number; y: number } | null;
}

let view: ArrangeView;
let state: WorkspaceState;

const page = {
  async open(width: number, height: number, tracks: number, clips: number): Promise<void> {
    document.body.style.margin = "0";
    const host = document.createElement("div");
    host.style.cssText = `width:${width}px;height:${height}px;display:flex;position:relative`;
    document.body.replaceChildren(host);
    state = new WorkspaceState();
    view = new ArrangeView(state, new MainConnection("ws://127.0.0.1:9/unused"));
    view.frames.reusePixels = true;
    host.append(view.element);
    view.element.style.flex = "1";
    state.setProject(syntheticProject(tracks, clips));
    await new Promise((r) => setTimeout(r, 100));
  },

  /** Selects a few clips and puts the playhead on screen, so they take part in the moved frames. */
  decorate(): void {
    for (const row of view.layout.rows.slice(0, 6)) state.selectedClips.add(row.clipsByStart[3]!.id);
    state.telemetry = { ...state.telemetry, positionBeats: view.viewport.xToBeat(400) };
    state.emit("selection");
  },

  zoom(x: number, factor: number, times: number): void {
    for (let i = 0; i < times; i++) { view.zoomAt(x, factor); view.paintNow(); }
  },

  /** Scrolls step by step, painting each step as its own frame. */
  scroll(dx: number, dy: number, steps: number): void {
    for (let i = 0; i < steps; i++) { view.scrollBy(dx, dy); view.paintNow(); }
  },

  /** Moves the playhead without scrolling (telemetry during playback). */
  movePlayhead(beats: number): void {
    state.telemetry = { ...state.telemetry, positionBeats: state.telemetry.positionBeats + beats };
    state.emit("telemetry");
    view.paintNow();
  },

  /** Paints until no clip waits for details, then compares the canvas with a whole repaint. */
  compareWithWholeRepaint(): FrameComparison {
    for (let i = 0; i < 50 && view.frames.waiting; i++) view.paintNow();
    const canvas = view.element.querySelector("canvas")!;
    const ctx = canvas.getContext("2d")!;
    const moved = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const { shifted, whole } = view.frames.counts;
    view.repaintAll();
    view.paintNow();
    const repainted = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let differing = 0;
    let largest = 0;
    let first: { x: number; y: number } | null = null;
    for (let i = 0; i < moved.length; i += 4) {
      const d = Math.max(Math.abs(moved[i]! - repainted[i]!), Math.abs(moved[i + 1]! - repainted[i + 1]!), Math.abs(moved[i + 2]! - repainted[i + 2]!));
      if (d === 0) continue;
      differing++;
      largest = Math.max(largest, d);
      first ??= { x: (i / 4) % canvas.width, y: Math.floor(i / 4 / canvas.width) };
    }
    return { shiftedFrames: shifted, wholeFrames: whole, differingPixels: differing, totalPixels: moved.length / 4, largestChannelDifference: largest, firstDifference: first };
  },
};

Object.assign(window, { arrangeFramePage: page });
