// One object for a plugin browser: the catalogue from the latest scan, the user's library with undo,
// and search over both, kept consistent as either changes.
import { PluginCatalogue } from "./catalogue";
import { LibraryHistory } from "./library-history";
import type { LibraryOperation } from "./library-operations";
import type { UserLibrary } from "./library";
import type { ScannedPlugin } from "./scanned-plugin";
import { PluginSearch, type SearchFilter, type SearchHit } from "./search";

export type OrganiserListener = (organiser: PluginOrganiser) => void;

export class PluginOrganiser {
  private scanned: readonly ScannedPlugin[];
  private readonly history: LibraryHistory;
  private currentCatalogue: PluginCatalogue;
  private currentSearch: PluginSearch | undefined;
  private readonly listeners = new Set<OrganiserListener>();

  constructor(scanned: readonly ScannedPlugin[], library: UserLibrary) {
    this.scanned = scanned;
    this.history = new LibraryHistory(library);
    this.currentCatalogue = PluginCatalogue.fromScan(scanned, library.aliases);
  }

  get catalogue(): PluginCatalogue {
    return this.currentCatalogue;
  }

  get library(): UserLibrary {
    return this.history.library;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  /** A new scan (plugins installed, removed or blocked): the library is untouched. */
  rescan(scanned: readonly ScannedPlugin[]): void {
    this.scanned = scanned;
    this.changed(true);
  }

  /** One undo step; throws LibraryOperationError (changing nothing) when an operation is invalid. */
  apply(operations: LibraryOperation | readonly LibraryOperation[], label = ""): void {
    const aliases = this.library.aliases;
    this.history.apply(operations, label);
    this.changed(this.library.aliases !== aliases);
  }

  undo(): boolean {
    return this.step(() => this.history.undo());
  }

  redo(): boolean {
    return this.step(() => this.history.redo());
  }

  search(query: string, filter?: SearchFilter, limit?: number): SearchHit[] {
    this.currentSearch ??= new PluginSearch(this.currentCatalogue, this.library);
    return this.currentSearch.search(query, filter, limit);
  }

  subscribe(listener: OrganiserListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private step(move: () => boolean): boolean {
    const aliases = this.library.aliases;
    const moved = move();
    if (moved) this.changed(this.library.aliases !== aliases);
    return moved;
  }

  private changed(regroup: boolean): void {
    // Aliases decide which scanned binaries form one plugin; everything else only changes search.
    if (regroup) this.currentCatalogue = PluginCatalogue.fromScan(this.scanned, this.library.aliases);
    this.currentSearch = undefined; // rebuilt lazily: tags and favourites feed the ranking
    for (const listener of this.listeners) listener(this);
  }
}
