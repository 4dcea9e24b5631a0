// Automation lanes: breakpoints in musical time on any automatable parameter of a track's strip,
// one of its sends, or one of its plugins.
import type { LaneId, PluginId, SendId } from "./ids";

export type CurveShape = "Hold" | "Linear" | "Exponential" | "SCurve" | "Tension";
export const CURVE_SHAPES: readonly CurveShape[] = ["Hold", "Linear", "Exponential", "SCurve", "Tension"];

/** The segment from this point to the next is drawn with this point's shape. */
export interface Breakpoint {
  readonly beat: number;
  /** In the target's own unit: dB for gains, -1..1 for pan, 0/1 for mute, 0..1 for plugin params. */
  readonly value: number;
  readonly shape: CurveShape;
  /** -1 .. +1, used by "Tension" only. */
  readonly tension: number;
}

export type AutomationTarget =
  | { readonly kind: "strip"; readonly param: "gain" | "pan" | "mute" }
  | { readonly kind: "send"; readonly send: SendId }
  | { readonly kind: "plugin"; readonly plugin: PluginId; readonly param: number };

export interface AutomationLane {
  readonly id: LaneId;
  readonly target: AutomationTarget;
  /** Sorted by beat, beats unique. */
  readonly points: readonly Breakpoint[];
}
