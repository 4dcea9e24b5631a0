// Automation lanes -> engine curves: beats -> timeline samples, model units -> engine units.
//
// Gain lanes (strip and send) hold dB; the engine wants linear amplitude. A straight line in dB is a
// constant-ratio curve in amplitude, so Linear dB segments go out as Exponential, which is exact.
// A segment touching silence cannot be exponential and goes out as Linear. Other shapes are passed
// through with their end values converted (an approximation for SCurve/Tension in dB).
import { ipc } from "@loophole/contract";
import type { AutomationLane, CurveShape } from "../model/automation";
import type { Track } from "../model/track";
import type { TempoIndex } from "../time/tempo-index";
import { curveShape, dbToLinear } from "./units";

const { ChannelParam, SendParam } = ipc;

function address(track: Track, lane: AutomationLane): { node: number; param: number; gain: boolean } | null {
  const t = lane.target;
  if (t.kind === "strip") {
    const param = t.param === "gain" ? ChannelParam.Gain : t.param === "pan" ? ChannelParam.Pan : ChannelParam.Mute;
    return { node: track.num, param, gain: t.param === "gain" };
  }
  if (t.kind === "send") {
    const s = track.sends.find((x) => x.id === t.send);
    return s ? { node: s.num, param: SendParam.Gain, gain: true } : null;
  }
  const p = track.plugins.find((x) => x.id === t.plugin);
  return p ? { node: p.num, param: t.param, gain: false } : null;
}

export function automationCurves(track: Track, idx: TempoIndex, sampleRate: number): ipc.AutomationCurveT[] {
  const out: ipc.AutomationCurveT[] = [];
  const lanes = Object.values(track.automation).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const lane of lanes) {
    const addr = address(track, lane);
    if (!addr || lane.points.length === 0) continue;
    const isMute = lane.target.kind === "strip" && lane.target.param === "mute";
    const points = lane.points.map((p, i) => {
      let shape: CurveShape = isMute ? "Hold" : p.shape;
      let value = p.value;
      if (addr.gain) {
        value = dbToLinear(p.value);
        const next = lane.points[i + 1];
        if (shape === "Linear") shape = value === 0 || (next && dbToLinear(next.value) === 0) ? "Linear" : "Exponential";
      }
      return new ipc.AutomationPointT(BigInt(idx.sample(p.beat, sampleRate)), value, curveShape[shape], p.tension);
    });
    out.push(new ipc.AutomationCurveT(new ipc.ParameterAddressT(addr.node, addr.param), points));
  }
  return out;
}
