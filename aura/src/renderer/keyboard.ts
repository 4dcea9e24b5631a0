// Workspace shortcuts. Each maps to a request; none fire while typing in a text field.
import type { Edit } from "../channels";
import type { MainConnection } from "./connection/main-connection";
import type { WorkspaceState } from "./workspace-state";

export type Shortcut = "playStop" | "undo" | "redo" | "save" | "delete" | "duplicate" | "split" | "toggleSnap" | "addMarker" | "export";

export function shortcutFor(e: Pick<KeyboardEvent, "key" | "code" | "ctrlKey" | "metaKey" | "shiftKey">): Shortcut | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.code === "Space" && !mod) return "playStop";
  if (mod && e.key.toLowerCase() === "z") return e.shiftKey ? "redo" : "undo";
  if (mod && e.key.toLowerCase() === "y") return "redo";
  if (mod && e.key.toLowerCase() === "s") return "save";
  if (mod && e.key.toLowerCase() === "d") return "duplicate";
  if (mod && e.key.toLowerCase() === "e") return "export";
  if (!mod && (e.key === "Delete" || e.key === "Backspace")) return "delete";
  if (!mod && e.key.toLowerCase() === "s") return "split";
  if (!mod && e.key.toLowerCase() === "n") return "toggleSnap";
  if (!mod && e.key.toLowerCase() === "m") return "addMarker";
  return null;
}

/** What the shortcuts do that is not a plain request: owned by the transport bar's controls. */
export interface ShortcutActions {
  togglePlay: () => Promise<void>;
  /** Opens the export format menu. */
  openExport: () => void;
}

export function installShortcuts(state: WorkspaceState, main: MainConnection, actions: ShortcutActions, report: (e: Error) => void): void {
  const edits = async (list: Edit[]) => { for (const edit of list) await main.request("project.edit", { edit }); };
  window.addEventListener("keydown", (e) => {
    const target = e.target as HTMLElement | null;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
    const shortcut = shortcutFor(e);
    if (!shortcut) return;
    e.preventDefault();
    const selected = [...state.selectedClips];
    const run = (): Promise<unknown> => {
      switch (shortcut) {
        case "playStop": return actions.togglePlay();
        case "export": actions.openExport(); return Promise.resolve();
        case "undo": return main.request("project.undo", {});
        case "redo": return main.request("project.redo", {});
        case "save": return main.request("project.save", {});
        case "delete": return edits(selected.map((clipId) => ({ type: "deleteClip", clipId })));
        case "duplicate": return edits(selected.map((clipId) => ({ type: "duplicateClip", clipId })));
        case "split": {
          const at = state.telemetry.positionBeats;
          const inside = selected.filter((id) => {
            const c = state.findClip(id)?.clip;
            return c && at > c.startBeat && at < c.startBeat + c.lengthBeats;
          });
          return edits(inside.map((clipId) => ({ type: "splitClip", clipId, atBeat: at })));
        }
        case "toggleSnap": state.snap = !state.snap; return Promise.resolve();
        case "addMarker": {
          const beat = state.telemetry.positionBeats;
          return edits([{ type: "addMarker", beat, name: `Marker ${state.project.markers.length + 1}` }]);
        }
      }
    };
    run().catch(report);
  });
}
