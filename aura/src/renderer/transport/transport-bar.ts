// Play/stop, loop, tempo, position, snap and add-track controls along the top of the workspace.
import type { MainConnection } from "../connection/main-connection";
import { h } from "../dom/element";
import { formatBarsBeats } from "../timeline/viewport";
import { tempoAfterDrag, tempoAfterWheel } from "./tempo-drag";
import type { WorkspaceState } from "../workspace-state";

export class TransportBar {
  readonly element: HTMLElement;
  private readonly play = h("button", { class: "play", title: "Play/Stop (Space)", "data-testid": "play" }, "▶");
  private readonly position = h("span", { class: "position", "data-testid": "position" }, "1.1.000");
  private readonly tempo = h("input", { class: "tempo", type: "number", min: 10, max: 999, step: 0.01, title: "Tempo (BPM)", "data-testid": "tempo" });
  private readonly loop = h("button", { class: "loop", title: "Loop", "data-testid": "loop" }, "⟲");
  private readonly snap = h("button", { class: "snap on", title: "Snap to grid (N)" }, "Snap");
  private readonly tempoHandle = h("span", { class: "tempo-handle", title: "Drag up or down to change the tempo (Shift: fine); wheel steps it", "data-testid": "tempo-drag" }, "BPM");
  /** A tempo drag in progress: shown in the field, sent to Pulse once on release (one undo step). */
  private tempoDrag: { pointerId: number; startY: number; startBpm: number; bpm: number } | null = null;

  /** `exportButton`: "Export…", owned by the workspace because it reports to the status bar. */
  constructor(private readonly state: WorkspaceState, private readonly main: MainConnection, report: (e: Error) => void, exportButton: HTMLElement) {
    this.play.addEventListener("click", () => void this.togglePlay().catch(report));
    this.loop.addEventListener("click", () => {
      const l = state.project.loop;
      void main.request("project.edit", { edit: { type: "setLoop", enabled: !l.enabled, startBeat: l.startBeat, endBeat: l.endBeat } }).catch(report);
    });
    this.tempo.addEventListener("change", () => void this.setTempo(Number(this.tempo.value)).catch(report));
    this.installTempoDrag(report);
    this.snap.addEventListener("click", () => { state.snap = !state.snap; this.snap.classList.toggle("on", state.snap); });
    const addTrack = (kind: "audio" | "instrument" | "bus") => void main.request("project.edit", { edit: { type: "addTrack", kind } }).catch(report);
    this.element = h("div", { class: "transport" },
      h("button", { class: "stop", title: "Stop", onclick: () => void main.request("transport.stop", {}).catch(report) }, "■"),
      this.play, this.loop, this.position,
      // Not a <label>: a click on the handle would focus the field, and keys typed there (Ctrl+Z) stay in it.
      h("span", { class: "tempo-control" }, this.tempoHandle, this.tempo),
      this.snap,
      h("span", { class: "spacer" }),
      h("button", { "data-testid": "add-audio-track", onclick: () => addTrack("audio") }, "+ Audio"),
      h("button", { "data-testid": "add-instrument-track", onclick: () => addTrack("instrument") }, "+ Instrument"),
      h("button", { "data-testid": "add-bus", onclick: () => addTrack("bus") }, "+ Bus"),
      h("button", { "data-testid": "import-audio", title: "Import a WAV file onto the selected audio track at the playhead", onclick: () => void this.importAudio().catch(report) }, "Import audio…"),
      exportButton,
    );
    state.on("telemetry", () => this.update());
    state.on("project", () => this.update());
  }

  /** Asks for a file path (a browser page cannot see paths of dropped files) and adds it as a clip. */
  async importAudio(path = window.prompt("Path of a WAV file to import")): Promise<void> {
    if (!path) return;
    const { project, selectedTrack, telemetry } = this.state;
    const track = project.tracks.find((t) => t.id === selectedTrack && t.kind === "audio") ?? project.tracks.find((t) => t.kind === "audio");
    if (!track) throw new Error("add an audio track first");
    const bar = project.beatsPerBar;
    const startBeat = Math.floor(telemetry.positionBeats / bar) * bar;
    await this.main.request("project.edit", { edit: { type: "addClip", trackId: track.id, kind: "audio", startBeat, lengthBeats: 0, file: path.trim() } });
  }

  private async setTempo(bpm: number): Promise<void> {
    if (!Number.isFinite(bpm) || bpm === this.state.project.tempoBpm) { this.update(); return; }
    await this.main.request("project.edit", { edit: { type: "setTempo", bpm } });
  }

  private installTempoDrag(report: (e: Error) => void): void {
    const handle = this.tempoHandle;
    handle.addEventListener("pointerdown", (e) => {
      e.preventDefault();
      handle.setPointerCapture(e.pointerId);
      const bpm = this.state.project.tempoBpm;
      this.tempoDrag = { pointerId: e.pointerId, startY: e.clientY, startBpm: bpm, bpm };
    });
    handle.addEventListener("pointermove", (e) => {
      const drag = this.tempoDrag;
      if (!drag || drag.pointerId !== e.pointerId) return;
      drag.bpm = tempoAfterDrag(drag.startBpm, e.clientY - drag.startY, e.shiftKey);
      this.tempo.value = String(drag.bpm);
    });
    const finish = (e: PointerEvent) => {
      const drag = this.tempoDrag;
      if (!drag || drag.pointerId !== e.pointerId) return;
      this.tempoDrag = null;
      if (handle.hasPointerCapture(e.pointerId)) handle.releasePointerCapture(e.pointerId);
      void this.setTempo(drag.bpm).catch(report);
    };
    handle.addEventListener("pointerup", finish);
    handle.addEventListener("pointercancel", finish);
    handle.addEventListener("wheel", (e) => {
      e.preventDefault();
      // Chromium turns Shift+wheel into a horizontal scroll on some systems: either axis steps the tempo.
      void this.setTempo(tempoAfterWheel(this.state.project.tempoBpm, e.deltaY !== 0 ? e.deltaY : e.deltaX, e.shiftKey)).catch(report);
    }, { passive: false });
  }

  async togglePlay(): Promise<void> {
    if (this.state.telemetry.playing) await this.main.request("transport.stop", {});
    else await this.main.request("transport.play", {});
  }

  private update(): void {
    const { telemetry, project } = this.state;
    this.play.classList.toggle("on", telemetry.playing);
    this.loop.classList.toggle("on", project.loop.enabled);
    this.position.textContent = formatBarsBeats(telemetry.positionBeats, project.beatsPerBar);
    if (document.activeElement !== this.tempo && !this.tempoDrag) this.tempo.value = String(project.tempoBpm);
  }
}
