// Typed shorthands for the commands Aura sends, so callers never assemble frames by hand.
import { ipc } from "@loophole/contract";
import type { EngineClient } from "./engine-client";

export const engineCommands = {
  subscribe: (c: EngineClient, hz = 60) => c.request(ipc.Body.Subscribe, new ipc.SubscribeT(hz)),
  loadGraph: (c: EngineClient, snapshot: ipc.GraphSnapshotT) => c.request(ipc.Body.LoadGraph, new ipc.LoadGraphT(snapshot), 30_000),
  applyDiff: (c: EngineClient, diff: ipc.GraphDiffT) => c.request(ipc.Body.ApplyGraphDiff, new ipc.ApplyGraphDiffT(diff), 30_000),
  setParameters: (c: EngineClient, changes: ipc.SetParameterT[]) => c.request(ipc.Body.SetParameters, new ipc.SetParametersT(changes)),
  queryGraph: async (c: EngineClient) => ((await c.request(ipc.Body.QueryGraph, new ipc.QueryGraphT())).body as ipc.GraphStateT).snapshot,
  play: (c: EngineClient, fromSample = -1n) => c.request(ipc.Body.TransportCommand, new ipc.TransportCommandT(ipc.TransportAction.Play, fromSample)),
  stop: (c: EngineClient) => c.request(ipc.Body.TransportCommand, new ipc.TransportCommandT(ipc.TransportAction.Stop, -1n)),
  locate: (c: EngineClient, sample: bigint) => c.request(ipc.Body.TransportCommand, new ipc.TransportCommandT(ipc.TransportAction.Locate, sample)),
  setLoop: (c: EngineClient, enabled: boolean, start: bigint, end: bigint) => c.request(ipc.Body.SetLoop, new ipc.SetLoopT(enabled, start, end)),
  openEditor: (c: EngineClient, processor: number) => c.request(ipc.Body.OpenEditor, new ipc.OpenEditorT(processor)),
  // Starting a host and loading the plugin into it takes a while.
  reloadPlugin: (c: EngineClient, processor: number) => c.request(ipc.Body.ReloadPlugin, new ipc.ReloadPluginT(processor), 30_000),
  scanPlugins: (c: EngineClient) => c.request(ipc.Body.ScanPlugins, new ipc.ScanPluginsT(false, []), 300_000),
  shutdown: (c: EngineClient) => c.request(ipc.Body.Shutdown, new ipc.ShutdownT()),
};
