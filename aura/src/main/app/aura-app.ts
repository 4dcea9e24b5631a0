// Wires the pieces of the main process together: renderer requests become Pulse edits or engine
// commands, Pulse changes reach the engine as graph diffs and the renderer as views, and engine
// telemetry reaches the renderer.
import { ipc } from "@loophole/contract";
import type { EngineStatus, Events, Requests } from "../../channels";
import type { RequestHandlers } from "../server/aura-server";
import type { EngineClient, EngineInfo } from "../engine/engine-client";
import { engineCommands } from "../engine/engine-commands";
import { EngineSync } from "../engine/engine-sync";
import type { MixExport } from "../export/mix-export";
import type { ProjectPort } from "../project/project-port";
import { LayoutStore } from "./layout-store";
import { telemetryView } from "./telemetry-view";
import { TransportMemory } from "./transport-memory";
import { isValueMove, valueMoveWriter, type ValueMove } from "./value-moves";
import { WriteQueue, type BatchWrite } from "./write-queue";

export interface AppOutput {
  broadcast: <E extends keyof Events>(channel: E, payload: Events[E]) => void;
}

export class AuraApp {
  readonly transport = new TransportMemory();
  private engine: EngineClient | null = null;
  /** Follows Pulse's commits into the engine (diffs, batched parameter changes, the loop). */
  readonly engineSync: EngineSync;
  private scanned = false;
  /** A drag commits thousands of times a second: the renderer gets one view per tick. */
  private viewScheduled = false;
  private readonly writes = new WriteQueue();
  private readonly writeValueMoves: BatchWrite<ValueMove>;
  private output: AppOutput = { broadcast: () => {} };
  private engineStatus: EngineStatus = { state: "stopped", message: "engine not started", restarts: 0 };

  constructor(private readonly project: ProjectPort, private readonly layout: LayoutStore, private readonly mixExport: MixExport) {
    this.engineSync = new EngineSync(project, () => this.scheduleView());
    this.writeValueMoves = valueMoveWriter(project, this.engineSync);
    project.subscribe(() => {
      this.scheduleView();
      void this.syncEngine();
    });
  }

  private scheduleView(): void {
    if (this.viewScheduled) return;
    this.viewScheduled = true;
    setImmediate(() => {
      this.viewScheduled = false;
      this.output.broadcast("project.changed", this.project.view());
    });
  }

  /** Told where the project was saved (a "save as" moves the session to that file). */
  onSaved: (path: string) => void = () => {};

  connectOutput(output: AppOutput): void { this.output = output; }

  /** Bring a fresh engine to the session's state: full graph, loop, telemetry, transport. */
  async restore(client: EngineClient, info: EngineInfo): Promise<void> {
    this.engine = null;
    this.engineSync.detach();
    if (info.sampleRate !== 0 && info.sampleRate !== this.project.sampleRate) {
      // Pulse resolves positions for one rate; playing them at another shifts every position.
      this.output.broadcast("progress", { task: "engine", done: 1, detail: `engine runs at ${info.sampleRate} Hz but the project is resolved for ${this.project.sampleRate} Hz` });
    }
    await this.engineSync.attach(client);
    if (this.transport.playing) await engineCommands.play(client, this.transport.position);
    else if (this.transport.position > 0n) await engineCommands.locate(client, this.transport.position);
    client.on("telemetry", (t) => {
      if (t.transport) this.transport.observe(t.transport.playing, t.transport.position);
      this.output.broadcast("telemetry", telemetryView(t, (s) => this.project.sampleToBeat(s)));
    });
    client.on("event", (frame) => this.relayEvent(frame));
    await engineCommands.subscribe(client, 60);
    this.engine = client;
    if (!this.scanned) {
      this.scanned = true;
      void this.scanPlugins(client);
    }
  }

  /** Asks Signal for its plugin catalogue (cached by Signal, so fast after the first run). */
  async scanPlugins(client: EngineClient): Promise<void> {
    try {
      const reply = await engineCommands.scanPlugins(client);
      if (reply.bodyType !== ipc.Body.PluginCatalogue) return;
      this.project.setScannedPlugins(reply.body as ipc.PluginCatalogueT);
      this.output.broadcast("catalogue.changed", this.project.catalogue());
    } catch (error) {
      this.scanned = false;
      this.output.broadcast("progress", { task: "scan", done: 1, detail: `plugin scan failed: ${(error as Error).message}` });
    }
  }

  setEngineStatus(status: EngineStatus): void {
    this.engineStatus = status;
    if (status.state !== "running") { this.engine = null; this.engineSync.detach(); }
    this.output.broadcast("engine.status", status);
  }

  get status(): EngineStatus { return this.engineStatus; }

  /** Sends Pulse's changes to the engine in commit order; resolves when the engine has answered. */
  syncEngine(): Promise<void> {
    return this.engineSync.sync();
  }

  handlers(): RequestHandlers {
    const project = this.project;
    const needEngine = () => {
      if (!this.engine) throw new Error(`engine is not running (${this.engineStatus.message})`);
      return this.engine;
    };
    // Pulse journals (fsync) each edit inside edit/undo/redo, so an edit is on disk before it is
    // acknowledged; the engine is synced outside the write queue so a slow engine never holds up edits.
    const afterEdit = async () => { await this.syncEngine(); return { revision: project.revision }; };
    return {
      "session.get": () => ({ project: project.view(), engine: this.engineStatus, ...(project.recovery ? { recovery: project.recovery } : {}) }),
      "project.edit": async ({ edit, gesture }) => {
        if (isValueMove(edit, gesture)) await this.writes.batch({ edit, gesture: gesture! }, this.writeValueMoves);
        else await this.writes.run(() => project.edit(edit, gesture));
        return afterEdit();
      },
      "project.undo": async () => { await this.writes.run(() => project.undo()); return afterEdit(); },
      "project.redo": async () => { await this.writes.run(() => project.redo()); return afterEdit(); },
      "project.save": async ({ path }) => {
        const saved = await this.writes.run(() => project.save(path));
        this.onSaved(saved);
        return { path: saved };
      },
      "project.export": (params) => this.mixExport.run(needEngine(), params),
      "transport.play": async ({ fromBeat }: Requests["transport.play"]["params"]) => {
        const from = fromBeat === undefined ? -1n : project.beatToSample(fromBeat);
        await engineCommands.play(needEngine(), from);
        this.transport.observe(true, from >= 0n ? from : this.transport.position);
        return {};
      },
      "transport.stop": async () => {
        await engineCommands.stop(needEngine());
        this.transport.observe(false, this.transport.position);
        return {};
      },
      "transport.locate": async ({ beat }) => {
        const sample = project.beatToSample(beat);
        await engineCommands.locate(needEngine(), sample);
        this.transport.observe(this.transport.playing, sample);
        return {};
      },
      "plugins.catalogue": () => project.catalogue(),
      "plugins.setFavourite": async ({ uid, favourite }) => {
        await project.setFavourite(uid, favourite);
        const view = project.catalogue();
        this.output.broadcast("catalogue.changed", view);
        return view;
      },
      "plugins.organise": async ({ change }) => {
        await project.organiseCatalogue(change);
        const view = project.catalogue();
        this.output.broadcast("catalogue.changed", view);
        return view;
      },
      "plugins.openEditor": async ({ trackId, pluginId }) => {
        await engineCommands.openEditor(needEngine(), project.processorId(trackId, pluginId));
        return {};
      },
      "plugins.reload": async ({ trackId, pluginId }) => {
        await engineCommands.reloadPlugin(needEngine(), project.processorId(trackId, pluginId));
        return {};
      },
      "layout.get": async () => ({ layout: await this.layout.load() }),
      "layout.save": async ({ layout }) => { await this.layout.save(layout); return {}; },
    };
  }

  /** Plugin faults the engine reported, newest last, for the status bar (telemetry carries only codes). */
  readonly faults: { processor: number; status: string; reason: string }[] = [];

  private relayEvent(frame: ipc.FrameT): void {
    if (frame.bodyType === ipc.Body.PluginFault) {
      const f = frame.body as ipc.PluginFaultT;
      this.faults.push({ processor: f.processor, status: ipc.PluginStatusCode[f.status] ?? "Unknown", reason: String(f.reason ?? "") });
      if (this.faults.length > 50) this.faults.shift();
      this.output.broadcast("plugin.fault", this.faults[this.faults.length - 1]!);
    }
    if (frame.bodyType === ipc.Body.PluginCatalogue) {
      this.project.setScannedPlugins(frame.body as ipc.PluginCatalogueT);
      this.output.broadcast("catalogue.changed", this.project.catalogue());
    }
    if (frame.bodyType === ipc.Body.Progress) {
      const p = frame.body as ipc.ProgressT;
      this.output.broadcast("progress", { task: String(p.task ?? ""), done: p.done, detail: String(p.detail ?? "") });
    }
  }
}
