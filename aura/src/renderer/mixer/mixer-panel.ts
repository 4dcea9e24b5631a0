// The mixer: one strip per track (and the master), with fader, pan, mute/solo, sends, plugin slots
// and a live meter. Every control sends a Pulse edit; the strip redraws from the next project view.
// Faders, pan and send levels stream while they are dragged (one gesture, one undo step), and the
// strips are not rebuilt under the pointer until the drag ends.
import type { Edit, TrackView } from "../../channels";
import type { MainConnection } from "../connection/main-connection";
import { h } from "../dom/element";
import type { WorkspaceState } from "../workspace-state";
import { pickList } from "../dom/pick-list";
import { MeterBank } from "./meter-bank";
import { dbToFader, faderToDb } from "./meter-scale";
import { slotChoices, type SlotAction } from "./plugin-slot-menu";

export class MixerPanel {
  readonly element = h("div", { class: "mixer", "data-testid": "mixer" });
  readonly meters = new MeterBank();
  /** The gesture id of the control being dragged, if any. */
  private gesture: string | null = null;
  private gestures = 0;
  private renderWhenDragEnds = false;
  /** The plugin faults the strips show, so telemetry redraws them only when those change. */
  private shownFaults = "";

  constructor(private readonly state: WorkspaceState, private readonly main: MainConnection) {
    state.on("project", () => this.render());
    state.on("telemetry", () => {
      this.meters.update(state.telemetry.meters);
      if (faultKey(state.telemetry.faults) !== this.shownFaults) this.render();
    });
    this.meters.start();
  }

  render(): void {
    if (this.gesture) { this.renderWhenDragEnds = true; return; }
    this.shownFaults = faultKey(this.state.telemetry.faults);
    const tracks = [...this.state.project.tracks.filter((t) => t.kind !== "master"), ...this.state.project.tracks.filter((t) => t.kind === "master")];
    const meterCanvases: { canvas: HTMLCanvasElement; engineId: number }[] = [];
    this.element.replaceChildren(...tracks.map((t) => this.strip(t, meterCanvases)));
    this.meters.setMeters(meterCanvases);
  }

  private strip(t: TrackView, meters: { canvas: HTMLCanvasElement; engineId: number }[]): HTMLElement {
    const meter = h("canvas", { class: "meter", width: 14, height: 120, "data-testid": "meter", "data-engine-id": t.engineId });
    meters.push({ canvas: meter, engineId: t.engineId });
    const fader = h("input", { type: "range", class: "fader", min: 0, max: 1, step: 0.001, value: dbToFader(t.gainDb), title: `${t.gainDb.toFixed(1)} dB`, "data-testid": "fader" });
    const gainLabel = h("div", { class: "strip-gain" }, `${t.gainDb.toFixed(1)} dB`);
    this.streamValue(fader, () => {
      const gainDb = Math.round(faderToDb(Number(fader.value)) * 10) / 10;
      gainLabel.textContent = `${gainDb.toFixed(1)} dB`;
      return { type: "setTrackGain", trackId: t.id, gainDb };
    });
    const pan = h("input", { type: "range", class: "pan", min: -1, max: 1, step: 0.01, value: t.pan, title: `pan ${t.pan.toFixed(2)}` });
    this.streamValue(pan, () => ({ type: "setTrackPan", trackId: t.id, pan: Number(pan.value) }));
    const slots = h("div", { class: "plugin-slots", "data-testid": "plugin-slots" },
      ...t.plugins.flatMap((p) => {
        const fault = this.state.telemetry.faults.find((f) => f.processor === p.engineId)?.status;
        const slot = h("button", {
          class: `plugin-slot${p.bypass ? " bypassed" : ""}${fault ? " faulted" : ""}`, "data-testid": "plugin-slot",
          title: `${p.name}${fault ? ` — ${fault}` : ""} — double-click: editor, Alt+click: bypass, right-click: menu (where it runs, remove)`,
          ondblclick: () => void this.main.request("plugins.openEditor", { trackId: t.id, pluginId: p.id }).catch((e: Error) => this.report(e)),
          onclick: (e: Event) => { if ((e as MouseEvent).altKey) void this.edit({ type: "setPluginBypass", trackId: t.id, pluginId: p.id, bypass: !p.bypass }); },
          oncontextmenu: (e: Event) => {
            e.preventDefault();
            const menu = pickList(p.name, slotChoices(t, p), (action) => this.act(t.id, p.id, action), "plugin-menu");
            (e.currentTarget as HTMLElement).after(menu);
            menu.focus();
          },
        }, fault ? `⚠ ${p.name}` : p.name);
        // A crashed, hung or unloadable plugin can be restarted (a sandboxed one in a new host
        // process, with its last known state); muted bad output recovers by itself.
        if (fault !== "Crashed" && fault !== "Hung" && fault !== "Failed") return [slot];
        return [slot, h("button", {
          class: "plugin-reload", "data-testid": "plugin-reload", title: `restart ${p.name} (${fault})`,
          onclick: () => void this.main.request("plugins.reload", { trackId: t.id, pluginId: p.id }).catch((e: Error) => this.report(e)),
        }, `⟳ restart ${p.name}`)];
      }),
      h("div", { class: "plugin-slot empty" }, "+"));
    const strip = h("div", { class: `strip${t.kind === "master" ? " master" : ""}`, "data-track-id": t.id, "data-testid": "strip" },
      h("div", { class: "strip-name", title: t.name }, t.name),
      slots,
      this.sends(t),
      pan,
      h("div", { class: "strip-buttons" },
        h("button", { class: `mute${t.mute ? " on" : ""}`, onclick: () => void this.edit({ type: "setTrackMute", trackId: t.id, mute: !t.mute }) }, "M"),
        t.kind === "master" ? null : h("button", { class: `solo${t.solo ? " on" : ""}`, onclick: () => void this.edit({ type: "setTrackSolo", trackId: t.id, solo: !t.solo }) }, "S")),
      h("div", { class: "fader-meter" }, fader, meter),
      gainLabel,
    );
    strip.addEventListener("dragover", (e) => e.preventDefault());
    strip.addEventListener("drop", (e) => {
      const uid = e.dataTransfer?.getData("application/x-loophole-plugin");
      if (uid) void this.edit({ type: "addPlugin", trackId: t.id, uid });
    });
    return strip;
  }

  /** Sends: a level slider per send (right-click removes it) and a menu adding one to a bus. */
  private sends(t: TrackView): HTMLElement {
    const rows = t.sends.map((s) => {
      const level = h("input", { type: "range", class: "send-level", min: -60, max: 12, step: 0.5, value: s.gainDb, title: `${s.gainDb.toFixed(1)} dB`, "data-testid": "send-level" });
      this.streamValue(level, () => ({ type: "setSendGain", trackId: t.id, sendId: s.id, gainDb: Number(level.value) }));
      const row = h("div", { class: "send", title: "right-click removes the send" }, `→ ${this.trackName(s.target)}`, level);
      row.addEventListener("contextmenu", (e) => { e.preventDefault(); void this.edit({ type: "removeSend", trackId: t.id, sendId: s.id }); });
      return row;
    });
    const targets = this.state.project.tracks.filter((b) => b.kind === "bus" && b.id !== t.id && !t.sends.some((s) => s.target === b.id));
    if (t.kind === "master" || targets.length === 0) return h("div", { class: "sends" }, ...rows);
    const add = h("select", { class: "add-send", "data-testid": "add-send" }, h("option", { value: "" }, "+ send"), ...targets.map((b) => h("option", { value: b.id }, b.name)));
    add.addEventListener("change", () => { if (add.value) void this.edit({ type: "addSend", trackId: t.id, target: add.value, gainDb: -6 }); });
    return h("div", { class: "sends" }, ...rows, add);
  }

  private act(trackId: string, pluginId: string, action: SlotAction): void {
    if (action.kind === "edit") void this.edit(action.edit);
    else void this.main.request("plugins.openEditor", { trackId, pluginId }).catch((e: Error) => this.report(e));
  }

  private trackName(id: string): string {
    return this.state.project.tracks.find((t) => t.id === id)?.name ?? id;
  }

  /** A slider sends its value while the pointer drags it, every move under one gesture id, and
   *  once more on release; moved by keyboard it sends each step as its own edit. */
  private streamValue(input: HTMLInputElement, editOf: () => Edit): void {
    input.addEventListener("pointerdown", () => {
      this.gesture = `mixer-drag-${++this.gestures}`;
      // Released without a change event (no movement): the gesture still ends.
      window.addEventListener("pointerup", () => setTimeout(() => this.endGesture(), 0), { once: true });
    });
    input.addEventListener("input", () => { if (this.gesture) void this.edit(editOf(), this.gesture); });
    input.addEventListener("change", () => {
      void this.edit(editOf(), this.gesture ?? undefined);
      this.endGesture();
    });
  }

  private endGesture(): void {
    if (!this.gesture) return;
    this.gesture = null;
    if (this.renderWhenDragEnds) { this.renderWhenDragEnds = false; this.render(); }
  }

  private async edit(edit: Edit, gesture?: string): Promise<void> {
    await this.main.request("project.edit", { edit, ...(gesture ? { gesture } : {}) }).catch((e: Error) => this.report(e));
  }

  private report(error: Error): void {
    window.dispatchEvent(new CustomEvent("aura-error", { detail: error.message }));
  }
}

function faultKey(faults: readonly { processor: number; status: string }[]): string {
  return faults.map((f) => `${f.processor}:${f.status}`).join(",");
}
