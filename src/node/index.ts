// Node-only helpers, kept off the main entry so front-end bundles never see `node:fs`.

export type { DownloadToFileOptions, SavedDownload } from "./download-to-file.js";
export { downloadToFile } from "./download-to-file.js";
