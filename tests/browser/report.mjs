// Browser test of one-file status reports (`folio report`), in headless Chromium
// (playwright-core + /usr/bin/chromium).
//
//   node report.mjs <screenshot-dir> <report.html> [<report.html>...]
//
// Opens each report from disk (file://, as from an email attachment) with the network blocked,
// and fails on any console error (CSP violations included), page error or request for anything
// but the file itself and data: URLs, on a page wider than a 390 px phone screen, and when it
// prints to PDF on more than two A4 or Letter pages. Saves a screenshot of each report (full
// page, 1000 px wide) and of its first printed page as the browser lays it out for print.

import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [shotArg, ...files] = process.argv.slice(2);
if (!shotArg || files.length === 0) {
  console.error("usage: node report.mjs <screenshot-dir> <report.html> [<report.html>...]");
  process.exit(2);
}
const shotDir = path.resolve(shotArg);
fs.mkdirSync(shotDir, { recursive: true });

const failures = [];
const fail = (where, what) => failures.push(`${where}: ${what}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(buf) {
  return (buf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
}

for (const file of files) {
  const abs = path.resolve(file);
  const url = pathToFileURL(abs).href;
  const name = path.basename(abs, ".html");
  for (const [label, viewport] of [["desktop", { width: 1000, height: 800 }], ["phone", { width: 390, height: 844 }]]) {
    const ctx = await browser.newContext({ viewport });
    const page = await ctx.newPage();
    page.on("console", (m) => { if (m.type() === "error") fail(`${name} (${label})`, `console error: ${m.text()}`); });
    page.on("pageerror", (e) => fail(`${name} (${label})`, `page error: ${e.message}`));
    await page.route("**/*", (route) => {
      const u = route.request().url();
      if (u === url || u.startsWith("data:")) return route.continue();
      fail(`${name} (${label})`, `requests ${u}`);
      return route.abort();
    });
    await page.goto(url, { waitUntil: "load" });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > viewport.width) fail(`${name} (${label})`, `page is ${width}px wide on a ${viewport.width}px screen`);
    const scripts = await page.evaluate(() => document.scripts.length);
    if (scripts > 0) fail(name, `${scripts} script element(s)`);
    if (label === "desktop") {
      await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
      for (const format of ["A4", "Letter"]) {
        const pdf = await page.pdf({ format, printBackground: true });
        const n = pdfPages(pdf);
        console.log(`${name}: ${n} ${format} page(s), ${Math.round(fs.statSync(abs).size / 1024)} KiB`);
        if (n < 1 || n > 2) fail(name, `prints on ${n} ${format} pages (at most 2)`);
        if (format === "A4") fs.writeFileSync(path.join(shotDir, `${name}.pdf`), pdf);
      }
      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.screenshot({ path: path.join(shotDir, `${name}-print.png`) });
    }
    await ctx.close();
  }
}
await browser.close();

if (failures.length) {
  console.error(`${failures.length} failure(s):\n  ` + failures.join("\n  "));
  process.exit(1);
}
console.log(`checked ${files.length} report(s): no console errors, nothing fetched, at most 2 printed pages; screenshots in ${shotDir}`);
