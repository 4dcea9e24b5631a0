// The format to load for a plugin, honouring the user's choice from their library.
import { preferredVariant, type CataloguePlugin } from "./catalogue";
import { organisationOf, type UserLibrary } from "./library";
import type { ScannedPlugin } from "./scanned-plugin";

export function variantToLoad(plugin: CataloguePlugin, library: UserLibrary): ScannedPlugin | undefined {
  return preferredVariant(plugin, organisationOf(library, plugin.key).preferredFormat ?? undefined);
}
