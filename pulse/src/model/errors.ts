// Typed errors: every rejection says what kind (code), what in plain words (message) and where (path,
// e.g. ["ops", 2, "gainDb"]). Throwing one inside a transaction rolls the whole transaction back.

export type PulseErrorCode =
  | "UnknownOperation"   // op name Pulse does not know
  | "InvalidValue"       // wrong type or shape
  | "OutOfRange"         // a number outside its documented range
  | "NotFound"           // an id that the project does not hold
  | "DuplicateId"        // an id already in use
  | "InvalidOperation"   // allowed values, but not here (e.g. a clip on a bus)
  | "RoutingCycle"       // outputs + sends + sidechains would form a loop
  | "DanglingReference"  // something points at an entity that is gone
  | "MissingPlugin"      // not in the caller's catalogue
  | "MissingFile"        // the file-existence check said no
  | "NothingToUndo"
  | "NothingToRedo"
  | "RevisionUnavailable" // too old to diff against; send a full snapshot
  | "CorruptFile"
  | "NewerFormat"
  | "IoFailure"
  | "PathNotAllowed";   // a file path outside the folders Loophole may read (see chorus/model/README.md)

export type ErrorPath = readonly (string | number)[];

export interface PulseErrorData {
  readonly code: PulseErrorCode;
  readonly message: string;
  readonly path: ErrorPath;
}

export class PulseError extends Error implements PulseErrorData {
  override readonly name = "PulseError";
  constructor(
    readonly code: PulseErrorCode,
    message: string,
    readonly path: ErrorPath = [],
  ) {
    super(message);
  }

  /** Plain data, for crossing an IPC boundary. */
  toData(): PulseErrorData {
    return { code: this.code, message: this.message, path: this.path };
  }

  /** The same error found under a longer path (e.g. inside ops[i]). */
  under(prefix: ErrorPath): PulseError {
    return new PulseError(this.code, this.message, [...prefix, ...this.path]);
  }
}

export function isPulseError(e: unknown): e is PulseError {
  return e instanceof PulseError;
}
