// DAWproject <Arrangement> -> clips, automation lanes and markers, walking nested <Lanes> and carrying
// the track and time unit each level sets.
import type { AutomationTarget, Breakpoint } from "../../model/automation";
import type { AudioClip, MidiClip } from "../../model/clip";
import type { TrackId } from "../../model/ids";
import type { Marker } from "../../model/project";
import type { TempoMap } from "../../model/tempo";
import { tempoIndex, type TempoIndex } from "../../time/tempo-index";
import { DawProjectError } from "./errors";
import { ClipReader } from "./import-clips";
import type { ImportContext, ParameterRef } from "./import-context";
import { timeUnitOf, type TimeUnit } from "./time-unit";
import { clamp, dbFromLinear, panFromNormalised, tidy } from "./units";
import { shapeOf } from "./vocabulary";
import { booleanAttribute, child, childrenNamed, numberAttribute, type XmlElement } from "./xml";

class ArrangementReader {
  private readonly time: TempoIndex;
  private readonly markers: Record<string, Marker> = {};
  private readonly clips: ClipReader;

  constructor(private readonly ctx: ImportContext, tempo: TempoMap) {
    this.time = tempoIndex(tempo);
    this.clips = new ClipReader(ctx, this.time);
  }

  private beats(time: number, unit: TimeUnit): number {
    return tidy(unit === "seconds" ? this.time.beatAfterSeconds(0, time) : time);
  }

  read(arrangement: XmlElement): Record<string, Marker> {
    const lanes = child(arrangement, "Lanes");
    if (lanes) this.walk(lanes, undefined, timeUnitOf(lanes, "beats"));
    const markers = child(arrangement, "Markers");
    if (markers) this.readMarkers(markers, timeUnitOf(markers, "beats"));
    return this.markers;
  }

  private trackOf(e: XmlElement, inherited: TrackId | undefined): TrackId | undefined {
    const ref = e.attributes["track"];
    if (ref === undefined) return inherited;
    const track = this.ctx.trackByXmlId.get(ref);
    if (track === undefined) throw new DawProjectError(`<${e.name}> refers to the track "${ref}", which is not in this file`);
    return track;
  }

  private walk(lanes: XmlElement, inherited: TrackId | undefined, unit: TimeUnit): void {
    for (const e of lanes.children) {
      const track = this.trackOf(e, inherited);
      const inner = timeUnitOf(e, unit);
      switch (e.name) {
        case "Lanes":
          this.walk(e, track, inner);
          break;
        case "Clips":
          for (const clip of childrenNamed(e, "Clip")) this.readClip(clip, track, inner);
          break;
        case "Points":
          this.readAutomation(e, track, inner);
          break;
        case "Markers":
        case "markers":
          this.readMarkers(e, inner);
          break;
        default:
          this.ctx.warn(`Arrangement content <${e.name}> is not supported by Loophole's import; it was left out.`);
      }
    }
  }

  private readMarkers(e: XmlElement, unit: TimeUnit): void {
    for (const marker of childrenNamed(e, "Marker")) {
      const num = this.ctx.nextNum();
      const id = `marker-${num}`;
      this.markers[id] = { id, num, name: marker.attributes["name"] ?? "", beat: this.beats(numberAttribute(marker, "time"), unit) };
    }
  }

  /** `offset`: beats to add to the clip's time, for clips nested in a container clip (already in beats). */
  private readClip(e: XmlElement, trackId: TrackId | undefined, unit: TimeUnit, offset = 0): void {
    const track = trackId === undefined ? undefined : this.ctx.tracks.get(trackId);
    if (!track) {
      this.ctx.warn("Clips outside any track were left out.");
      return;
    }
    const start = offset + this.beats(numberAttribute(e, "time"), unit);
    const end = offset + this.beats(numberAttribute(e, "time") + numberAttribute(e, "duration"), unit);
    const content = e.children[0];
    if (!content || end <= start) return;
    if (content.name === "Clips") {
      // A container clip: Loophole has none, so its clips go straight onto the track.
      if (e.attributes["contentTimeUnit"] === "seconds") {
        this.ctx.warn("Container clips timed in seconds are not supported; their clips were left out.");
        return;
      }
      const inner = start - numberAttribute(e, "playStart", 0);
      for (const clip of childrenNamed(content, "Clip")) this.readClip(clip, trackId, "beats", inner);
      return;
    }
    const num = this.ctx.nextNum();
    const base = { id: `clip-${num}`, num, name: e.attributes["name"] ?? "", start, length: tidy(end - start) };
    let clip: MidiClip | AudioClip | undefined;
    if (content.name === "Notes" || (content.name === "Lanes" && child(content, "Notes"))) clip = this.clips.midiClip(e, content, base);
    else if (content.name === "Audio" || content.name === "Warps") clip = this.clips.audioClip(e, content, base, start);
    else this.ctx.warn(`Clips holding <${content.name}> are not supported; they were left out.`);
    if (clip) track.clips = { ...track.clips, [clip.id]: clip };
    const audioId = clip?.kind === "audio" ? (content.name === "Audio" ? content : child(content, "Audio"))?.attributes["id"] : undefined;
    if (clip && audioId) this.ctx.audioClipByXmlId.set(audioId, { track: track.id, clip: clip.id });
  }

  private readAutomation(points: XmlElement, trackId: TrackId | undefined, unit: TimeUnit): void {
    const targetElement = child(points, "Target");
    const parameter = targetElement?.attributes["parameter"];
    const ref = parameter === undefined ? undefined : this.ctx.parameters.get(parameter);
    if (!ref || ref.kind === "tempo" || ref.kind === "meter") {
      this.ctx.warn(`Automation of ${parameter ? `"${parameter}"` : "MIDI expressions on tracks"} is not supported; it was left out.`);
      return;
    }
    const track = this.ctx.tracks.get(ref.track)!;
    if (trackId !== undefined && trackId !== ref.track) {
      this.ctx.warn(`Automation in the lanes of one track aimed at "${track.name}" was kept on "${track.name}".`);
    }
    const target: AutomationTarget =
      ref.kind === "strip" ? { kind: "strip", param: ref.param } : ref.kind === "send" ? { kind: "send", send: ref.send } : { kind: "plugin", plugin: ref.plugin, param: ref.param };
    const byBeat = new Map<number, Breakpoint>();
    for (const p of points.children.filter((c) => c.name !== "Target")) {
      const beat = this.beats(numberAttribute(p, "time"), unit);
      const raw = p.name === "BoolPoint" ? (booleanAttribute(p, "value", false) ? 1 : 0) : numberAttribute(p, "value");
      byBeat.set(beat, { beat, value: valueOf(ref, raw, points.attributes["unit"]), shape: p.name === "BoolPoint" ? "Hold" : shapeOf(p.attributes["interpolation"]), tension: 0 });
    }
    const lanePoints = [...byBeat.values()].sort((a, b) => a.beat - b.beat);
    const same = Object.values(track.automation).find((l) => JSON.stringify(l.target) === JSON.stringify(target));
    if (same) {
      this.ctx.warn(`"${track.name}" had two automation lanes for one parameter; the first was kept.`);
      return;
    }
    const num = this.ctx.nextNum();
    const id = `lane-${num}`;
    track.automation = { ...track.automation, [id]: { id, target, points: lanePoints } };
    if (points.attributes["id"]) this.ctx.pointsByXmlId.set(points.attributes["id"], { track: track.id, lane: id });
  }
}

function valueOf(ref: Exclude<ParameterRef, { kind: "tempo" | "meter" }>, raw: number, unit: string | undefined): number {
  if (ref.kind === "send" || (ref.kind === "strip" && ref.param === "gain")) {
    return tidy(unit === "decibel" ? clamp(raw, -144, 12) : dbFromLinear(raw));
  }
  if (ref.kind === "strip" && ref.param === "pan") return tidy(unit === "normalized" || unit === undefined ? panFromNormalised(raw) : clamp(raw, -1, 1));
  if (ref.kind === "strip") return raw >= 0.5 ? 1 : 0;
  const span = ref.max - ref.min;
  return tidy(clamp(unit === "normalized" || span <= 0 ? raw : (raw - ref.min) / span, 0, 1));
}

export function readArrangement(ctx: ImportContext, project: XmlElement, tempo: TempoMap): Record<string, Marker> {
  const arrangement = child(project, "Arrangement");
  return arrangement ? new ArrangementReader(ctx, tempo).read(arrangement) : {};
}
