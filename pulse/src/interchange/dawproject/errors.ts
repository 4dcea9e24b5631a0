// One error type for everything that can be wrong with a DAWproject file, with where it went wrong.
export class DawProjectError extends Error {
  override name = "DawProjectError";
}
