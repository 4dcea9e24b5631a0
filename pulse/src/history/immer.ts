// Immer features Pulse relies on: patches (undo, redo, journal) and Map support (Project.tracks).
import { enableMapSet, enablePatches } from "immer";

enablePatches();
enableMapSet();
