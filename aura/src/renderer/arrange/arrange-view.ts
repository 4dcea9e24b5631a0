// The arrange panel: track headers (DOM, drop targets for plugins, dragged to reorder tracks) beside
// the timeline canvas, with pointer gestures turned into Pulse edits: select, move, trim, set a
// clip's fades and gain (clip-handles.ts), draw automation, locate. A drag previews as a ghost,
// edits Pulse once on release (one undo step), and Escape cancels it.
import type { ClipView, Edit } from "../../channels";
import type { MainConnection } from "../connection/main-connection";
import { h } from "../dom/element";
import { laneMenu } from "./automation-lane-menu";
import { gridStepFor, snapBeat, snapClipStart } from "../timeline/snapping";
import { Viewport } from "../timeline/viewport";
import type { WorkspaceState } from "../workspace-state";
import { ArrangeLayout, CLIP_TOP_INSET, RULER_HEIGHT, TRACK_HEIGHT, LANE_HEIGHT, hitTest, type ArrangeHit } from "./arrange-layout";
import { clipSpan, dragFade, dragGain, FADE_HANDLE_PX, fadeHandleXs, fadesWithin, type ClipHandle } from "./clip-handles";
import type { ArrangeScene } from "./arrange-painter";
import { ArrangeFramePainter } from "./arrange-frame-painter";
import { changesOrder, dropSlot } from "./track-reorder";

type Drag =
  | { kind: "loop"; anchorBeat: number; startBeat: number; endBeat: number }
  | { kind: "move"; clip: ClipView; grabOffset: number; startX: number; startY: number; moved: boolean; startBeat: number; rowTop: number; trackId: string }
  | { kind: "trim"; clip: ClipView; edge: "start" | "end"; startBeat: number; lengthBeats: number; rowTop: number }
  /** grabOffset: beats from the fade's end to where the handle was grabbed. */
  | { kind: "fade"; clip: ClipView; edge: "fadeIn" | "fadeOut"; grabOffset: number; fadeInBeats: number; fadeOutBeats: number; rowTop: number }
  | { kind: "gain"; clip: ClipView; startY: number; gainDb: number; rowTop: number };

/** The pointer's look over each part of the arrange: what a drag from there would do. */
const cursors: Record<Exclude<ArrangeHit["kind"], "clip"> | Extract<ArrangeHit, { kind: "clip" }>["part"], string> = {
  body: "grab", start: "ew-resize", end: "ew-resize", fadeIn: "ew-resize", fadeOut: "ew-resize", gain: "ns-resize",
  lane: "crosshair", ruler: "default", track: "default", empty: "default",
};

export class ArrangeView {
  readonly element: HTMLElement;
  readonly viewport = new Viewport(0, 24);
  readonly layout = new ArrangeLayout(true);
  scrollY = 0;
  private readonly canvas = h("canvas", { class: "arrange-canvas", "data-testid": "arrange-canvas" });
  private readonly headerRows = h("div", { class: "track-header-rows" });
  private readonly dropLine = h("div", { class: "track-drop-line", "data-testid": "track-drop-line" });
  /** A header being dragged to reorder tracks (it becomes a drag after a few pixels). */
  private headerDrag: { trackId: string; pointerId: number; startY: number; dragging: boolean; beforeTrackId: string | null } | null = null;
  private readonly headers = h("div", { class: "track-headers", "data-testid": "track-headers" }, this.headerRows);
  private readonly ctx: CanvasRenderingContext2D;
  /** Paints frames (whole, or moving the previous pixels on a scroll when frames.reusePixels is on). */
  readonly frames = new ArrangeFramePainter();
  private drag: Drag | null = null;
  /** The pointer the canvas captured for the drag (released when Escape cancels it). */
  private dragPointer: number | null = null;
  private dirty = true;
  private width = 0;
  private height = 0;
  /** Device pixels per CSS pixel the canvas was sized for. */
  private ratio = 1;
  /** Frame callbacks for the benchmark and tests, called after each paint. */
  onPaint: (() => void) | null = null;
  /** Milliseconds the last paint took (the performance harness reads it). */
  lastPaintMs = 0;

  constructor(private readonly state: WorkspaceState, private readonly main: MainConnection) {
    this.ctx = this.canvas.getContext("2d", { alpha: false })!;
    this.element = h("div", { class: "arrange" }, this.headers, h("div", { class: "arrange-canvas-wrap" }, this.canvas));
    state.on("project", () => { this.layout.update(state.project); this.renderHeaders(); this.repaintAll(); });
    state.on("selection", () => this.repaintAll());
    state.on("telemetry", () => this.invalidate());
    this.canvas.addEventListener("wheel", (e) => this.onWheel(e), { passive: false });
    this.canvas.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    this.canvas.addEventListener("pointermove", (e) => this.onPointerMove(e));
    this.canvas.addEventListener("pointerup", (e) => void this.onPointerUp(e));
    this.canvas.addEventListener("dblclick", (e) => void this.onDoubleClick(e));
    window.addEventListener("keydown", (e) => { if (e.key === "Escape" && this.drag) { e.preventDefault(); this.cancelDrag(); } });
    // Plugins from the browser can be dropped on a track's lane as well as on its header.
    this.canvas.addEventListener("dragover", (e) => { if (this.hit(e).kind !== "empty") e.preventDefault(); });
    this.canvas.addEventListener("drop", (e) => {
      const uid = e.dataTransfer?.getData("application/x-loophole-plugin");
      const hit = this.hit(e);
      if (!uid || !("row" in hit)) return;
      e.preventDefault();
      void this.edit({ type: "addPlugin", trackId: hit.row.track.id, uid });
    });
    new ResizeObserver(() => this.resize()).observe(this.canvas.parentElement!);
    const frame = () => {
      if (this.dirty) this.paint();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  /** Paints on the next frame (a scroll, the playhead: what frames.reusePixels can move or patch). */
  invalidate(): void { this.dirty = true; }

  /** Paints the whole view on the next frame (what changed is more than the scroll). */
  repaintAll(): void {
    this.frames.repaintAll();
    this.dirty = true;
  }

  /** Paints at once instead of on the next frame (the performance harness and tests time this). */
  paintNow(): void { this.paint(); }

  gridStep(): number { return gridStepFor(this.viewport.pxPerBeat); }

  scrollBy(dxPixels: number, dyPixels: number): void {
    this.viewport.scrollByPixels(dxPixels);
    const maxY = Math.max(0, this.layout.contentHeight - (this.height - RULER_HEIGHT));
    this.scrollY = Math.min(maxY, Math.max(0, this.scrollY + dyPixels));
    this.placeHeaders();
    this.invalidate();
  }

  zoomAt(x: number, factor: number): void {
    this.viewport.zoomAt(x, factor);
    this.invalidate();
  }

  /** Screen position of a clip's centre (for tests driving the UI with a real mouse). */
  clipCentre(clipId: string): { x: number; y: number } | null {
    const row = this.layout.rows.find((r) => r.track.clips.some((c) => c.id === clipId));
    const clip = row?.track.clips.find((c) => c.id === clipId);
    if (!row || !clip) return null;
    const rect = this.canvas.getBoundingClientRect();
    return {
      x: rect.left + this.viewport.beatToX(clip.startBeat + clip.lengthBeats / 2),
      y: rect.top + RULER_HEIGHT + row.top - this.scrollY + TRACK_HEIGHT / 2,
    };
  }

  /** Screen position of a clip's fade handle (its square's centre) or of the middle of its gain band
   *  (for tests driving the UI with a real mouse); null when the clip is not in the arrange. */
  clipHandlePoint(clipId: string, handle: ClipHandle): { x: number; y: number } | null {
    const row = this.layout.rows.find((r) => r.track.clips.some((c) => c.id === clipId));
    const clip = row?.track.clips.find((c) => c.id === clipId);
    if (!row || !clip) return null;
    const rect = this.canvas.getBoundingClientRect();
    const span = clipSpan(this.viewport, clip.startBeat, clip.lengthBeats);
    const top = rect.top + RULER_HEIGHT + row.top - this.scrollY + CLIP_TOP_INSET;
    if (handle === "gain") return { x: rect.left + (span.left + span.right) / 2, y: top + 2 };
    const xs = fadeHandleXs(clip, span);
    return { x: rect.left + xs[handle] + FADE_HANDLE_PX / 2, y: top + FADE_HANDLE_PX / 2 };
  }

  beatToClientX(beat: number): number {
    return this.canvas.getBoundingClientRect().left + this.viewport.beatToX(beat);
  }

  private resize(): void {
    const wrap = this.canvas.parentElement!;
    const ratio = window.devicePixelRatio || 1;
    this.ratio = ratio;
    this.width = wrap.clientWidth;
    this.height = wrap.clientHeight;
    this.canvas.width = Math.max(1, Math.floor(this.width * ratio));
    this.canvas.height = Math.max(1, Math.floor(this.height * ratio));
    this.canvas.style.width = `${this.width}px`;
    this.canvas.style.height = `${this.height}px`;
    this.ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.frames.repaintAll();
    this.paint();
  }

  private paint(): void {
    const started = performance.now();
    this.dirty = false;
    const scene: ArrangeScene = {
      project: this.state.project, layout: this.layout, viewport: this.viewport, scrollY: this.scrollY,
      width: this.width, height: this.height, selectedClips: this.state.selectedClips,
      playheadBeat: this.state.telemetry.positionBeats,
    };
    const drag = this.drag;
    // A drag draws a ghost clip or a loop range where the pointer is: not something a scroll moves.
    if (drag) this.frames.repaintAll();
    if (drag?.kind === "loop") scene.project = { ...scene.project, loop: { enabled: true, startBeat: drag.startBeat, endBeat: drag.endBeat } };
    if (drag?.kind === "move" && drag.moved) scene.ghost = { clip: drag.clip, rowTop: drag.rowTop, startBeat: drag.startBeat, lengthBeats: drag.clip.lengthBeats };
    if (drag?.kind === "trim") scene.ghost = { clip: { ...drag.clip, ...fadesWithin(drag.clip, drag.lengthBeats, drag.edge) }, rowTop: drag.rowTop, startBeat: drag.startBeat, lengthBeats: drag.lengthBeats };
    if (drag?.kind === "fade") scene.ghost = { clip: { ...drag.clip, fadeInBeats: drag.fadeInBeats, fadeOutBeats: drag.fadeOutBeats }, rowTop: drag.rowTop, startBeat: drag.clip.startBeat, lengthBeats: drag.clip.lengthBeats };
    if (drag?.kind === "gain") scene.ghost = { clip: { ...drag.clip, gainDb: drag.gainDb }, rowTop: drag.rowTop, startBeat: drag.clip.startBeat, lengthBeats: drag.clip.lengthBeats };
    if (this.frames.paint(this.ctx, scene, this.ratio)) this.invalidate();
    this.lastPaintMs = performance.now() - started;
    this.onPaint?.();
  }

  private renderHeaders(): void {
    const rows = this.layout.rows.map((row) => {
      const t = row.track;
      const header = h("div", {
        class: `track-header${this.state.selectedTrack === t.id ? " selected" : ""}`,
        style: `height:${row.height}px`, "data-track-id": t.id, "data-testid": "track-header",
        onclick: () => { this.state.selectedTrack = t.id; this.renderHeaders(); this.state.emit("selection"); },
        onpointerdown: (e: Event) => this.onHeaderPointerDown(e as PointerEvent, t.id),
        onpointermove: (e: Event) => this.onHeaderPointerMove(e as PointerEvent),
        onpointerup: (e: Event) => void this.onHeaderPointerUp(e as PointerEvent),
        onpointercancel: () => this.endHeaderDrag(),
        ondragover: (e: Event) => { (e as DragEvent).preventDefault(); header.classList.add("drop"); },
        ondragleave: () => header.classList.remove("drop"),
        ondrop: (e: Event) => {
          const uid = (e as DragEvent).dataTransfer?.getData("application/x-loophole-plugin");
          header.classList.remove("drop");
          if (uid) void this.edit({ type: "addPlugin", trackId: t.id, uid });
        },
      },
        h("div", {
          class: "track-name", title: "double-click to rename",
          ondblclick: (e: Event) => {
            e.stopPropagation();
            const name = window.prompt("Track name", t.name);
            if (name && name.trim() && name !== t.name) void this.edit({ type: "renameTrack", trackId: t.id, name: name.trim() });
          },
        }, t.name),
        h("div", { class: "track-buttons" },
          h("button", { class: `mute${t.mute ? " on" : ""}`, title: "Mute", onclick: (e: Event) => { e.stopPropagation(); void this.edit({ type: "setTrackMute", trackId: t.id, mute: !t.mute }); } }, "M"),
          h("button", { class: `solo${t.solo ? " on" : ""}`, title: "Solo", onclick: (e: Event) => { e.stopPropagation(); void this.edit({ type: "setTrackSolo", trackId: t.id, solo: !t.solo }); } }, "S"),
          h("button", {
            class: "automation", title: "Show an automation lane (volume, pan or a plugin parameter)", "data-testid": "add-lane",
            onclick: (e: Event) => {
              e.stopPropagation();
              const menu = laneMenu(t, (edit) => void this.edit(edit));
              if (!menu) return;
              (e.currentTarget as HTMLElement).after(menu);
              menu.focus();
            },
          }, "A"),
        ),
        h("div", { class: "track-plugins" }, t.plugins.map((p) => p.name).join(" · ")),
        ...t.automation.map((lane) => h("div", { class: "lane-label", style: `height:${LANE_HEIGHT}px` }, lane.parameter)),
      );
      return header;
    });
    this.headerRows.replaceChildren(...rows, this.dropLine);
    this.placeHeaders();
  }

  private onHeaderPointerDown(e: PointerEvent, trackId: string): void {
    if (e.button !== 0 || (e.target as HTMLElement).closest("button")) return;
    this.headerDrag = { trackId, pointerId: e.pointerId, startY: e.clientY, dragging: false, beforeTrackId: null };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  }

  private onHeaderPointerMove(e: PointerEvent): void {
    const drag = this.headerDrag;
    if (!drag || drag.pointerId !== e.pointerId) return;
    if (!drag.dragging && Math.abs(e.clientY - drag.startY) < 4) return;
    drag.dragging = true;
    // The header rows move with the scroll, so their box's top is content y 0.
    const slot = dropSlot(this.layout.rows, e.clientY - this.headerRows.getBoundingClientRect().top);
    drag.beforeTrackId = slot.beforeTrackId;
    this.dropLine.style.transform = `translateY(${slot.y - 1}px)`;
    this.dropLine.classList.add("shown");
  }

  private async onHeaderPointerUp(e: PointerEvent): Promise<void> {
    const drag = this.headerDrag;
    if (!drag || drag.pointerId !== e.pointerId) return;
    this.endHeaderDrag();
    const order = this.layout.rows.map((r) => r.track.id);
    if (drag.dragging && changesOrder(order, drag.trackId, drag.beforeTrackId)) {
      await this.edit({ type: "moveTrack", trackId: drag.trackId, beforeTrackId: drag.beforeTrackId });
    }
  }

  private endHeaderDrag(): void {
    this.headerDrag = null;
    this.dropLine.classList.remove("shown");
  }

  /** Headers follow the vertical scroll by a compositor transform: no relayout or repaint per frame. */
  private placeHeaders(): void {
    this.headerRows.style.transform = `translateY(${-this.scrollY}px)`;
  }

  private async edit(edit: Edit, gesture?: string): Promise<void> {
    try {
      await this.main.request("project.edit", gesture === undefined ? { edit } : { edit, gesture });
    } catch (error) {
      window.dispatchEvent(new CustomEvent("aura-error", { detail: (error as Error).message }));
    }
  }

  private localXY(e: MouseEvent): [number, number] {
    const rect = this.canvas.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top];
  }

  private hit(e: MouseEvent): ArrangeHit {
    const [x, y] = this.localXY(e);
    return hitTest(this.layout, this.viewport, this.scrollY, x, y);
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const [x] = this.localXY(e);
    if (e.ctrlKey || e.metaKey) this.zoomAt(x, Math.exp(-e.deltaY * 0.002));
    else if (e.shiftKey) this.scrollBy(e.deltaY, 0);
    else this.scrollBy(e.deltaX, e.deltaY);
  }

  private onPointerDown(e: PointerEvent): void {
    const hit = this.hit(e);
    if (hit.kind === "ruler" && e.shiftKey) {
      // Shift-drag on the ruler draws the loop range.
      const anchor = snapBeat(hit.beat, this.gridStep(), this.state.snap);
      this.canvas.setPointerCapture(e.pointerId);
      this.drag = { kind: "loop", anchorBeat: anchor, startBeat: anchor, endBeat: anchor };
      return;
    }
    if (hit.kind === "ruler") {
      void this.main.request("transport.locate", { beat: snapBeat(hit.beat, this.gridStep(), this.state.snap) }).catch(() => {});
      return;
    }
    if (hit.kind === "lane") {
      const lane = hit.row.track.automation[hit.laneIndex];
      if (lane) void this.edit({ type: "setAutomationPoint", trackId: hit.row.track.id, laneId: lane.id, beat: snapBeat(hit.beat, this.gridStep(), this.state.snap), value: hit.value });
      return;
    }
    if (hit.kind !== "clip") {
      if (hit.kind === "track") this.state.selectedTrack = hit.row.track.id;
      this.state.selectedClips.clear();
      this.state.emit("selection");
      return;
    }
    if (e.shiftKey) {
      if (this.state.selectedClips.has(hit.clip.id)) this.state.selectedClips.delete(hit.clip.id);
      else this.state.selectedClips.add(hit.clip.id);
    } else if (!this.state.selectedClips.has(hit.clip.id)) {
      this.state.selectedClips.clear();
      this.state.selectedClips.add(hit.clip.id);
    }
    this.state.selectedTrack = hit.row.track.id;
    this.state.emit("selection");
    this.canvas.setPointerCapture(e.pointerId);
    this.dragPointer = e.pointerId;
    if (hit.part === "fadeIn" || hit.part === "fadeOut") {
      const c = hit.clip;
      const fadeEnd = hit.part === "fadeIn" ? c.startBeat + (c.fadeInBeats ?? 0) : c.startBeat + c.lengthBeats - (c.fadeOutBeats ?? 0);
      this.drag = { kind: "fade", clip: c, edge: hit.part, grabOffset: hit.beat - fadeEnd, fadeInBeats: c.fadeInBeats ?? 0, fadeOutBeats: c.fadeOutBeats ?? 0, rowTop: hit.row.top };
    } else if (hit.part === "gain") {
      this.drag = { kind: "gain", clip: hit.clip, startY: e.clientY, gainDb: hit.clip.gainDb ?? 0, rowTop: hit.row.top };
    } else if (hit.part === "body") {
      this.drag = { kind: "move", clip: hit.clip, grabOffset: hit.beat - hit.clip.startBeat, startX: e.clientX, startY: e.clientY, moved: false, startBeat: hit.clip.startBeat, rowTop: hit.row.top, trackId: hit.row.track.id };
    } else {
      this.drag = { kind: "trim", clip: hit.clip, edge: hit.part, startBeat: hit.clip.startBeat, lengthBeats: hit.clip.lengthBeats, rowTop: hit.row.top };
    }
  }

  private onPointerMove(e: PointerEvent): void {
    const drag = this.drag;
    if (!drag) {
      const hit = this.hit(e);
      this.canvas.style.cursor = cursors[hit.kind === "clip" ? hit.part : hit.kind];
      return;
    }
    if (drag.kind === "gain") {
      drag.gainDb = dragGain(drag.clip.gainDb ?? 0, e.clientY - drag.startY);
      this.invalidate();
      return;
    }
    const [x, y] = this.localXY(e);
    const beat = this.viewport.xToBeat(x);
    const step = this.gridStep();
    if (drag.kind === "loop") {
      const b = Math.max(0, snapBeat(beat, step, this.state.snap));
      drag.startBeat = Math.min(drag.anchorBeat, b);
      drag.endBeat = Math.max(drag.anchorBeat, b);
      this.invalidate();
      return;
    }
    if (drag.kind === "fade") {
      Object.assign(drag, dragFade(drag.clip, drag.edge, beat, drag.grabOffset, step, this.state.snap && !e.altKey));
    } else if (drag.kind === "move") {
      if (!drag.moved && Math.hypot(e.clientX - drag.startX, e.clientY - drag.startY) < 3) return;
      drag.moved = true;
      drag.startBeat = snapClipStart(beat - drag.grabOffset, step, this.state.snap && !e.altKey);
      const row = this.layout.rowAt(y - RULER_HEIGHT + this.scrollY);
      if (row) { drag.rowTop = row.top; drag.trackId = row.track.id; }
    } else {
      const end = drag.clip.startBeat + drag.clip.lengthBeats;
      const snapped = snapBeat(beat, step, this.state.snap && !e.altKey);
      if (drag.edge === "start") {
        drag.startBeat = Math.max(0, Math.min(snapped, end - step));
        drag.lengthBeats = end - drag.startBeat;
      } else {
        drag.lengthBeats = Math.max(step, snapped - drag.clip.startBeat);
      }
    }
    this.invalidate();
  }

  /** Drops the drag in progress without an edit (Escape). */
  private cancelDrag(): void {
    if (this.dragPointer !== null && this.canvas.hasPointerCapture(this.dragPointer)) this.canvas.releasePointerCapture(this.dragPointer);
    this.drag = null;
    this.dragPointer = null;
    this.repaintAll();
  }

  private async onPointerUp(e: PointerEvent): Promise<void> {
    const drag = this.drag;
    this.drag = null;
    this.dragPointer = null;
    if (this.canvas.hasPointerCapture(e.pointerId)) this.canvas.releasePointerCapture(e.pointerId);
    if (!drag) return;
    this.repaintAll();
    if (drag.kind === "loop") {
      if (drag.endBeat > drag.startBeat) await this.edit({ type: "setLoop", enabled: true, startBeat: drag.startBeat, endBeat: drag.endBeat });
      return;
    }
    if (drag.kind === "move" && drag.moved) {
      await this.edit({ type: "moveClip", clipId: drag.clip.id, trackId: drag.trackId, startBeat: drag.startBeat });
    } else if (drag.kind === "trim" && (drag.startBeat !== drag.clip.startBeat || drag.lengthBeats !== drag.clip.lengthBeats)) {
      // Fades that no longer fit shrink first (Pulse refuses a clip shorter than its fades), in
      // the same undo step as the trim: one gesture id for both edits.
      const fades = fadesWithin(drag.clip, drag.lengthBeats, drag.edge);
      const shrinks = drag.clip.kind === "audio" && (fades.fadeInBeats !== (drag.clip.fadeInBeats ?? 0) || fades.fadeOutBeats !== (drag.clip.fadeOutBeats ?? 0));
      const gesture = shrinks ? `trim-${drag.clip.id}-${performance.now()}` : undefined;
      if (shrinks) await this.edit({ type: "setClipFades", clipId: drag.clip.id, ...fades }, gesture);
      await this.edit({ type: "trimClip", clipId: drag.clip.id, startBeat: drag.startBeat, lengthBeats: drag.lengthBeats }, gesture);
    } else if (drag.kind === "fade" && (drag.fadeInBeats !== (drag.clip.fadeInBeats ?? 0) || drag.fadeOutBeats !== (drag.clip.fadeOutBeats ?? 0))) {
      await this.edit({ type: "setClipFades", clipId: drag.clip.id, fadeInBeats: drag.fadeInBeats, fadeOutBeats: drag.fadeOutBeats });
    } else if (drag.kind === "gain" && drag.gainDb !== (drag.clip.gainDb ?? 0)) {
      await this.edit({ type: "setClipGain", clipId: drag.clip.id, gainDb: drag.gainDb });
    }
  }

  private async onDoubleClick(e: MouseEvent): Promise<void> {
    const hit = this.hit(e);
    if (hit.kind !== "track") return;
    const bar = this.state.project.beatsPerBar;
    const kind = hit.row.track.kind === "audio" ? "audio" : "midi";
    if (kind === "audio") return; // audio clips come from files (import), not from a double-click
    await this.edit({ type: "addClip", trackId: hit.row.track.id, kind, startBeat: Math.floor(hit.beat / bar) * bar, lengthBeats: bar });
  }
}
