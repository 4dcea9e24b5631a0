import { describe, expect, it } from "vitest";
import { sanitiseSizes, defaultSizes, clampSize } from "../../../src/renderer/layout/panel-sizes";
import { shortcutFor } from "../../../src/renderer/keyboard";
import { filterCatalogue } from "../../../src/renderer/browser/catalogue-filter";
import { rollPosition, KEY_HEIGHT, TOP_PITCH } from "../../../src/renderer/pianoroll/piano-roll";

const key = (k: string, extra: Partial<KeyboardEvent> = {}) => ({ key: k, code: k === " " ? "Space" : `Key${k.toUpperCase()}`, ctrlKey: false, metaKey: false, shiftKey: false, ...extra });

describe("panel sizes", () => {
  it("clamps stored sizes and ignores unknown or broken values", () => {
    expect(sanitiseSizes({ browserWidth: 5000, historyWidth: Number.NaN, junk: 3 })).toEqual({ ...defaultSizes, browserWidth: 600 });
    expect(clampSize("bottomHeight", 10)).toBe(80);
  });
});

describe("shortcuts", () => {
  it("maps the workspace keys", () => {
    expect(shortcutFor(key(" "))).toBe("playStop");
    expect(shortcutFor(key("z", { ctrlKey: true }))).toBe("undo");
    expect(shortcutFor(key("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
    expect(shortcutFor(key("y", { ctrlKey: true }))).toBe("redo");
    expect(shortcutFor(key("Delete"))).toBe("delete");
    expect(shortcutFor(key("d", { ctrlKey: true }))).toBe("duplicate");
    expect(shortcutFor(key("s"))).toBe("split");
    expect(shortcutFor(key("s", { ctrlKey: true }))).toBe("save");
    expect(shortcutFor(key("m"))).toBe("addMarker");
    expect(shortcutFor(key("e", { ctrlKey: true }))).toBe("export");
    expect(shortcutFor(key("e", { metaKey: true }))).toBe("export");
    expect(shortcutFor(key("q"))).toBeNull();
  });
});

describe("catalogue filter", () => {
  const catalogue = {
    categories: ["EQ", "Dynamics"],
    userTags: ["Glue"],
    collections: [{ id: "c1", name: "Mixing", uids: ["b"] }],
    plugins: [
      { uid: "a", name: "ZamEQ2", vendor: "Damien Zammit", format: "LV2", category: "EQ", tags: ["eq", "parametric"], userTags: [], favourite: false, isInstrument: false },
      { uid: "b", name: "ZamComp", vendor: "Damien Zammit", format: "VST3", category: "Dynamics", tags: ["compressor", "Glue"], userTags: ["Glue"], favourite: true, isInstrument: false },
      { uid: "c", name: "ZaMaximX2", vendor: "Damien Zammit", format: "CLAP", category: "Dynamics", tags: ["limiter"], userTags: [], favourite: false, isInstrument: false },
    ],
  };
  const all = { text: "", category: null, collection: null, tag: null, favouritesOnly: false };

  it("searches every word over name, vendor and tags, favourites first", () => {
    expect(filterCatalogue(catalogue, all).map((p) => p.uid)).toEqual(["b", "c", "a"]);
    expect(filterCatalogue(catalogue, { ...all, text: "zammit limiter" }).map((p) => p.uid)).toEqual(["c"]);
    expect(filterCatalogue(catalogue, { ...all, category: "Dynamics" }).map((p) => p.uid)).toEqual(["b", "c"]);
    expect(filterCatalogue(catalogue, { ...all, collection: "c1" }).map((p) => p.uid)).toEqual(["b"]);
    expect(filterCatalogue(catalogue, { ...all, tag: "glue" }).map((p) => p.uid)).toEqual(["b"]);
    expect(filterCatalogue(catalogue, { ...all, favouritesOnly: true }).map((p) => p.uid)).toEqual(["b"]);
  });
});

describe("piano roll", () => {
  it("maps points to pitch and beat", () => {
    expect(rollPosition(0, 0, 60)).toEqual({ pitch: TOP_PITCH, beat: 0 });
    expect(rollPosition(90, KEY_HEIGHT * 12 + 3, 60)).toEqual({ pitch: TOP_PITCH - 12, beat: 1.5 });
  });
});
