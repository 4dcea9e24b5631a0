// The status line: engine connection and restarts, DSP load, xruns, plugin faults, scan/render
// progress and the last error, so nothing fails silently.
import { h } from "../dom/element";
import type { RecoveryNotice } from "../../channels";
import type { WorkspaceState } from "../workspace-state";

export class StatusBar {
  readonly element = h("div", { class: "status", "data-testid": "status" });
  private readonly engine = h("span", { class: "engine", "data-testid": "engine-status" });
  private readonly load = h("span", { class: "dsp", "data-testid": "dsp-load" });
  private readonly xruns = h("span", { class: "xruns" });
  private readonly faults = h("span", { class: "faults" });
  private readonly progress = h("span", { class: "progress" });
  private readonly error = h("span", { class: "error", "data-testid": "last-error" });
  /** Stays for the whole session: the user should know the project came back from a crash. */
  private readonly recovery = h("span", { class: "recovery", "data-testid": "recovery-notice" });
  /** Clips whose audio is not read (gone, or outside the project and media folders), with why. */
  private readonly missingMedia = h("span", { class: "missing-media", "data-testid": "missing-media" });
  /** The running export's progress, then where it wrote the file or why it failed; stays until the next one. */
  private readonly exportStatus = h("span", { class: "export-status", "data-testid": "export-status" });

  constructor(private readonly state: WorkspaceState) {
    this.element.append(this.recovery, this.missingMedia, this.exportStatus, this.engine, this.load, this.xruns, this.faults, this.progress, this.error);
    state.on("engine", () => this.update());
    state.on("project", () => this.showMissingMedia(state.project.missingMedia));
    state.on("telemetry", () => this.update());
    window.addEventListener("aura-error", (e) => {
      this.error.textContent = `⚠ ${(e as CustomEvent<string>).detail}`;
      setTimeout(() => { this.error.textContent = ""; }, 8000);
    });
    this.update();
  }

  showProgress(task: string, done: number, detail: string): void {
    // The app's renders are its exports: their progress belongs with the export's outcome.
    if (task === "render") {
      if (this.exportStatus.dataset.state === "running") this.exportStatus.textContent = `Exporting… ${Math.round(Math.min(done, 1) * 100)}%`;
      return;
    }
    this.progress.textContent = done >= 1 ? detail : `${task} ${Math.round(done * 100)}% ${detail}`;
  }

  showExportStarted(): void { this.setExport("running", "Exporting… 0%", ""); }

  showExported(path: string, seconds: number, renderSeconds: number): void {
    this.setExport("done", `Exported ${path}`, `${path}: ${seconds.toFixed(1)} s of audio rendered in ${renderSeconds.toFixed(1)} s`);
    this.exportStatus.dataset.path = path;
  }

  showExportFailed(reason: string): void { this.setExport("failed", `⚠ ${reason}`, reason); }

  showExportBusy(): void {
    window.dispatchEvent(new CustomEvent("aura-error", { detail: "an export is already running" }));
  }

  private setExport(state: "running" | "done" | "failed", text: string, title: string): void {
    this.exportStatus.dataset.state = state;
    delete this.exportStatus.dataset.path;
    this.exportStatus.textContent = text;
    this.exportStatus.title = title;
  }

  showRecovery(notice: RecoveryNotice | undefined): void {
    this.recovery.textContent = notice ? `↺ ${notice.message}` : "";
    this.recovery.title = notice ? `${notice.message} (${notice.path})` : "";
    if (notice) this.recovery.dataset.source = notice.source;
  }

  private showMissingMedia(missing: string[]): void {
    this.missingMedia.textContent = missing.length ? `⚠ ${missing.length} audio file${missing.length === 1 ? "" : "s"} not read` : "";
    this.missingMedia.title = missing.join("\n");
  }

  showFault(fault: { processor: number; status: string; reason: string }): void {
    const plugin = this.state.project.tracks.flatMap((t) => t.plugins).find((p) => p.engineId === fault.processor);
    this.error.textContent = `⚠ ${plugin?.name ?? `plugin ${fault.processor}`}: ${fault.status}${fault.reason ? ` (${fault.reason})` : ""}`;
  }

  private update(): void {
    const { engine, telemetry, connected } = this.state;
    this.engine.textContent = connected ? `Engine: ${engine.state}${engine.restarts ? ` (${engine.restarts} restarts)` : ""} — ${engine.message}` : "Main process: disconnected";
    this.engine.dataset.state = connected ? engine.state : "disconnected";
    this.load.textContent = `DSP ${(telemetry.dspLoad * 100).toFixed(0)}%`;
    this.xruns.textContent = `xruns ${telemetry.xruns}${telemetry.lateBlocks ? ` (engine late ${telemetry.lateBlocks})` : ""}`;
    this.xruns.title = "xruns the audio device reported; in brackets, the blocks the engine itself finished late";
    this.faults.textContent = telemetry.faults.length ? `⚠ ${telemetry.faults.length} plugin fault(s): ${telemetry.faults.map((f) => f.status).join(", ")}` : "";
  }
}
