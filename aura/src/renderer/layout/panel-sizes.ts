// Panel sizes of the workspace and their limits; the user's sizes are persisted by the main process.
export interface PanelSizes { browserWidth: number; historyWidth: number; bottomHeight: number }

export const defaultSizes: PanelSizes = { browserWidth: 240, historyWidth: 200, bottomHeight: 260 };

const limits: Record<keyof PanelSizes, [number, number]> = {
  browserWidth: [120, 600],
  historyWidth: [120, 500],
  bottomHeight: [80, 900],
};

/** Known keys only, each clamped to its limits; anything else falls back to the default. */
export function sanitiseSizes(stored: Record<string, number>): PanelSizes {
  const out = { ...defaultSizes };
  for (const key of Object.keys(limits) as (keyof PanelSizes)[]) {
    const v = stored[key];
    if (typeof v === "number" && Number.isFinite(v)) out[key] = clampSize(key, v);
  }
  return out;
}

export function clampSize(key: keyof PanelSizes, value: number): number {
  const [lo, hi] = limits[key];
  return Math.round(Math.min(hi, Math.max(lo, value)));
}
