// The piano roll for the selected MIDI clip: notes on a pitch × time grid, drawn on canvas; clicking
// an empty cell adds a note of one grid step.
import type { ClipView } from "../../channels";
import type { MainConnection } from "../connection/main-connection";
import { h } from "../dom/element";
import { snapBeat } from "../timeline/snapping";
import type { WorkspaceState } from "../workspace-state";

export const KEY_HEIGHT = 10;
export const TOP_PITCH = 96;

/** Pitch and beat (from the clip start) under a point of the roll. */
export function rollPosition(x: number, y: number, pxPerBeat: number, scrollPitch = TOP_PITCH): { pitch: number; beat: number } {
  return { pitch: scrollPitch - Math.floor(y / KEY_HEIGHT), beat: x / pxPerBeat };
}

export class PianoRoll {
  readonly element: HTMLElement;
  private readonly canvas = h("canvas", { class: "piano-roll-canvas", "data-testid": "piano-roll" });
  private readonly title = h("div", { class: "panel-title" }, "Piano roll — select a MIDI clip");
  private pxPerBeat = 60;
  private step = 0.25;

  constructor(private readonly state: WorkspaceState, private readonly main: MainConnection) {
    this.element = h("div", { class: "piano-roll" }, this.title, h("div", { class: "piano-roll-wrap" }, this.canvas));
    state.on("selection", () => this.draw());
    state.on("project", () => this.draw());
    this.canvas.addEventListener("pointerdown", (e) => void this.onClick(e));
    new ResizeObserver(() => this.draw()).observe(this.element);
  }

  private clip(): ClipView | undefined {
    const [id] = this.state.selectedClips;
    const found = id ? this.state.findClip(id) : undefined;
    return found?.clip.kind === "midi" ? found.clip : undefined;
  }

  draw(): void {
    const wrap = this.canvas.parentElement!;
    const width = wrap.clientWidth;
    const height = wrap.clientHeight;
    if (this.canvas.width !== width || this.canvas.height !== height) { this.canvas.width = width; this.canvas.height = height; }
    const ctx = this.canvas.getContext("2d")!;
    const clip = this.clip();
    this.title.textContent = clip ? `Piano roll — ${clip.name}` : "Piano roll — select a MIDI clip";
    ctx.fillStyle = "#1b1d21";
    ctx.fillRect(0, 0, width, height);
    for (let row = 0; row * KEY_HEIGHT < height; row++) {
      const pitch = TOP_PITCH - row;
      const black = [1, 3, 6, 8, 10].includes(((pitch % 12) + 12) % 12);
      ctx.fillStyle = black ? "#181a1e" : "#22252a";
      ctx.fillRect(0, row * KEY_HEIGHT, width, KEY_HEIGHT - 1);
    }
    if (!clip) return;
    ctx.fillStyle = "#2f343c";
    for (let b = 0; b <= clip.lengthBeats; b++) ctx.fillRect(b * this.pxPerBeat, 0, 1, height);
    ctx.fillStyle = "#5d9b61";
    for (const n of clip.notes ?? []) {
      ctx.fillRect(n.startBeat * this.pxPerBeat, (TOP_PITCH - n.pitch) * KEY_HEIGHT, Math.max(2, n.lengthBeats * this.pxPerBeat - 1), KEY_HEIGHT - 1);
    }
  }

  private async onClick(e: PointerEvent): Promise<void> {
    const clip = this.clip();
    if (!clip) return;
    const rect = this.canvas.getBoundingClientRect();
    const { pitch, beat } = rollPosition(e.clientX - rect.left, e.clientY - rect.top, this.pxPerBeat);
    const start = snapBeat(Math.floor(beat / this.step) * this.step, this.step);
    if (start >= clip.lengthBeats || pitch < 0 || pitch > 127) return;
    await this.main.request("project.edit", { edit: { type: "addNote", clipId: clip.id, pitch, startBeat: start, lengthBeats: this.step, velocity: 100 } })
      .catch((err: Error) => window.dispatchEvent(new CustomEvent("aura-error", { detail: err.message })));
  }
}
