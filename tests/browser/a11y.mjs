// Accessibility test of a built folio site: runs axe-core's WCAG 2.1 A and AA rules (contrast,
// landmarks, names of controls, table headers, ...) on every HTML page, in light and dark
// colour schemes, in headless Chromium. Exits non-zero and prints every violation.
//
//   node a11y.mjs <site-dir>

import { launch } from "./chromium.mjs";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const siteDir = path.resolve(process.argv[2] || "");
if (!process.argv[2] || !fs.existsSync(path.join(siteDir, "index.html"))) {
  console.error("usage: node a11y.mjs <built-site-dir>");
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

function listHtml(dir, rel = "") {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listHtml(dir, r));
    else if (e.name.endsWith(".html") && r !== "404.html") out.push(r);
  }
  return out.sort();
}

const browser = await launch();
const failures = [];
let checked = 0;
try {
  for (const colorScheme of ["light", "dark"]) {
    // bypassCSP only lets the test inject axe; the pages themselves keep their strict policy.
    const page = await browser.newPage({ colorScheme, bypassCSP: true, viewport: { width: 1366, height: 768 } });
    for (const rel of listHtml(siteDir)) {
      await page.goto(pathToFileURL(path.join(siteDir, rel)).href);
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() =>
        window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }),
      );
      checked++;
      for (const v of result.violations) {
        for (const n of v.nodes) {
          failures.push(`${colorScheme} ${rel}: ${v.id} (${v.impact}): ${n.html.slice(0, 160)}\n    ${n.failureSummary.replace(/\n/g, "\n    ")}`);
        }
      }
    }
    await page.close();
  }
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join("\n"));
  console.error(`accessibility test failed: ${failures.length} violation(s)`);
  process.exit(1);
}
console.log(`axe-core WCAG 2.1 AA: no violations on ${checked} page loads (light and dark)`);
