// Tempo and metre: the transport's values at beat 0, then the arrangement's automation of them.
import { MAX_BPM, MIN_BPM, type MeterChange, type TempoChange, type TempoMap } from "../../model/tempo";
import type { ImportContext } from "./import-context";
import { timeUnitOf } from "./time-unit";
import { clamp, tidy } from "./units";
import { child, childrenNamed, numberAttribute, type XmlElement } from "./xml";

export function readTempo(ctx: ImportContext, project: XmlElement): TempoMap {
  const transport = child(project, "Transport");
  const tempo = transport && child(transport, "Tempo");
  const signature = transport && child(transport, "TimeSignature");
  const bpm = clamp(tempo ? numberAttribute(tempo, "value", 120) : 120, MIN_BPM, MAX_BPM);
  const tempos: TempoChange[] = [{ beat: 0, bpm }];
  const meters: MeterChange[] = [{
    beat: 0,
    numerator: signature ? numberAttribute(signature, "numerator", 4) : 4,
    denominator: signature ? numberAttribute(signature, "denominator", 4) : 4,
  }];
  if (tempo?.attributes["id"]) ctx.register(tempo.attributes["id"], { kind: "tempo" });
  if (signature?.attributes["id"]) ctx.register(signature.attributes["id"], { kind: "meter" });

  const arrangement = child(project, "Arrangement");
  const tempoPoints = arrangement && child(arrangement, "TempoAutomation");
  if (tempoPoints) {
    const seconds = timeUnitOf(tempoPoints, "beats") === "seconds";
    let lastSeconds = 0;
    let lastBeat = 0;
    for (const point of childrenNamed(tempoPoints, "RealPoint")) {
      const time = numberAttribute(point, "time");
      const current = tempos[tempos.length - 1]!;
      // Seconds -> beats through the tempo steps read so far.
      const beat = seconds ? lastBeat + ((time - lastSeconds) * current.bpm) / 60 : time;
      lastSeconds = time;
      lastBeat = beat;
      if (point.attributes["interpolation"] === "linear") ctx.warn("Tempo ramps were imported as steps at each tempo point.");
      const change = { beat: tidy(beat), bpm: clamp(numberAttribute(point, "value"), MIN_BPM, MAX_BPM) };
      if (change.beat <= 0) tempos[0] = { beat: 0, bpm: change.bpm };
      else if (change.beat > current.beat) tempos.push(change);
    }
  }
  const meterPoints = arrangement && child(arrangement, "TimeSignatureAutomation");
  if (meterPoints) {
    if (timeUnitOf(meterPoints, "beats") === "seconds") ctx.warn("Time signature changes timed in seconds were placed by the first tempo.");
    for (const point of childrenNamed(meterPoints, "TimeSignaturePoint")) {
      let beat = numberAttribute(point, "time");
      if (timeUnitOf(meterPoints, "beats") === "seconds") beat = (beat * tempos[0]!.bpm) / 60;
      const change = { beat: tidy(beat), numerator: numberAttribute(point, "numerator"), denominator: numberAttribute(point, "denominator") };
      if (change.beat <= 0) meters[0] = { ...change, beat: 0 };
      else if (change.beat > meters[meters.length - 1]!.beat) meters.push(change);
    }
  }
  return { tempos, meters };
}
