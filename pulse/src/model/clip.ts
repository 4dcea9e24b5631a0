// Clips on a track's timeline. Positions and lengths are in beats; positions inside audio files are
// in seconds, because a file's content does not follow the tempo.
import type { ClipId } from "./ids";

export type FadeShape = "Linear" | "EqualPower" | "Exponential";
export const FADE_SHAPES: readonly FadeShape[] = ["Linear", "EqualPower", "Exponential"];

export interface Fade {
  /** Length in beats, 0 = no fade. */
  readonly beats: number;
  readonly shape: FadeShape;
}

interface ClipBase {
  readonly id: ClipId;
  readonly num: number;
  readonly name: string;
  /** Timeline position of the clip start, beats >= 0. */
  readonly start: number;
  /** Timeline length, beats > 0. */
  readonly length: number;
}

export interface AudioClip extends ClipBase {
  readonly kind: "audio";
  /** Absolute path of the source file (checked by the injected file-existence check). */
  readonly file: string;
  /** Where playback starts inside the file, seconds >= 0. */
  readonly sourceOffset: number;
  readonly gainDb: number;
  readonly fadeIn: Fade;
  readonly fadeOut: Fade;
  /** Seconds > 0: the source region [sourceOffset, sourceOffset + loopSeconds) repeats; null = no loop. */
  readonly loopSeconds: number | null;
}

export interface Note {
  /** Beats from the clip start. */
  readonly beat: number;
  readonly length: number;
  readonly pitch: number;    // 0..127
  readonly velocity: number; // 1..127
  readonly channel: number;  // 0..15
}

export interface ControlChange {
  readonly beat: number;
  readonly controller: number; // 0..127
  readonly value: number;      // 0..127
  readonly channel: number;
}

export interface PitchBend {
  readonly beat: number;
  /** -8192 .. 8191, 0 = centre. */
  readonly value: number;
  readonly channel: number;
}

export interface MidiClip extends ClipBase {
  readonly kind: "midi";
  readonly notes: readonly Note[];
  readonly cc: readonly ControlChange[];
  readonly pitchBend: readonly PitchBend[];
  /** Beats > 0: content in [0, loopBeats) repeats over the clip length; null = no loop. */
  readonly loopBeats: number | null;
}

export type Clip = AudioClip | MidiClip;
