// Renderer entry: connect to the main process, mirror its session into WorkspaceState, build the UI.
import { channelsUrl, MainConnection } from "./connection/main-connection";
import { Workspace } from "./workspace";
import { WorkspaceState } from "./workspace-state";

const state = new WorkspaceState();
const main = new MainConnection(channelsUrl(window.location));
const workspace = new Workspace(document.getElementById("app")!, state, main);

main.on("project.changed", (project) => state.setProject(project));
main.on("engine.status", (status) => { state.engine = status; state.emit("engine"); });
main.on("telemetry", (telemetry) => { state.telemetry = telemetry; state.emit("telemetry"); });
main.on("catalogue.changed", (catalogue) => workspace.browser.show(catalogue));
main.on("plugin.fault", (fault) => workspace.status.showFault(fault));
main.on("progress", (p) => workspace.status.showProgress(p.task, p.done, p.detail));
main.onOpenChange((open) => {
  state.connected = open;
  state.emit("engine");
  if (!open) return;
  void main.request("session.get", {}).then(({ project, engine, recovery }) => {
    state.engine = engine;
    state.emit("engine");
    state.setProject(project);
    workspace.status.showRecovery(recovery);
  });
  void workspace.browser.refresh().catch(() => {});
});
main.connect();

// Handles for e2e tests and the benchmark (read-only views of what is on screen).
Object.assign(window, { aura: { state, workspace } });
