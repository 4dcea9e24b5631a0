// A small menu: a list that picks one choice and goes away (on a pick, Escape or losing focus).
// Put it next to what opened it and focus it.
import { h } from "./element";

export interface Choice<T> {
  label: string;
  value: T;
  /** Shown but not pickable (e.g. the current setting). */
  current?: boolean;
}

export function pickList<T>(title: string, choices: readonly Choice<T>[], pick: (value: T) => void, testId: string): HTMLSelectElement {
  const menu = h("select", { class: "pick-list", size: Math.min(12, choices.length + 1), "data-testid": testId },
    h("option", { value: "", disabled: true }, title),
    ...choices.map((c, i) => h("option", { value: String(i), disabled: c.current === true }, c.current ? `✓ ${c.label}` : c.label)));
  // Removing a focused element fires blur, which closes again: the second close must do nothing.
  let open = true;
  const close = () => { if (open) { open = false; menu.remove(); } };
  menu.addEventListener("change", () => { const c = choices[Number(menu.value)]; close(); if (c) pick(c.value); });
  menu.addEventListener("keydown", (e) => { e.stopPropagation(); if (e.key === "Escape") close(); });
  menu.addEventListener("blur", close);
  menu.addEventListener("pointerdown", (e) => e.stopPropagation());
  return menu;
}
