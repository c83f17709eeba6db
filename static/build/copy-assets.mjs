// Copies what the browser needs from govuk-frontend into static/dist/: the JavaScript
// bundle, the images the CSS refers to, and the web app manifest. The GDS Transport
// fonts are deliberately left behind: they are licensed for gov.uk only.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const source = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const target = join(root, "static", "dist");

mkdirSync(target, { recursive: true });
for (const file of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  cpSync(join(source, file), join(target, file));
}
// Start from a clean assets folder so no stale fonts survive from an earlier build.
rmSync(join(target, "assets"), { recursive: true, force: true });
cpSync(join(source, "assets", "images"), join(target, "assets", "images"), { recursive: true });
cpSync(join(source, "assets", "manifest.json"), join(target, "assets", "manifest.json"));

console.log(`Copied GOV.UK Frontend JavaScript and assets to ${target}`);
