// The plugin browser: Pulse's catalogue by category, collection and favourites, with search; plugins
// are dragged onto a track header or mixer strip (or added to the selected track with Enter/double-click).
import type { CatalogueView } from "../../channels";
import type { MainConnection } from "../connection/main-connection";
import { h } from "../dom/element";
import type { WorkspaceState } from "../workspace-state";
import { filterCatalogue, type CatalogueQuery } from "./catalogue-filter";

export class PluginBrowser {
  readonly element = h("div", { class: "browser", "data-testid": "plugin-browser" });
  private catalogue: CatalogueView = { plugins: [], categories: [], collections: [] };
  private readonly query: CatalogueQuery = { text: "", category: null, collection: null, favouritesOnly: false };
  private readonly search = h("input", { type: "search", placeholder: "Search plugins", "data-testid": "plugin-search" });
  private readonly list = h("ul", { class: "plugin-list" });
  private readonly filters = h("div", { class: "filters" });

  constructor(private readonly state: WorkspaceState, private readonly main: MainConnection) {
    this.search.addEventListener("input", () => { this.query.text = this.search.value; this.renderList(); });
    this.element.append(h("div", { class: "panel-title" }, "Plugins"), this.search, this.filters, this.list);
  }

  async refresh(): Promise<void> {
    this.show(await this.main.request("plugins.catalogue", {}));
  }

  show(catalogue: CatalogueView): void {
    this.catalogue = catalogue;
    this.renderFilters();
    this.renderList();
  }

  private renderFilters(): void {
    const chip = (label: string, active: boolean, onclick: () => void) => h("button", { class: `chip${active ? " on" : ""}`, onclick }, label);
    this.filters.replaceChildren(
      chip("★ Favourites", this.query.favouritesOnly, () => { this.query.favouritesOnly = !this.query.favouritesOnly; this.renderFilters(); this.renderList(); }),
      ...this.catalogue.categories.map((c) => chip(c, this.query.category === c, () => { this.query.category = this.query.category === c ? null : c; this.renderFilters(); this.renderList(); })),
      ...this.catalogue.collections.map((c) => chip(`▤ ${c.name}`, this.query.collection === c.name, () => { this.query.collection = this.query.collection === c.name ? null : c.name; this.renderFilters(); this.renderList(); })),
    );
  }

  private renderList(): void {
    const plugins = filterCatalogue(this.catalogue, this.query);
    this.list.replaceChildren(...plugins.slice(0, 500).map((p) => {
      const item = h("li", { draggable: "true", class: "plugin", title: `${p.vendor} · ${p.format} · ${p.tags.join(", ")}`, "data-uid": p.uid, "data-testid": "plugin-item" },
        h("span", { class: "plugin-name" },
          p.format === "BuiltIn" ? null : h("button", {
            class: `star${p.favourite ? " on" : ""}`, title: p.favourite ? "Remove from favourites" : "Add to favourites", "data-testid": "favourite",
            onclick: (e: Event) => {
              e.stopPropagation();
              void this.main.request("plugins.setFavourite", { uid: p.uid, favourite: !p.favourite }).then((c) => this.show(c))
                .catch((err: Error) => window.dispatchEvent(new CustomEvent("aura-error", { detail: err.message })));
            },
          }, p.favourite ? "★" : "☆"),
          p.name),
        h("span", { class: "plugin-meta" }, `${p.vendor} · ${p.format} · ${p.category}`));
      item.addEventListener("dragstart", (e) => {
        e.dataTransfer?.setData("application/x-loophole-plugin", p.uid);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = "copy";
      });
      item.addEventListener("dblclick", () => {
        const track = this.state.selectedTrack;
        if (track) void this.main.request("project.edit", { edit: { type: "addPlugin", trackId: track, uid: p.uid } }).catch((e: Error) => window.dispatchEvent(new CustomEvent("aura-error", { detail: e.message })));
      });
      return item;
    }));
  }
}
