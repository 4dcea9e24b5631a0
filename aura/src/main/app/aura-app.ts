// Wires the pieces of the main process together: renderer requests become Pulse edits or engine
// commands, Pulse changes reach the engine as graph diffs and the renderer as views, and engine
// telemetry reaches the renderer.
import { ipc } from "@loophole/contract";
import type { EngineStatus, Events, Requests } from "../../channels";
import type { RequestHandlers } from "../server/aura-server";
import type { EngineClient, EngineInfo } from "../engine/engine-client";
import { engineCommands } from "../engine/engine-commands";
import type { ProjectPort } from "../project/project-port";
import { LayoutStore } from "./layout-store";
import { telemetryView } from "./telemetry-view";
import { TransportMemory } from "./transport-memory";

export interface AppOutput {
  broadcast: <E extends keyof Events>(channel: E, payload: Events[E]) => void;
}

export class AuraApp {
  readonly transport = new TransportMemory();
  private engine: EngineClient | null = null;
  private engineRevision = -1;
  /** The loop as last sent to the engine (in samples), to send SetLoop only when it changes. */
  private engineLoop = "";
  private scanned = false;
  private sync: Promise<void> = Promise.resolve();
  private output: AppOutput = { broadcast: () => {} };
  private engineStatus: EngineStatus = { state: "stopped", message: "engine not started", restarts: 0 };

  constructor(private readonly project: ProjectPort, private readonly layout: LayoutStore) {
    project.subscribe(() => {
      this.output.broadcast("project.changed", project.view());
      this.syncEngine();
    });
  }

  connectOutput(output: AppOutput): void { this.output = output; }

  /** Bring a fresh engine to the session's state: full graph, loop, telemetry, transport. */
  async restore(client: EngineClient, info: EngineInfo): Promise<void> {
    this.engine = null;
    if (info.sampleRate !== 0 && info.sampleRate !== this.project.sampleRate) {
      // Pulse resolves positions for one rate; playing them at another shifts every position.
      this.output.broadcast("progress", { task: "engine", done: 1, detail: `engine runs at ${info.sampleRate} Hz but the project is resolved for ${this.project.sampleRate} Hz` });
    }
    const snapshot = this.project.engineSnapshot();
    await engineCommands.loadGraph(client, snapshot);
    this.engineRevision = Number(snapshot.revision);
    this.engineLoop = "";
    await this.sendLoop(client);
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
    if (status.state !== "running") this.engine = null;
    this.output.broadcast("engine.status", status);
  }

  get status(): EngineStatus { return this.engineStatus; }

  /** Sends Pulse's changes to the engine in order; falls back to a full snapshot when a diff is refused. */
  syncEngine(): Promise<void> {
    this.sync = this.sync.then(async () => {
      const client = this.engine;
      if (!client || this.engineRevision === this.project.revision) return;
      await this.sendLoop(client).catch(() => {});
      const diff = this.project.engineDiffSince(this.engineRevision);
      try {
        if (!diff) throw new Error("no diff available");
        await engineCommands.applyDiff(client, diff);
        this.engineRevision = Number(diff.toRevision);
      } catch {
        if (!client.isOpen) return; // the supervisor replays everything on restart
        const snapshot = this.project.engineSnapshot();
        await engineCommands.loadGraph(client, snapshot).catch(() => {});
        this.engineRevision = Number(snapshot.revision);
      }
    });
    return this.sync;
  }

  /** Sends the loop when it differs from what the engine has (tempo changes move it in samples too). */
  private async sendLoop(client: EngineClient): Promise<void> {
    const loop = this.project.loop();
    const start = this.project.beatToSample(loop.startBeat);
    const end = this.project.beatToSample(loop.endBeat);
    const key = `${loop.enabled}:${start}:${end}`;
    if (key === this.engineLoop) return;
    await engineCommands.setLoop(client, loop.enabled, start, end);
    this.engineLoop = key;
  }

  handlers(): RequestHandlers {
    const project = this.project;
    const needEngine = () => {
      if (!this.engine) throw new Error(`engine is not running (${this.engineStatus.message})`);
      return this.engine;
    };
    const afterEdit = async () => { await this.syncEngine(); return { revision: project.revision }; };
    return {
      "session.get": () => ({ project: project.view(), engine: this.engineStatus }),
      "project.edit": async ({ edit }) => { project.edit(edit); return afterEdit(); },
      "project.undo": async () => { project.undo(); return afterEdit(); },
      "project.redo": async () => { project.redo(); return afterEdit(); },
      "project.save": async ({ path }) => ({ path: await project.save(path) }),
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
      "plugins.openEditor": async ({ trackId, pluginId }) => {
        await engineCommands.openEditor(needEngine(), project.processorId(trackId, pluginId));
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
