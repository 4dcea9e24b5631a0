// Wires the pieces of the main process together: renderer requests become Pulse edits or engine
// commands, Pulse changes reach the engine as graph diffs and the renderer as views, and engine
// telemetry reaches the renderer.
import { ipc } from "@loophole/contract";
import type { EngineStatus, Requests } from "../../channels";
import type { RequestHandlers } from "../server/aura-server";
import type { EngineClient, EngineInfo } from "../engine/engine-client";
import { engineCommands } from "../engine/engine-commands";
import type { ProjectPort } from "../project/project-port";
import { LayoutStore } from "./layout-store";
import { telemetryView } from "./telemetry-view";
import { TransportMemory } from "./transport-memory";

export interface AppOutput {
  broadcast: <E extends keyof import("../../channels").Events>(channel: E, payload: import("../../channels").Events[E]) => void;
}

export class AuraApp {
  readonly transport = new TransportMemory();
  private engine: EngineClient | null = null;
  private engineRevision = -1;
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
  async restore(client: EngineClient, _info: EngineInfo): Promise<void> {
    this.engine = null;
    const snapshot = this.project.engineSnapshot();
    await engineCommands.loadGraph(client, snapshot);
    this.engineRevision = Number(snapshot.revision);
    const view = this.project.view();
    await engineCommands.setLoop(client, view.loop.enabled, this.project.beatToSample(view.loop.startBeat), this.project.beatToSample(view.loop.endBeat));
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
      this.project.setScannedPlugins((reply.body as ipc.PluginCatalogueT).plugins);
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
      "plugins.openEditor": async ({ trackId, pluginId }) => {
        await engineCommands.openEditor(needEngine(), project.processorId(trackId, pluginId));
        return {};
      },
      "layout.get": async () => ({ layout: await this.layout.load() }),
      "layout.save": async ({ layout }) => { await this.layout.save(layout); return {}; },
    };
  }

  private relayEvent(frame: ipc.FrameT): void {
    if (frame.bodyType === ipc.Body.PluginCatalogue) {
      this.project.setScannedPlugins((frame.body as ipc.PluginCatalogueT).plugins);
      this.output.broadcast("catalogue.changed", this.project.catalogue());
    }
    if (frame.bodyType === ipc.Body.Progress) {
      const p = frame.body as ipc.ProgressT;
      this.output.broadcast("progress", { task: String(p.task ?? ""), done: p.done, detail: String(p.detail ?? "") });
    }
  }
}
