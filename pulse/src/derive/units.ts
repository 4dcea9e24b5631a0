// Model units -> engine units, and model enums -> contract enums.
import { ipc } from "@loophole/contract";
import type { CurveShape } from "../model/automation";
import type { FadeShape } from "../model/clip";
import type { BuiltInKind, IsolationMode, PluginFormat } from "../model/plugin";
import type { TrackKind } from "../model/track";
import { MIN_GAIN_DB } from "../model/track";

/** dB -> linear amplitude; MIN_GAIN_DB and below is silence. */
export function dbToLinear(db: number): number {
  return db <= MIN_GAIN_DB ? 0 : Math.pow(10, db / 20);
}

export const pluginFormat: Record<PluginFormat, ipc.PluginFormat> = {
  VST3: ipc.PluginFormat.VST3, LV2: ipc.PluginFormat.LV2, CLAP: ipc.PluginFormat.CLAP,
  LADSPA: ipc.PluginFormat.LADSPA, AU: ipc.PluginFormat.AU, BuiltIn: ipc.PluginFormat.BuiltIn,
};

export const builtIn: Record<BuiltInKind, ipc.BuiltInKind> = {
  SineSynth: ipc.BuiltInKind.SineSynth, Sampler: ipc.BuiltInKind.Sampler,
};

export const isolation: Record<IsolationMode, ipc.IsolationMode> = {
  Default: ipc.IsolationMode.Default, InEngine: ipc.IsolationMode.InEngine, SharedSandbox: ipc.IsolationMode.SharedSandbox,
  PerVendor: ipc.IsolationMode.PerVendor, PerPlugin: ipc.IsolationMode.PerPlugin,
};

export const fadeShape: Record<FadeShape, ipc.FadeShape> = {
  Linear: ipc.FadeShape.Linear, EqualPower: ipc.FadeShape.EqualPower, Exponential: ipc.FadeShape.Exponential,
};

export const curveShape: Record<CurveShape, ipc.CurveShape> = {
  Hold: ipc.CurveShape.Hold, Linear: ipc.CurveShape.Linear, Exponential: ipc.CurveShape.Exponential,
  SCurve: ipc.CurveShape.SCurve, Tension: ipc.CurveShape.Tension,
};

/** Channel kind of a track that has a strip (folders without one have no channel). */
export function channelKind(kind: TrackKind): ipc.ChannelKind {
  switch (kind) {
    case "audio": return ipc.ChannelKind.Audio;
    case "instrument": return ipc.ChannelKind.Instrument;
    case "master": return ipc.ChannelKind.Master;
    default: return ipc.ChannelKind.Bus; // buses and folders with a strip
  }
}
