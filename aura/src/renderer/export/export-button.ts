// "Export…": a menu of the three WAV formats; the main process renders the mix with the running
// engine and says where it wrote it. One export at a time: while one runs, another is refused here
// with a word instead of a second request.
import type { Requests } from "../../channels";
import type { MainConnection } from "../connection/main-connection";
import { h } from "../dom/element";
import { pickList } from "../dom/pick-list";
import type { StatusBar } from "../status/status-bar";

type ExportFormat = Requests["project.export"]["params"]["format"];

/** Dither follows the main process's default: on for 16-bit. */
const FORMATS: readonly { label: string; value: ExportFormat }[] = [
  { label: "WAV 16-bit (dithered)", value: "16" },
  { label: "WAV 24-bit", value: "24" },
  { label: "WAV 32-bit float", value: "32f" },
];

export class ExportButton {
  private readonly button = h("button", { class: "export", title: "Export the mix as a WAV file (Ctrl+E)", "data-testid": "export" }, "Export…");
  /** The button and, while open, its menu (placed under the button's right edge, inside the window). */
  readonly element = h("span", { class: "export-control" }, this.button);
  private exporting = false;

  constructor(private readonly main: MainConnection, private readonly status: StatusBar) {
    this.button.addEventListener("click", () => this.openMenu());
  }

  /** Opens the format menu next to the button (or says an export is running). */
  openMenu(): void {
    if (this.exporting) { this.status.showExportBusy(); return; }
    if (this.element.querySelector(".pick-list")) return;
    const menu = pickList("Export as…", FORMATS, (format) => void this.export(format), "export-menu");
    this.element.append(menu);
    menu.focus();
  }

  async export(format: ExportFormat): Promise<void> {
    if (this.exporting) { this.status.showExportBusy(); return; }
    this.exporting = true;
    this.button.classList.add("on");
    this.status.showExportStarted();
    try {
      const { path, seconds, renderSeconds } = await this.main.request("project.export", { format });
      this.status.showExported(path, seconds, renderSeconds);
    } catch (error) {
      this.status.showExportFailed((error as Error).message);
    } finally {
      this.exporting = false;
      this.button.classList.remove("on");
    }
  }
}
