// What the browser tests share: headless Chromium (playwright-core driving the system's
// chromium, or $CHROMIUM), and the failures a test collects as it goes and reports at the end.

import { chromium } from "playwright-core";

/** Headless Chromium without sandbox, GPU or background networking. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
}

/** The failures found so far, each as `where: what`. */
export const failures = [];

/** Records a failure at `where` (a page, a file) and goes on. */
export const fail = (where, what) => failures.push(`${where}: ${what}`);

/** Prints every recorded failure and exits 1 when there is any. */
export function exitOnFailures() {
  if (failures.length) {
    console.error(`${failures.length} failure(s):`);
    for (const f of failures) console.error("  " + f);
    process.exit(1);
  }
}
