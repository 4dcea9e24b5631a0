// Automation lanes -> <Points> aimed at the parameter they move (volume, pan, mute, send level or a
// plugin parameter), in the units DAWproject uses for each.
import type { AutomationLane, CurveShape } from "../../model/automation";
import type { Track } from "../../model/track";
import { FOR_LOOPHOLE_ONLY, type ExportContext } from "./export-context";
import type { PointExtras } from "./extensions";
import { decimal, linearFromDb, normalisedFromPan } from "./units";
import { interpolationOf } from "./vocabulary";
import { element, type XmlElement } from "./xml";

/** The parameter key (see ExportContext.parameterId), unit and value conversion for a lane's target. */
function describeTarget(track: Track, lane: AutomationLane): { key: string; unit: string; value: (v: number) => number } {
  const { target } = lane;
  if (target.kind === "send") return { key: `${track.id}/send/${target.send}`, unit: "linear", value: linearFromDb };
  if (target.kind === "plugin") return { key: `${track.id}/plugin/${target.plugin}/${target.param}`, unit: "normalized", value: (v) => v };
  if (target.param === "gain") return { key: `${track.id}/gain`, unit: "linear", value: linearFromDb };
  if (target.param === "pan") return { key: `${track.id}/pan`, unit: "normalized", value: normalisedFromPan };
  return { key: `${track.id}/mute`, unit: "normalized", value: (v) => v };
}

export function pointsElement(ctx: ExportContext, track: Track, lane: AutomationLane): XmlElement {
  const { key, unit, value } = describeTarget(track, lane);
  const isMute = lane.target.kind === "strip" && lane.target.param === "mute";
  const pointsId = ctx.id();
  // What an import of the plain DAWproject would give back; anything else is kept as an extension.
  const plainShape = (shape: CurveShape) => (isMute || shape === "Hold" ? "Hold" : "Linear");
  if (lane.points.some((p) => p.shape !== plainShape(p.shape) || p.tension !== 0)) {
    if (!isMute) ctx.warnOnce(`DAWproject curves are hold or linear; other curve shapes were written as linear; ${FOR_LOOPHOLE_ONLY}`);
    ctx.extensions.points[pointsId] = lane.points.map((p): PointExtras => ({ shape: p.shape, tension: p.tension }));
  }
  const points = lane.points.map((p) =>
    isMute
      ? element("BoolPoint", { time: decimal(p.beat), value: p.value >= 0.5 })
      : element("RealPoint", { time: decimal(p.beat), value: decimal(value(p.value)), interpolation: interpolationOf(p.shape) }),
  );
  return element("Points", { id: pointsId, unit: isMute ? undefined : unit }, [
    element("Target", { parameter: ctx.parameterId(key) }),
    ...points,
  ]);
}
