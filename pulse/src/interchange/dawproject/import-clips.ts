// <Clip> -> Loophole clips. MIDI content is re-based so the clip plays from its content start (Loophole
// clips have no play offset); audio content is located in seconds of the file, through warp markers if any.
import { basename, extname, isAbsolute, join } from "node:path";
import type { AudioClip, ControlChange, MidiClip, Note, PitchBend } from "../../model/clip";
import type { TempoIndex } from "../../time/tempo-index";
import { DawProjectError } from "./errors";
import type { ImportContext } from "./import-context";
import { clamp, tidy } from "./units";
import { booleanAttribute, child, childrenNamed, numberAttribute, type XmlElement } from "./xml";

export type ClipBase = Pick<MidiClip, "id" | "num" | "name" | "start" | "length">;

export class ClipReader {
  private readonly mediaNames = new Map<string, string>();

  constructor(private readonly ctx: ImportContext, private readonly time: TempoIndex) {}

  midiClip(e: XmlElement, content: XmlElement, base: ClipBase): MidiClip {
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

  audioClip(
    e: XmlElement,
    content: XmlElement,
    base: ClipBase,
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
    if (booleanAttribute(file, "external", false)) {
      return isAbsolute(path) || this.ctx.baseDirectory === undefined ? path : join(this.ctx.baseDirectory, path);
    }
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
}

function warnLoopStart(ctx: ImportContext): void {
  ctx.warn("Clips whose playback starts away from their loop start were imported starting at the loop start.");
}

