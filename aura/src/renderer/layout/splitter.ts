// A draggable splitter that changes one panel size; sizes are applied as CSS variables on the root.
import { h } from "../dom/element";
import { clampSize, type PanelSizes } from "./panel-sizes";

export function splitter(key: keyof PanelSizes, axis: "x" | "y", sign: 1 | -1, sizes: PanelSizes, apply: () => void, persist: () => void): HTMLElement {
  const el = h("div", { class: `splitter splitter-${axis}`, "data-testid": `splitter-${key}` });
  el.addEventListener("pointerdown", (down) => {
    down.preventDefault();
    const origin = axis === "x" ? down.clientX : down.clientY;
    const initial = sizes[key];
    const move = (e: PointerEvent) => {
      const delta = (axis === "x" ? e.clientX : e.clientY) - origin;
      sizes[key] = clampSize(key, initial + sign * delta);
      apply();
    };
    // Listened for on the window: the pointer leaves the thin splitter as soon as the panel moves.
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      persist();
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  });
  return el;
}
