// Assembles the workspace: transport on top, browser | arrange | history in the middle, mixer and
// piano roll below, status at the bottom; splitters resize panels and the sizes persist.
import type { MainConnection } from "./connection/main-connection";
import { ArrangeView } from "./arrange/arrange-view";
import { PluginBrowser } from "./browser/plugin-browser";
import { h } from "./dom/element";
import { ExportButton } from "./export/export-button";
import { HistoryPanel } from "./history/history-panel";
import { installShortcuts } from "./keyboard";
import { defaultSizes, sanitiseSizes, type PanelSizes } from "./layout/panel-sizes";
import { splitter } from "./layout/splitter";
import { MixerPanel } from "./mixer/mixer-panel";
import { PianoRoll } from "./pianoroll/piano-roll";
import { StatusBar } from "./status/status-bar";
import { TransportBar } from "./transport/transport-bar";
import type { WorkspaceState } from "./workspace-state";

export class Workspace {
  readonly arrange: ArrangeView;
  readonly mixer: MixerPanel;
  readonly browser: PluginBrowser;
  readonly status: StatusBar;
  readonly sizes: PanelSizes = { ...defaultSizes };

  constructor(root: HTMLElement, state: WorkspaceState, main: MainConnection) {
    const report = (e: Error) => window.dispatchEvent(new CustomEvent("aura-error", { detail: e.message }));
    this.status = new StatusBar(state);
    const exportButton = new ExportButton(main, this.status);
    const transport = new TransportBar(state, main, report, exportButton.element);
    this.arrange = new ArrangeView(state, main);
    this.mixer = new MixerPanel(state, main);
    this.browser = new PluginBrowser(state, main);
    const history = new HistoryPanel(state, main);
    const roll = new PianoRoll(state, main);
    const apply = () => {
      root.style.setProperty("--browser-width", `${this.sizes.browserWidth}px`);
      root.style.setProperty("--history-width", `${this.sizes.historyWidth}px`);
      root.style.setProperty("--bottom-height", `${this.sizes.bottomHeight}px`);
    };
    const persist = () => void main.request("layout.save", { layout: { ...this.sizes } }).catch(report);
    const tabs = h("div", { class: "bottom-tabs" });
    const bottomBody = h("div", { class: "bottom-body" }, this.mixer.element);
    const tab = (label: string, panel: HTMLElement) => h("button", { "data-testid": `tab-${label.toLowerCase().replace(" ", "-")}`, onclick: () => { bottomBody.replaceChildren(panel); if (panel === roll.element) roll.draw(); } }, label);
    tabs.append(tab("Mixer", this.mixer.element), tab("Piano roll", roll.element));
    root.replaceChildren(
      transport.element,
      h("div", { class: "middle" },
        this.browser.element,
        splitter("browserWidth", "x", 1, this.sizes, apply, persist),
        this.arrange.element,
        splitter("historyWidth", "x", -1, this.sizes, apply, persist),
        history.element),
      splitter("bottomHeight", "y", -1, this.sizes, apply, persist),
      h("div", { class: "bottom" }, tabs, bottomBody),
      this.status.element,
    );
    apply();
    installShortcuts(state, main, { togglePlay: () => transport.togglePlay(), openExport: () => exportButton.openMenu() }, report);
    main.onOpenChange((open) => {
      if (!open) return;
      void main.request("layout.get", {}).then(({ layout }) => { Object.assign(this.sizes, sanitiseSizes(layout)); apply(); }).catch(report);
    });
  }
}
