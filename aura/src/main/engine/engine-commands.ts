// Typed shorthands for the commands Aura sends, so callers never assemble frames by hand.
import { ipc } from "@loophole/contract";
import { EngineError, type EngineClient } from "./engine-client";

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
  /** Renders on a worker of the engine while playback goes on; answers with RenderDone when the file is in place. */
  render: async (c: EngineClient, request: ipc.RenderRequestT) => {
    const reply = await c.request(ipc.Body.RenderRequest, request, renderTimeoutMs(request));
    if (reply.bodyType !== ipc.Body.RenderDone) throw new EngineError(`the engine answered a render with ${ipc.Body[reply.bodyType]}, not RenderDone`);
    return reply.body as ipc.RenderDoneT;
  },
  cancelRender: (c: EngineClient) => c.request(ipc.Body.CancelRender, new ipc.CancelRenderT()),
  shutdown: (c: EngineClient) => c.request(ipc.Body.Shutdown, new ipc.ShutdownT()),
};

/** Ten minutes, plus four times the length rendered: heavy plugins may render slower than real
 *  time, but a render that slow has stopped making progress. */
function renderTimeoutMs(request: ipc.RenderRequestT): number {
  const sampleRate = request.snapshot?.sampleRate || 48_000;
  const seconds = Number(request.end - request.start) / sampleRate;
  return 600_000 + Math.ceil(seconds * 4_000);
}
