// The undo history: every applied edit in order, the current one marked; clicking an entry undoes or
// redoes up to it.
import type { MainConnection } from "../connection/main-connection";
import { h } from "../dom/element";
import type { WorkspaceState } from "../workspace-state";

export class HistoryPanel {
  readonly element = h("div", { class: "history", "data-testid": "history" });

  constructor(private readonly state: WorkspaceState, private readonly main: MainConnection) {
    state.on("project", () => this.render());
  }

  private render(): void {
    const { history, historyCursor } = this.state.project;
    const items = history.map((entry, i) => h("li", {
      class: i === historyCursor ? "current" : i > historyCursor ? "undone" : "",
      onclick: () => void this.travelTo(i),
    }, entry.label));
    this.element.replaceChildren(h("div", { class: "panel-title" }, "History"), h("ol", {}, h("li", { class: historyCursor < 0 ? "current" : "", onclick: () => void this.travelTo(-1) }, "Open project"), ...items));
  }

  private async travelTo(index: number): Promise<void> {
    let cursor = this.state.project.historyCursor;
    while (cursor > index) { await this.main.request("project.undo", {}); cursor--; }
    while (cursor < index) { await this.main.request("project.redo", {}); cursor++; }
  }
}
