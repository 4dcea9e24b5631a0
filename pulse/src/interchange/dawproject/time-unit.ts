// DAWproject timelines are in beats or seconds; a timeline without a unit inherits its parent's.
import type { XmlElement } from "./xml";

export type TimeUnit = "beats" | "seconds";

export function timeUnitOf(e: XmlElement, inherited: TimeUnit): TimeUnit {
  const unit = e.attributes["timeUnit"];
  return unit === "seconds" || unit === "beats" ? unit : inherited;
}
