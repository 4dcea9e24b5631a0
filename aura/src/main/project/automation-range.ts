// Automation lanes are drawn 0..1; Pulse stores values in the parameter's own unit. These are the
// ranges between the two, per strip parameter.
export type StripParam = "gain" | "pan" | "mute";

const GAIN_FLOOR_DB = -60;
const GAIN_CEIL_DB = 12;

export function toLaneValue(param: StripParam | "plugin" | "send", value: number): number {
  switch (param) {
    case "gain": case "send": return clamp01((value - GAIN_FLOOR_DB) / (GAIN_CEIL_DB - GAIN_FLOOR_DB));
    case "pan": return clamp01((value + 1) / 2);
    case "mute": return value >= 0.5 ? 1 : 0;
    case "plugin": return clamp01(value);
  }
}

export function fromLaneValue(param: StripParam | "plugin" | "send", fraction: number): number {
  const f = clamp01(fraction);
  switch (param) {
    case "gain": case "send": return Math.round((GAIN_FLOOR_DB + f * (GAIN_CEIL_DB - GAIN_FLOOR_DB)) * 10) / 10;
    case "pan": return Math.round((f * 2 - 1) * 100) / 100;
    case "mute": return f >= 0.5 ? 1 : 0;
    case "plugin": return f;
  }
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0));
}
