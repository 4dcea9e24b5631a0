// Turns an engine Telemetry frame into the renderer's TelemetryView (beats, plain numbers).
import { ipc } from "@loophole/contract";
import type { TelemetryView } from "../../channels";

export function telemetryView(t: ipc.TelemetryT, sampleToBeat: (s: bigint) => number): TelemetryView {
  const meters: TelemetryView["meters"] = {};
  for (const m of t.meters) meters[m.node] = [m.peakLeft, m.peakRight];
  return {
    playing: t.transport?.playing ?? false,
    looping: t.transport?.looping ?? false,
    positionBeats: sampleToBeat(t.transport?.position ?? 0n),
    dspLoad: t.dspLoad,
    xruns: t.xruns,
    lateBlocks: t.callbackOverruns,
    meters,
    faults: t.plugins
      .filter((p) => p.status !== ipc.PluginStatusCode.Ok && p.status !== ipc.PluginStatusCode.Loading)
      .map((p) => ({ processor: p.processor, status: ipc.PluginStatusCode[p.status] ?? "Unknown" })),
  };
}
