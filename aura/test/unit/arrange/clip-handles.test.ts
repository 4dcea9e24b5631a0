import { describe, expect, it } from "vitest";
import type { ClipView, ProjectView, TrackView } from "../../../src/channels";
import { ArrangeLayout, CLIP_TOP_INSET, hitTest, RULER_HEIGHT, TRACK_HEIGHT } from "../../../src/renderer/arrange/arrange-layout";
import {
  dragFade, dragGain, FADE_HANDLE_PX, fadeGainAt, fadeHandleXs, fadesWithin, formatGain, GAIN_BAND_PX, handleAt, HANDLES_MIN_WIDTH_PX, MAX_CLIP_GAIN_DB, MIN_CLIP_GAIN_DB,
} from "../../../src/renderer/arrange/clip-handles";
import { Viewport } from "../../../src/renderer/timeline/viewport";
import { emptyProject } from "../../../src/renderer/workspace-state";

const audio = (over: Partial<ClipView> = {}): ClipView => ({ id: "a", kind: "audio", name: "take", startBeat: 2, lengthBeats: 8, gainDb: 0, fadeInBeats: 0, fadeOutBeats: 0, ...over });
const spanOf = (clip: ClipView, v: Viewport) => ({ left: Math.round(v.beatToX(clip.startBeat)), right: Math.round(v.beatToX(clip.startBeat + clip.lengthBeats)), pxPerBeat: v.pxPerBeat });
const project = (clips: ClipView[]): ProjectView => {
  const track: TrackView = { id: "t", engineId: 0, kind: "audio", name: "t", gainDb: 0, pan: 0, mute: false, solo: false, plugins: [], sends: [], clips, automation: [] };
  return { ...emptyProject, tracks: [track] };
};

describe("fade handle placement", () => {
  it("puts the squares at the clip's top corners without fades, and at each fade's end with them", () => {
    const v = new Viewport(0, 20); // clip spans x 40..200
    expect(fadeHandleXs(audio(), spanOf(audio(), v))).toEqual({ fadeIn: 40, fadeOut: 200 - FADE_HANDLE_PX });
    const faded = audio({ fadeInBeats: 2, fadeOutBeats: 1 });
    // Fade-in ends at x 80, fade-out starts at x 180: squares centred there.
    expect(fadeHandleXs(faded, spanOf(faded, v))).toEqual({ fadeIn: 80 - 3, fadeOut: 180 - 3 });
  });
});

describe("which handle is under the pointer", () => {
  const v = new Viewport(0, 20);
  const clip = audio({ fadeInBeats: 2 });
  const span = spanOf(clip, v);

  it("finds the fade squares near the top edge, the gain band between them, and nothing lower down", () => {
    expect(handleAt(clip, span, 80, 3)).toBe("fadeIn");
    expect(handleAt(clip, span, 196, 3)).toBe("fadeOut");
    expect(handleAt(clip, span, 130, 2)).toBe("gain");
    expect(handleAt(clip, span, 130, -1)).toBe("gain"); // the gap above the clip counts as its top edge
    expect(handleAt(clip, span, 130, GAIN_BAND_PX)).toBeNull();
    expect(handleAt(clip, span, 80, 20)).toBeNull();
    expect(handleAt(clip, span, 250, 2)).toBeNull();
  });

  it("prefers the nearer square when fades meet", () => {
    const met = audio({ fadeInBeats: 4, fadeOutBeats: 4 }); // both squares centred on x 120
    const s = spanOf(met, v);
    expect(handleAt(met, s, 118, 3)).toBe("fadeIn");
    expect(handleAt(met, s, 121, 3)).toBe("fadeIn"); // a tie goes to the fade-in
  });

  it("offers no handles on MIDI clips or on clips too narrow at this zoom", () => {
    expect(handleAt({ ...clip, kind: "midi" }, span, 80, 3)).toBeNull();
    const plain = audio({ startBeat: 0 });
    const far = new Viewport(0, (HANDLES_MIN_WIDTH_PX - 1) / plain.lengthBeats);
    expect(handleAt(plain, spanOf(plain, far), 1, 2)).toBeNull();
    const near = new Viewport(0, HANDLES_MIN_WIDTH_PX / plain.lengthBeats);
    expect(handleAt(plain, spanOf(plain, near), 1, 2)).toBe("fadeIn");
  });

  it("is what the arrange's hit test reports, over the trim edges at the top corners only", () => {
    const layout = new ArrangeLayout(false);
    layout.update(project([audio()]));
    const top = RULER_HEIGHT + CLIP_TOP_INSET;
    expect(hitTest(layout, v, 0, 41, top + 3)).toMatchObject({ kind: "clip", part: "fadeIn" });
    expect(hitTest(layout, v, 0, 199, top + 3)).toMatchObject({ kind: "clip", part: "fadeOut" });
    expect(hitTest(layout, v, 0, 120, top + 1)).toMatchObject({ kind: "clip", part: "gain" });
    expect(hitTest(layout, v, 0, 41, RULER_HEIGHT + TRACK_HEIGHT / 2)).toMatchObject({ kind: "clip", part: "start" });
    expect(hitTest(layout, v, 0, 120, RULER_HEIGHT + TRACK_HEIGHT / 2)).toMatchObject({ kind: "clip", part: "body" });
    // Zoomed out until the clip is narrow: the top corners trim again.
    const far = new Viewport(0, 4);
    expect(hitTest(layout, far, 0, 8, top + 3)).toMatchObject({ kind: "clip", part: "start" });
    expect(hitTest(layout, far, 0, 20, top + 1)).toMatchObject({ kind: "clip", part: "body" });
  });
});

describe("dragging a fade handle", () => {
  const clip = audio({ fadeInBeats: 1, fadeOutBeats: 2 }); // beats 2..10

  it("sets the fade-in from the pointer, snapped to the grid, keeping where the handle was grabbed", () => {
    expect(dragFade(clip, "fadeIn", 5.1, 0, 0.5, true)).toEqual({ fadeInBeats: 3, fadeOutBeats: 2 });
    expect(dragFade(clip, "fadeIn", 5.1, 0.2, 0.25, true)).toEqual({ fadeInBeats: 3, fadeOutBeats: 2 });
    expect(dragFade(clip, "fadeIn", 5.1, 0, 0.5, false).fadeInBeats).toBeCloseTo(3.1, 10);
  });

  it("sets the fade-out from the pointer, measured back from the clip's end", () => {
    expect(dragFade(clip, "fadeOut", 6.9, 0, 0.5, true)).toEqual({ fadeInBeats: 1, fadeOutBeats: 3 });
  });

  it("never goes below 0, past the other fade or past the clip", () => {
    expect(dragFade(clip, "fadeIn", -4, 0, 0.5, true).fadeInBeats).toBe(0);
    expect(dragFade(clip, "fadeIn", 50, 0, 0.5, true).fadeInBeats).toBe(6); // 8 - fade-out 2
    expect(dragFade(clip, "fadeOut", 0, 0, 0.5, true).fadeOutBeats).toBe(7); // 8 - fade-in 1
    expect(dragFade(clip, "fadeOut", 99, 0, 0.5, true).fadeOutBeats).toBe(0);
  });

  it("keeps the two fades within the clip in floating point too", () => {
    const odd = audio({ startBeat: 0.1, lengthBeats: 0.7, fadeInBeats: 0, fadeOutBeats: 0.30000000000000004 });
    const { fadeInBeats, fadeOutBeats } = dragFade(odd, "fadeIn", 5, 0, 0.1, false);
    expect(fadeInBeats + fadeOutBeats).toBeLessThanOrEqual(odd.lengthBeats);
    expect(fadeInBeats).toBeCloseTo(0.4, 10);
  });
});

describe("trimming a faded clip", () => {
  const clip = audio({ fadeInBeats: 3, fadeOutBeats: 2 }); // 8 beats long

  it("keeps fades that still fit", () => {
    expect(fadesWithin(clip, 5, "end")).toEqual({ fadeInBeats: 3, fadeOutBeats: 2 });
  });

  it("shrinks the fade at the trimmed edge first, then the other", () => {
    expect(fadesWithin(clip, 4, "end")).toEqual({ fadeInBeats: 3, fadeOutBeats: 1 });
    expect(fadesWithin(clip, 4, "start")).toEqual({ fadeInBeats: 2, fadeOutBeats: 2 });
    expect(fadesWithin(clip, 1, "end")).toEqual({ fadeInBeats: 1, fadeOutBeats: 0 });
    expect(fadesWithin(clip, 1, "start")).toEqual({ fadeInBeats: 0, fadeOutBeats: 1 });
  });
});

describe("dragging the gain band", () => {
  it("lowers the gain when dragged down and raises it when dragged up, in 0.1 dB steps", () => {
    expect(dragGain(0, 30)).toBe(-6);
    expect(dragGain(-6, -15)).toBe(-3);
    expect(dragGain(0, 1)).toBe(-0.2);
    expect(dragGain(0, 0.4)).toBe(-0.1);
    expect(Object.is(dragGain(0, 0.1), 0)).toBe(true); // never "-0"
  });

  it("stays within Pulse's limits", () => {
    expect(dragGain(0, -1000)).toBe(MAX_CLIP_GAIN_DB);
    expect(dragGain(0, 10_000)).toBe(MIN_CLIP_GAIN_DB);
  });

  it("labels the gain as the clip shows it", () => {
    expect(formatGain(-6)).toBe("-6.0 dB");
    expect(formatGain(3.54)).toBe("+3.5 dB");
    expect(formatGain(-0.01)).toBe("0.0 dB");
  });
});

describe("fade curves", () => {
  it("follow the engine's shapes from silence to full level", () => {
    for (const shape of ["Linear", "EqualPower", "Exponential"] as const) {
      expect(fadeGainAt(shape, 0)).toBe(0);
      expect(fadeGainAt(shape, 1)).toBeCloseTo(1, 12);
    }
    expect(fadeGainAt("Linear", 0.5)).toBe(0.5);
    expect(fadeGainAt("EqualPower", 0.5)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(fadeGainAt("Exponential", 0.5)).toBe(0.25);
  });
});
