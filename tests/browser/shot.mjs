// Ad-hoc screenshot of part of a page, for looking at a design detail:
//   node shot.mjs <file-or-url> <out.png> [width] [height] [scrollY] [light|dark|print]
import { launch } from "./chromium.mjs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [target, out, w = "390", h = "844", y = "0", scheme = "light"] = process.argv.slice(2);
const url = /^(https?|file):/.test(target) ? target : pathToFileURL(path.resolve(target)).href;
const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: +w, height: +h }, colorScheme: scheme === "print" ? "light" : scheme });
const page = await ctx.newPage();
if (scheme === "print") await page.emulateMedia({ media: "print" });
await page.goto(url);
await page.screenshot({ path: out, clip: { x: 0, y: +y, width: +w, height: +h }, fullPage: true });
await browser.close();
