// The plugin browser: Pulse's catalogue by category, collection, tag and favourites, with search; plugins
// are dragged onto a track header or mixer strip (or added to the selected track with Enter/double-click).
// The user organises them here too: tags per plugin ("#"), new collections ("+ collection"), a plugin
// dragged onto a collection chip joins it, "✕" takes it out of the collection being shown.
import type { CatalogueChange, CatalogueView } from "../../channels";
import type { MainConnection } from "../connection/main-connection";
import { h } from "../dom/element";
import type { WorkspaceState } from "../workspace-state";
import { filterCatalogue, type CatalogueQuery } from "./catalogue-filter";

export class PluginBrowser {
  readonly element = h("div", { class: "browser", "data-testid": "plugin-browser" });
  private catalogue: CatalogueView = { plugins: [], categories: [], userTags: [], collections: [] };
  private readonly query: CatalogueQuery = { text: "", category: null, collection: null, tag: null, favouritesOnly: false };
  /** The plugin whose tags are being edited, if any. */
  private editingTags: string | null = null;
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
      ...this.catalogue.collections.map((c) => {
        const button = chip(`▤ ${c.name}`, this.query.collection === c.id, () => { this.query.collection = this.query.collection === c.id ? null : c.id; this.renderFilters(); this.renderList(); });
        button.dataset.testid = "collection-chip";
        button.addEventListener("dragover", (e) => e.preventDefault());
        button.addEventListener("drop", (e) => {
          e.preventDefault();
          const uid = e.dataTransfer?.getData("application/x-loophole-plugin");
          if (uid && !uid.startsWith("builtin:")) this.organise({ kind: "addToCollection", collection: c.id, uid });
        });
        return button;
      }),
      ...this.catalogue.userTags.map((t) => chip(`#${t}`, this.query.tag === t, () => { this.query.tag = this.query.tag === t ? null : t; this.renderFilters(); this.renderList(); })),
      this.newCollectionChip(),
    );
  }

  /** "+ collection": becomes a name field; Enter creates the collection. */
  private newCollectionChip(): HTMLElement {
    const button = h("button", { class: "chip", "data-testid": "new-collection" }, "+ collection");
    button.addEventListener("click", () => {
      const name = h("input", { type: "text", class: "chip-input", placeholder: "Collection name", "data-testid": "new-collection-name" });
      name.addEventListener("keydown", (e) => {
        e.stopPropagation(); // typing here is not a shortcut
        if (e.key === "Enter" && name.value.trim()) this.organise({ kind: "createCollection", name: name.value.trim() });
        if (e.key === "Escape") this.renderFilters();
      });
      button.replaceWith(name);
      name.focus();
    });
    return button;
  }

  /** The user's tags of one plugin as a comma-separated field; Enter saves what changed. */
  private tagEditor(p: CatalogueView["plugins"][number]): HTMLElement {
    const field = h("input", { type: "text", class: "tag-input", value: p.userTags.join(", "), placeholder: "tags, comma-separated", "data-testid": "tag-input" });
    field.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Escape") { this.editingTags = null; this.renderList(); }
      if (e.key !== "Enter") return;
      const wanted = field.value.split(",").map((t) => t.trim()).filter(Boolean);
      const lower = (list: string[]) => new Set(list.map((t) => t.toLowerCase()));
      const had = lower(p.userTags), want = lower(wanted);
      this.editingTags = null;
      const changes: CatalogueChange[] = [
        ...p.userTags.filter((t) => !want.has(t.toLowerCase())).map((tag) => ({ kind: "removeTag" as const, uid: p.uid, tag })),
        ...wanted.filter((t) => !had.has(t.toLowerCase())).map((tag) => ({ kind: "addTag" as const, uid: p.uid, tag })),
      ];
      void changes.reduce((done, change) => done.then(() => this.organise(change)), Promise.resolve()).then(() => this.renderList());
    });
    setTimeout(() => field.focus(), 0);
    return field;
  }

  private organise(change: CatalogueChange): Promise<void> {
    return this.main.request("plugins.organise", { change }).then((c) => this.show(c))
      .catch((err: Error) => { window.dispatchEvent(new CustomEvent("aura-error", { detail: err.message })); });
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
        h("span", { class: "plugin-meta" }, `${p.vendor} · ${p.format} · ${p.category}`, ...p.userTags.map((t) => h("span", { class: "tag" }, ` #${t}`))),
        p.format === "BuiltIn" ? null : h("button", {
          class: "edit-tags", title: "Edit tags", "data-testid": "edit-tags",
          onclick: (e: Event) => { e.stopPropagation(); this.editingTags = this.editingTags === p.uid ? null : p.uid; this.renderList(); },
        }, "#"),
        this.query.collection === null ? null : h("button", {
          class: "remove-from-collection", title: "Remove from this collection", "data-testid": "remove-from-collection",
          onclick: (e: Event) => { e.stopPropagation(); void this.organise({ kind: "removeFromCollection", collection: this.query.collection!, uid: p.uid }); },
        }, "✕"),
        this.editingTags === p.uid ? this.tagEditor(p) : null);
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
