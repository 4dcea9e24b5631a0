// DAWproject <Arrangement> -> clips, automation lanes, markers, tempo and metre changes.
import { basename, extname, join } from "node:path";
import type { AutomationTarget, Breakpoint } from "../../model/automation";
import type { AudioClip, ControlChange, MidiClip, Note, PitchBend } from "../../model/clip";
import type { TrackId } from "../../model/ids";
import type { Marker } from "../../model/project";
import { MAX_BPM, MIN_BPM, type MeterChange, type TempoChange, type TempoMap } from "../../model/tempo";
import type { TempoIndex } from "../../time/tempo-index";
import { tempoIndex } from "../../time/tempo-index";
import { DawProjectError } from "./errors";
import type { ImportContext, ParameterRef } from "./import-context";
import { clamp, dbFromLinear, panFromNormalised, tidy } from "./units";
import { shapeOf } from "./vocabulary";
import { booleanAttribute, child, childrenNamed, numberAttribute, type XmlElement } from "./xml";

type TimeUnit = "beats" | "seconds";

function timeUnitOf(e: XmlElement, inherited: TimeUnit): TimeUnit {
  const unit = e.attributes["timeUnit"];
  return unit === "seconds" || unit === "beats" ? unit : inherited;
}

/** Tempo and metre: the transport's values at beat 0, then the arrangement's automation of them. */
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

class ArrangementReader {
  private readonly time: TempoIndex;
  private readonly markers: Record<string, Marker> = {};
  private readonly mediaNames = new Map<string, string>();

  constructor(private readonly ctx: ImportContext, tempo: TempoMap) {
    this.time = tempoIndex(tempo);
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

  private readClip(e: XmlElement, trackId: TrackId | undefined, unit: TimeUnit): void {
    const track = trackId === undefined ? undefined : this.ctx.tracks.get(trackId);
    if (!track) {
      this.ctx.warn("Clips outside any track were left out.");
      return;
    }
    const start = this.beats(numberAttribute(e, "time"), unit);
    const end = this.beats(numberAttribute(e, "time") + numberAttribute(e, "duration"), unit);
    const content = e.children[0];
    if (!content || end <= start) return;
    const num = this.ctx.nextNum();
    const base = { id: `clip-${num}`, num, name: e.attributes["name"] ?? "", start, length: tidy(end - start) };
    let clip: MidiClip | AudioClip | undefined;
    if (content.name === "Notes" || (content.name === "Lanes" && child(content, "Notes"))) clip = this.midiClip(e, content, base);
    else if (content.name === "Audio" || content.name === "Warps") clip = this.audioClip(e, content, base, start);
    else this.ctx.warn(`Clips holding <${content.name}> are not supported; they were left out.`);
    if (clip) track.clips = { ...track.clips, [clip.id]: clip };
    const audioId = clip?.kind === "audio" ? (content.name === "Audio" ? content : child(content, "Audio"))?.attributes["id"] : undefined;
    if (clip && audioId) this.ctx.audioClipByXmlId.set(audioId, { track: track.id, clip: clip.id });
  }

  private midiClip(e: XmlElement, content: XmlElement, base: Omit<MidiClip, "kind" | "notes" | "cc" | "pitchBend" | "loopBeats">): MidiClip {
    if (e.attributes["contentTimeUnit"] === "seconds") this.ctx.warn("MIDI clips timed in seconds were read as beats.");
    const loopStart = e.attributes["loopStart"] === undefined ? undefined : numberAttribute(e, "loopStart");
    const loopEnd = e.attributes["loopEnd"] === undefined ? undefined : numberAttribute(e, "loopEnd");
    const playStart = numberAttribute(e, "playStart", 0);
    const looped = loopStart !== undefined && loopEnd !== undefined && loopEnd > loopStart;
    if (looped && loopStart !== playStart) warnLoopStart(this.ctx);
    const offset = looped ? loopStart! : playStart;
    const span = looped ? loopEnd! - loopStart! : base.length;
    const inside = (beat: number) => beat >= 0 && beat < span;
    const notesElement = content.name === "Notes" ? content : child(content, "Notes")!;
    const notes: Note[] = [];
    for (const n of childrenNamed(notesElement, "Note")) {
      const beat = tidy(numberAttribute(n, "time") - offset);
      if (!inside(beat)) continue;
      notes.push({
        beat,
        length: tidy(Math.max(numberAttribute(n, "duration"), 1e-6)),
        pitch: clamp(Math.round(numberAttribute(n, "key")), 0, 127),
        velocity: clamp(Math.round(numberAttribute(n, "vel", 100 / 127) * 127), 1, 127),
        channel: clamp(Math.round(numberAttribute(n, "channel", 0)), 0, 15),
      });
    }
    const cc: ControlChange[] = [];
    const pitchBend: PitchBend[] = [];
    if (content.name === "Lanes") {
      for (const points of childrenNamed(content, "Points")) {
        const target = child(points, "Target");
        const expression = target?.attributes["expression"];
        const channel = target ? clamp(numberAttribute(target, "channel", 0), 0, 15) : 0;
        for (const p of points.children.filter((c) => c.name !== "Target")) {
          const beat = tidy(numberAttribute(p, "time") - offset);
          if (!inside(beat)) continue;
          const value = numberAttribute(p, "value");
          if (expression === "channelController") {
            cc.push({ beat, controller: clamp(numberAttribute(target!, "controller"), 0, 127), value: clamp(Math.round(value * 127), 0, 127), channel });
          } else if (expression === "pitchBend") {
            pitchBend.push({ beat, value: clamp(Math.round(value * 16383 - 8192), -8192, 8191), channel });
          } else {
            this.ctx.warn(`MIDI expression "${expression ?? "none"}" inside clips is not supported; it was left out.`);
          }
        }
      }
    }
    const byBeat = <T extends { beat: number }>(a: T, b: T) => a.beat - b.beat;
    return {
      ...base, kind: "midi", notes: notes.sort(byBeat), cc: cc.sort(byBeat), pitchBend: pitchBend.sort(byBeat),
      loopBeats: looped ? tidy(span) : null,
    };
  }

  private audioClip(
    e: XmlElement,
    content: XmlElement,
    base: Omit<AudioClip, "kind" | "file" | "sourceOffset" | "gainDb" | "fadeIn" | "fadeOut" | "loopSeconds">,
    start: number,
  ): AudioClip | undefined {
    const audio = content.name === "Audio" ? content : child(content, "Audio");
    const file = audio && child(audio, "File");
    if (!file?.attributes["path"]) {
      this.ctx.warn("Audio clips without a file were left out.");
      return undefined;
    }
    // Content positions: seconds of the file, or beats that warp markers map to seconds.
    const inSeconds = (value: number): number => {
      if (e.attributes["contentTimeUnit"] === "seconds") return value;
      if (content.name === "Warps") {
        this.ctx.warn("Warped (time-stretched) audio plays at its original speed in Loophole.");
        const warps = childrenNamed(content, "Warp").map((w) => [numberAttribute(w, "time"), numberAttribute(w, "contentTime")] as const);
        for (let i = 1; i < warps.length; i++) {
          const [t0, c0] = warps[i - 1]!;
          const [t1, c1] = warps[i]!;
          if (value <= t1 || i === warps.length - 1) return t1 === t0 ? c0 : c0 + ((value - t0) * (c1 - c0)) / (t1 - t0);
        }
      }
      return this.time.seconds(start + value) - this.time.seconds(start);
    };
    const playStart = numberAttribute(e, "playStart", 0);
    const loopStart = e.attributes["loopStart"] === undefined ? undefined : numberAttribute(e, "loopStart");
    const loopEnd = e.attributes["loopEnd"] === undefined ? undefined : numberAttribute(e, "loopEnd");
    const looped = loopStart !== undefined && loopEnd !== undefined && loopEnd > loopStart;
    if (looped && loopStart !== playStart) warnLoopStart(this.ctx);
    const fadeSeconds = e.attributes["fadeTimeUnit"] === "seconds";
    const fade = (attribute: string, at: number): number => {
      const value = numberAttribute(e, attribute, 0);
      return tidy(fadeSeconds ? this.time.beatAfterSeconds(at, value) - at : value);
    };
    return {
      ...base,
      kind: "audio",
      file: this.mediaPath(file),
      sourceOffset: tidy(Math.max(0, inSeconds(looped ? loopStart! : playStart))),
      gainDb: 0,
      fadeIn: { beats: fade("fadeInTime", start), shape: "Linear" },
      fadeOut: { beats: fade("fadeOutTime", start + base.length), shape: "Linear" },
      loopSeconds: looped ? tidy(inSeconds(loopEnd!) - inSeconds(loopStart!)) : null,
    };
  }

  /** Embedded files are written to the media directory (by their bare name: no path escapes it). */
  private mediaPath(file: XmlElement): string {
    const path = file.attributes["path"]!;
    if (booleanAttribute(file, "external", false)) return path;
    const known = this.mediaNames.get(path);
    if (known) return known;
    const bytes = this.ctx.files[path];
    if (!bytes) throw new DawProjectError(`the audio file "${path}" is referenced but not in the archive`);
    const extension = extname(path);
    const stem = basename(path, extension) || "audio";
    const taken = new Set(this.mediaNames.values());
    let target = join(this.ctx.mediaDirectory, `${stem}${extension}`);
    for (let n = 2; taken.has(target); n++) target = join(this.ctx.mediaDirectory, `${stem}-${n}${extension}`);
    this.mediaNames.set(path, target);
    this.ctx.media.push({ path: target, bytes });
    return target;
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

function warnLoopStart(ctx: ImportContext): void {
  ctx.warn("Clips whose playback starts away from their loop start were imported starting at the loop start.");
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
