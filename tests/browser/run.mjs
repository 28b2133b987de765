// Browser test of a built folio site, in headless Chromium (playwright-core + /usr/bin/chromium).
//
//   node run.mjs <site-dir> [screenshot-dir]
//
// Serves the site over a tiny local HTTP server and also opens it from disk (file://), loads
// every HTML page (404.html over HTTP only: it links with the absolute base URL) and fails on any
// console error (CSP violations included), page error, failed request or HTTP error, on any
// <a href>, <img src>, <link href> or <script src> that does not resolve to an existing file (a
// link to a folder must name index.html), on in-page anchors without a target, on images that do
// not decode, on pages that scroll sideways on a 390 px phone screen and on main-navigation entries
// a phone user cannot see and tap. Checks the projects table's filter and sort, and
// its filter menus with JavaScript off (a phone picks Health → Red and gets only red projects). Prints every page
// to PDF with Chromium (A4 and US Letter) and checks the page budget: the summary on at most 2
// pages, a project page on at most 3, and no page without text. Saves screenshots of the summary (1366×768 and 390×844, full page, light and dark)
// and of one project page, the pipeline page, one customer page and the summary's bridge. Checks
// the pipeline page, a customer page and the bridge chart against portfolio.json. Exits non-zero and prints every failure.
// Also checks the summary's headline
// (verdict, committed and best case, change since last week), its two decision groups, that no
// event below materiality or routine event is listed one by one, that the open escalations are
// named above the fold at 1366×768, a stale project's "as reported on" dates, the projects
// table's money columns at 1366 px and its sorting without JavaScript, and the region leads.
// Saves screenshots of the summary (1366×768 and 390×844, full page, light and dark) and of a
// (stale) project page, a region and a program. Exits non-zero and prints every failure.

import { exitOnFailures, fail, launch } from "./chromium.mjs";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import zlib from "node:zlib";

const siteDir = path.resolve(process.argv[2] || "");
const shotDir = path.resolve(process.argv[3] || "screenshots");
if (!process.argv[2] || !fs.existsSync(path.join(siteDir, "index.html"))) {
  console.error("usage: node run.mjs <built-site-dir> [screenshot-dir]");
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json",
  ".csv": "text/csv", ".xml": "application/atom+xml", ".ics": "text/calendar", ".ico": "image/x-icon",
};

function listHtml(dir, rel = "") {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listHtml(dir, r));
    else if (e.name.endsWith(".html")) out.push(r);
  }
  return out.sort();
}

function fileFor(urlPath) {
  const p = path.normalize(path.join(siteDir, decodeURIComponent(urlPath)));
  if (!p.startsWith(siteDir)) return null;
  return p;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  let p = fileFor(url.pathname);
  if (p && fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, "index.html");
  if (!p || !fs.existsSync(p)) {
    res.writeHead(404, { "content-type": TYPES[".html"] });
    res.end(fs.readFileSync(path.join(siteDir, "404.html")));
    return;
  }
  res.writeHead(200, { "content-type": TYPES[path.extname(p)] || "application/octet-stream" });
  res.end(fs.readFileSync(p));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await launch();

// Resolves a URL seen on a page to a file of the site, or null when it is outside the site.
function targetFile(u) {
  if (u.protocol === "file:") {
    const p = fileURLToPath(u);
    return p.startsWith(siteDir) ? p : null;
  }
  if (u.origin + "/" === base) return fileFor(u.pathname);
  return null;
}

async function checkPage(context, url, label, { phone, expect404 } = {}) {
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    if (expect404 && m.location().url === url && /status of 404/.test(m.text())) return;
    fail(label, `console error: ${m.text()} (${m.location().url || url})`);
  });
  page.on("pageerror", (e) => fail(label, `page error: ${e.message}`));
  page.on("requestfailed", (r) => fail(label, `request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => {
    if (r.status() >= 400 && !(expect404 && r.url() === url && r.status() === 404)) fail(label, `HTTP ${r.status()} for ${r.url()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  const found = await page.evaluate(() => {
    const refs = [];
    for (const [sel, attr] of [["a[href]", "href"], ["img[src]", "src"], ["link[href]", "href"], ["script[src]", "src"]]) {
      for (const el of document.querySelectorAll(sel)) refs.push({ raw: el.getAttribute(attr), abs: el[attr] });
    }
    const badImages = [...document.querySelectorAll("img")].filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src);
    const ids = new Set([...document.querySelectorAll("[id]")].map((e) => e.id));
    const missingAnchors = [...document.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute("href").slice(1)).filter((id) => id && !ids.has(decodeURIComponent(id)));
    // On a phone every entry of the main navigation must be on screen and tappable (not
    // scrolled away, clipped or covered), without JavaScript help.
    const navMissing = [];
    for (const a of document.querySelectorAll('nav[aria-label="Main"] a')) {
      const r = a.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const hit = r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= window.innerWidth && y < window.innerHeight
        ? document.elementFromPoint(x, y) : null;
      if (!hit || !(hit === a || a.contains(hit))) navMissing.push(a.textContent.trim());
    }
    return { refs, badImages, missingAnchors, navMissing, width: document.documentElement.scrollWidth, h1: document.querySelectorAll("h1").length };
  });
  for (const { raw, abs } of found.refs) {
    if (!raw || raw.startsWith("#") || raw.startsWith("mailto:")) continue;
    const u = new URL(abs);
    if (raw.endsWith("/") && !/^https?:/.test(raw)) fail(label, `link to a folder without index.html: ${raw}`);
    const f = targetFile(u);
    if (f === null) {
      if (u.protocol === "file:" || u.origin + "/" === base) fail(label, `link outside the site: ${raw}`);
      continue;
    }
    if (!fs.existsSync(f) || fs.statSync(f).isDirectory()) fail(label, `broken link: ${raw}`);
  }
  for (const src of found.badImages) fail(label, `image does not load: ${src}`);
  for (const id of found.missingAnchors) fail(label, `in-page link #${id} has no target`);
  if (found.h1 !== 1) fail(label, `${found.h1} <h1> elements (want 1)`);
  if (phone && found.width > 390) fail(label, `page scrolls sideways: ${found.width}px wide on a 390px screen`);
  if (phone && found.navMissing.length) fail(label, `navigation entries not reachable at 390px: ${found.navMissing.join(", ")}`);
  await page.close();
}

const pages = listHtml(siteDir);
const desktop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
for (const p of pages) {
  await checkPage(desktop, base + p, `http ${p}`);
  if (p !== "404.html") {
    await checkPage(desktop, pathToFileURL(path.join(siteDir, p)).href, `file ${p}`);
    await checkPage(phone, base + p, `phone ${p}`, { phone: true });
  }
}
// An unknown address gets the 404 page, styled through the absolute base URL.
await checkPage(desktop, base + "no/such/page/", "http missing page", { expect404: true });

// Progressive enhancement of the projects table: filter box and column sort.
{
  const page = await desktop.newPage();
  page.on("pageerror", (e) => fail("projects js", e.message));
  await page.goto(base + "projects/index.html");
  const r = await page.evaluate(async () => {
    const box = document.querySelector("[data-filter]");
    const table = document.getElementById(box?.getAttribute("data-filter") || "");
    if (!box || box.hidden || !table) return { error: "filter box not shown" };
    const rows = [...table.tBodies[0].rows];
    const input = box.querySelector("input");
    const first = rows[0].cells[0].textContent.trim();
    input.value = first;
    input.dispatchEvent(new Event("input"));
    const visible = rows.filter((r) => !r.hidden).length;
    input.value = "zzzz-no-such-project";
    input.dispatchEvent(new Event("input"));
    const none = rows.filter((r) => !r.hidden).length;
    input.value = "";
    input.dispatchEvent(new Event("input"));
    const btn = table.tHead.rows[0].cells[0].querySelector("button");
    if (!btn) return { error: "no sort button" };
    btn.click();
    const asc = [...table.tBodies[0].rows].map((r) => r.cells[0].textContent.trim());
    btn.click();
    const desc = [...table.tBodies[0].rows].map((r) => r.cells[0].textContent.trim());
    const sorted = [...asc].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" }));
    return { visible, none, total: rows.length, ascOk: JSON.stringify(asc) === JSON.stringify(sorted), descOk: JSON.stringify(desc) === JSON.stringify([...sorted].reverse()) };
  });
  if (r.error) fail("projects js", r.error);
  else {
    if (!(r.visible >= 1 && r.visible <= r.total)) fail("projects js", `filter by name shows ${r.visible} of ${r.total}`);
    if (r.none !== 0) fail("projects js", `filter for nonsense shows ${r.none} rows`);
    if (!r.ascOk || !r.descOk) fail("projects js", "sorting by the first column does not order rows");
  }
  await page.close();
}

// Filtering the projects table without JavaScript: open the Health menu, pick Red, and get a
// page listing only red projects; every facet menu is there and reachable on a phone.
{
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await ctx.newPage();
  await page.goto(base + "projects/index.html");
  const facets = await page.locator("nav.filters details summary").allTextContents();
  for (const f of ["Region", "Program", "Health", "Manager"]) {
    if (!facets.includes(f)) fail("projects no-js", `no ${f} filter menu (have ${facets.join(", ")})`);
  }
  await page.locator("nav.filters details summary", { hasText: "Health" }).click();
  await page.locator("nav.filters a", { hasText: /^Red$/ }).click();
  await page.waitForLoadState("load");
  const r = await page.evaluate(() => {
    const rows = [...document.querySelectorAll("#projects tbody tr")];
    return { url: location.pathname, n: rows.length, red: rows.filter((tr) => /\bRed\b/.test(tr.cells[1].textContent)).length };
  });
  if (!r.url.endsWith("projects/_by/health/red/index.html")) fail("projects no-js", `the Red filter went to ${r.url}`);
  if (r.n === 0 || r.red !== r.n) fail("projects no-js", `filtered page lists ${r.n} rows, ${r.red} of them red`);
  await ctx.close();
}

// The summary answers first: the current quarter (with the gap sentence), the year, the
// decisions, needs attention, the week's events, in that order; every open ask and proposed
// change request of the example is a decision; every kind of week event in portfolio.json is
// listed in words; every region in use and every register has its page, and each loads.
{
  const report = JSON.parse(fs.readFileSync(path.join(siteDir, "portfolio.json"), "utf8"));
  const page = await desktop.newPage();
  await page.goto(base + "index.html");
  const r = await page.evaluate(() => {
    const ids = ["quarter-title", "year-title", "decisions-title", "attention-title", "events-title"];
    const tops = ids.map((id) => document.getElementById(id)?.getBoundingClientRect().top ?? null);
    return {
      tops,
      firstH2: document.querySelector("main h2")?.id,
      gap: document.querySelector(".gap-sentence strong")?.textContent.trim() || "",
      verdict: document.querySelector(".gap-sentence .badge")?.textContent.trim() || "",
      change: document.querySelector("#quarter .week-change")?.textContent.trim() || "",
      groups: {
        us: [...document.querySelectorAll("#asked-of-us .decision")].map((li) => li.textContent.replace(/\s+/g, " ").trim()),
        customers: [...document.querySelectorAll("#waiting-on-customers .decision")].map((li) => li.textContent.replace(/\s+/g, " ").trim()),
      },
      evLines: [...document.querySelectorAll("#events li.ev")].map((li) => [...li.classList].find((c) => c.startsWith("ev-"))),
      decisions: [...document.querySelectorAll("#decisions .decision")].map((li) => li.textContent.replace(/\s+/g, " ").trim()),
      kinds: [...new Set([...document.querySelectorAll("#events li.ev, #events li.ev-folded")].map((li) => [...li.classList].find((c) => c.startsWith("ev-") && c !== "ev-folded")))],
      regions: [...document.querySelectorAll("#regions a")].map((a) => a.getAttribute("href")),
    };
  });
  if (r.firstH2 !== "quarter-title") fail("summary order", `the first section is ${r.firstH2}, not the quarter`);
  if (r.tops.some((t) => t === null)) fail("summary order", `missing section: ${JSON.stringify(r.tops)}`);
  else if (r.tops.some((t, i) => i > 0 && t <= r.tops[i - 1])) fail("summary order", `sections out of order: ${JSON.stringify(r.tops)}`);
  const q = report.portfolio.quarters.find((x) => x.label === report.fiscal.quarter);
  // The headline: the verdict in a word, committed and best case against the target with the
  // gap in money, and the change since last week.
  if (q && q.target) {
    const money = "\\$[\\d.]+[KMB]?";
    const re = new RegExp(`^${report.fiscal.quarter}: ${money} committed, \\d+% of the ${money} target, ${money} (short|above it); ${money} \\(\\d+%\\) if the at-risk forecast lands, ${money} (short|above it)\\.$`);
    if (!re.test(r.gap)) fail("summary headline", `headline reads "${r.gap}"`);
    const word = { on_track: "On track", at_risk: "At risk", short: "Short" }[q.verdict];
    if (r.verdict.replace(/^\S+\s+/, "") !== word) fail("summary headline", `verdict reads "${r.verdict}", expected "${word}"`);
    if (q.committed < q.target && /on track/i.test(r.gap + " " + r.verdict)) fail("summary headline", "reads on track below target");
  }
  if (!/^Since last week: committed (up from|down from|unchanged at) \d+%, best case (up from|down from|unchanged at) \d+%\.$/.test(r.change)) {
    fail("summary headline", `change since last week reads "${r.change}"`);
  }
  // Decisions in two groups: what is asked of us apart from what waits on customers.
  for (const d of report.portfolio.decisions) {
    const p = report.projects.find((x) => x.id === d.project);
    const text = d.ask !== null ? p.asks[d.ask].ask : p.changes.find((c) => c.id === d.change).title;
    const group = d.waits_on === "us" ? r.groups.us : r.groups.customers;
    const other = d.waits_on === "us" ? r.groups.customers : r.groups.us;
    const hit = group.find((x) => x.includes(text));
    if (!hit) fail("summary decisions", `"${text}" not under ${d.waits_on === "us" ? "Asked of us" : "Waiting on customers"}`);
    else if (d.asked_by && !hit.includes(`Asked by ${d.asked_by}`)) fail("summary decisions", `"${text}" does not say who asks`);
    if (other.some((x) => x.includes(text))) fail("summary decisions", `"${text}" listed in both groups`);
  }
  if (!r.groups.us.length || !r.groups.customers.length) fail("summary decisions", "the example should fill both groups");
  // No event below materiality, and routine events only folded: every event line on the page
  // is a judgement-changing kind of portfolio.json, and every eac_changed one moved ≥ 2 % of BAC.
  const routine = new Set(["risk_closed", "issue_opened", "issue_closed", "forecast_end_moved", "revenue_recognized"]);
  for (const k of r.evLines) if (routine.has(k.slice(3))) fail("summary events", `routine ${k} listed one by one`);
  const lead = report.portfolio.week_events.filter((e) => !routine.has(e.kind));
  if (r.evLines.length !== lead.length) fail("summary events", `${r.evLines.length} event lines, ${lead.length} judgement-changing events`);
  for (const e of report.portfolio.week_events.filter((e) => e.kind === "eac_changed")) {
    const bac = report.projects.find((x) => x.id === e.project).evm.bac;
    if (bac > 0 && Math.abs(e.to - e.from) < 0.02 * bac) fail("summary events", `EAC change below 2 % listed: ${e.text}`);
  }
  const wanted = [];
  for (const p of report.projects) {
    // An ask and the proposed change request it is about are one decision, listed once.
    const proposed = p.changes.filter((c) => c.status === "proposed");
    for (const a of p.asks) {
      const change = proposed.find((c) => c.id === a.change);
      wanted.push({ text: a.ask, also: [a.of, a.by, change?.title].filter(Boolean), by: a.by });
    }
    for (const c of proposed.filter((c) => !p.asks.some((a) => a.change === c.id))) wanted.push({ text: c.title, also: [p.name], by: null });
  }
  if (r.decisions.length !== wanted.length) fail("summary decisions", `${r.decisions.length} decisions listed, ${wanted.length} open asks and proposed changes`);
  for (const w of wanted) {
    const hit = r.decisions.find((d) => d.includes(w.text));
    if (!hit) fail("summary decisions", `not listed: ${w.text}`);
    else for (const a of w.also) if (!hit.includes(a)) fail("summary decisions", `"${w.text}" lacks ${a}`);
  }
  // Oldest `by` first within each group.
  for (const group of [r.groups.us, r.groups.customers]) {
    const dated = wanted.filter((w) => w.by && group.some((d) => d.includes(w.text))).sort((a, b) => a.by.localeCompare(b.by)).map((w) => group.findIndex((d) => d.includes(w.text)));
    if (dated.some((v, i) => i > 0 && v < dated[i - 1])) fail("summary decisions", "asks are not oldest by first");
  }
  for (const kind of new Set(report.portfolio.week_events.map((e) => e.kind))) {
    if (!r.kinds.includes(`ev-${kind}`)) fail("summary events", `no ${kind} event listed`);
  }
  const inUse = report.regions.filter((g) => g.project_ids.length).map((g) => `regions/${g.id}/index.html`);
  for (const href of inUse) {
    if (!r.regions.includes(href)) fail("summary regions", `no link to ${href}`);
  }
  for (const p of [...inUse, "issues/index.html", "changes/index.html", "escalations/index.html", "risks/index.html"]) {
    if (!pages.includes(p)) { fail("pages", `${p} missing`); continue; }
    const res = await page.goto(base + p);
    const h1 = await page.locator("h1").first().textContent();
    if (!res.ok() || !h1) fail("pages", `${p} does not load`);
  }
  await page.close();
}

// The pipeline page, the bridge chart and a customer page. The bridge's text alternative (its
// data table) gives the same numbers as portfolio.json's `pipeline.bridge`, in whole currency
// units; the pipeline page lists every open opportunity under each quarter it falls in; a
// customer page names its account executive and TAM and lists its projects and opportunities.
{
  const report = JSON.parse(fs.readFileSync(path.join(siteDir, "portfolio.json"), "utf8"));
  const page = await desktop.newPage();
  const whole = (s) => Number(s.replace(/[^\d.\u2212-]/g, "").replace("\u2212", "-"));
  const b = report.pipeline.bridge;
  for (const where of ["index.html", "pipeline/index.html"]) {
    if (!b) break;
    await page.goto(base + where);
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll("#fig-quarter-bridge .chart-data tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent.trim())));
    const want = [["Target", b.target], ["Recognized", b.recognized], ["Committed forecast", b.committed_forecast],
      ["Forecast at risk", b.forecast_at_risk], ["Weighted pipeline", b.pipeline], ["Gap", b.gap]].filter(([, v]) => v !== null);
    if (rows.length !== want.length) fail(`bridge ${where}`, `${rows.length} steps in the data table, ${want.length} in portfolio.json`);
    for (const [label, v] of want) {
      const row = rows.find((r) => r[0] === label);
      if (!row) fail(`bridge ${where}`, `no ${label} step`);
      else if (whole(row[1]) !== Math.round(v)) fail(`bridge ${where}`, `${label} reads ${row[1]}, portfolio.json has ${v}`);
    }
    const svg = await page.locator("#fig-quarter-bridge svg").count();
    if (svg !== 1) fail(`bridge ${where}`, "no bridge chart");
  }
  await page.goto(base + "pipeline/index.html");
  const pr = await page.evaluate(() => ({
    tables: [...document.querySelectorAll("table[id^=pipeline-fy]")].map((t) => ({ id: t.id, names: [...t.querySelectorAll("tbody th")].map((th) => th.textContent) })),
    coverage: document.querySelectorAll("#fig-pipeline-coverage .chart-data tbody tr").length,
  }));
  for (const q of report.pipeline.by_quarter) {
    const t = pr.tables.find((t) => t.id === `pipeline-${q.label.toLowerCase()}`);
    const open = report.pipeline.opportunities.filter((o) => o.by_quarter.some((x) => x.label === q.label));
    if (!t) fail("pipeline page", `no table for ${q.label}`);
    else for (const o of open) if (!t.names.some((n) => n.includes(o.name))) fail("pipeline page", `${o.id} missing under ${q.label}`);
  }
  const later = report.portfolio.quarters.filter((q) => q.start > report.as_of).length;
  if (pr.coverage !== Math.min(4, later)) fail("pipeline page", `coverage chart has ${pr.coverage} quarters, ${Math.min(4, later)} expected`);
  const account = report.accounts.find((a) => a.project_ids.length && a.opportunity_ids.length) || report.accounts[0];
  if (account) {
    const res = await page.goto(base + `customers/${account.id}/index.html`);
    const c = await page.evaluate(() => ({
      h1: document.querySelector("h1")?.textContent || "",
      facts: document.querySelector(".facts")?.textContent.replace(/\s+/g, " ") || "",
      projects: [...document.querySelectorAll("#customer-projects tbody tr")].length,
      opps: [...document.querySelectorAll("#customer-opportunities tbody th")].map((th) => th.textContent),
    }));
    if (!res.ok() || !c.h1.includes(account.name)) fail("customer page", `customers/${account.id}/ does not load`);
    for (const n of [...account.account_executive, ...account.tam]) if (!c.facts.includes(n)) fail("customer page", `${n} not named`);
    if (c.projects !== account.project_ids.length) fail("customer page", `${c.projects} projects listed, ${account.project_ids.length} in portfolio.json`);
    for (const id of account.opportunity_ids) {
      const o = report.pipeline.opportunities.find((x) => x.id === id);
      if (!c.opps.some((t) => t.includes(o.name))) fail("customer page", `opportunity ${id} missing`);
    }
  }
  await page.close();
}

// Open escalations are named above the fold at 1366×768 (severity, title, project, age, next
// step); a stale project shows the date its status was reported; the projects table shows its
// money columns at 1366 px without scrolling; region pages name their lead.
{
  const report = JSON.parse(fs.readFileSync(path.join(siteDir, "portfolio.json"), "utf8"));
  const page = await desktop.newPage();
  await page.goto(base + "index.html");
  const esc = await page.evaluate(() => [...document.querySelectorAll("#open-escalations .esc-item")].map((li) => ({
    text: li.textContent.replace(/\s+/g, " ").trim(),
    bottom: li.getBoundingClientRect().bottom,
  })));
  const open = report.projects.flatMap((p) => p.escalations.filter((e) => e.status === "open").map((e) => ({ p, e })));
  if (esc.length !== open.length) fail("summary escalations", `${esc.length} named, ${open.length} open`);
  for (const { p, e } of open) {
    const hit = esc.find((x) => x.text.includes(e.title));
    if (!hit) { fail("summary escalations", `${e.title} not named`); continue; }
    if (hit.bottom > 768) fail("summary escalations", `${e.title} below the fold (bottom ${Math.round(hit.bottom)} px)`);
    if (!hit.text.includes(p.name) || !/\d+ days? open/.test(hit.text)) fail("summary escalations", `${e.title} lacks project or age`);
    if (e.next_step && !hit.text.includes(e.next_step)) fail("summary escalations", `${e.title} lacks its next step`);
  }
  for (const p of report.projects.filter((x) => x.as_reported)) {
    await page.goto(base + `projects/${p.id}/index.html`);
    const notes = await page.locator(".as-reported").allTextContents();
    const want = `As reported on ${p.as_reported.date}, ${p.as_reported.days_ago} days ago`;
    if (notes.length < 2 || !notes.every((n) => n.includes(want))) fail("stale project", `${p.id}: status and narrative not marked "${want}" (${JSON.stringify(notes)})`);
    const ms = await page.locator("#milestones td").allTextContents();
    if (p.milestones.some((m) => m.as_reported) && !ms.some((t) => /as reported on \d{4}-\d\d-\d\d\)/.test(t))) fail("stale project", `${p.id}: milestone forecasts not dated`);
  }
  await page.goto(base + "projects/index.html");
  const cols = await page.evaluate(() => [...document.querySelectorAll("#projects thead th")].map((th) => ({ text: th.textContent.trim(), right: th.getBoundingClientRect().right })));
  for (const want of ["Remaining revenue", "Forecast this quarter", "EAC"]) {
    const th = cols.find((c) => c.text.startsWith(want));
    if (!th) fail("projects table", `no ${want} column`);
    else if (th.right > 1366) fail("projects table", `${want} off-screen at 1366 px (right edge ${Math.round(th.right)})`);
  }
  for (const g of report.regions.filter((g) => g.project_ids.length && g.lead)) {
    await page.goto(base + `regions/${g.id}/index.html`);
    const lead = await page.locator("main .lead").first().textContent();
    if (!lead.includes(g.lead)) fail("region", `${g.id} does not name its lead ${g.lead}`);
  }
  await page.close();
}

// The people page: the utilization chart (an SVG with its data table, one row per week), the
// 12-week allocation grid with its text alternative and a number and a word in every cell,
// the bench list matching portfolio.json, and every person's row linking to their projects.
{
  const report = JSON.parse(fs.readFileSync(path.join(siteDir, "portfolio.json"), "utf8"));
  for (const [label, ctx] of [["people", desktop], ["people phone", phone]]) {
    const page = await ctx.newPage();
    await page.goto(base + "people/index.html");
    const r = await page.evaluate(() => {
      const fig = document.getElementById("fig-utilization");
      const grid = document.getElementById("allocation-grid");
      const cells = grid ? [...grid.querySelectorAll("tbody td")] : [];
      const people = document.getElementById("people");
      return {
        svg: !!fig?.querySelector("svg[role=img], svg"),
        svgTitle: fig?.querySelector("svg title")?.textContent || "",
        dataRows: fig ? fig.querySelectorAll(".chart-data tbody tr").length : 0,
        desc: document.getElementById("allocation-grid-desc")?.textContent.trim() || "",
        gridHeaders: grid ? grid.tHead.rows[0].cells.length : 0,
        gridRows: grid ? grid.tBodies[0].rows.length : 0,
        badCells: cells.filter((td) => !/^\d[\d,]*% (bench|partial|full|over)$/.test(td.textContent.replace(/\s+/g, " ").trim().replace(/^\S+ /, ""))).map((td) => td.textContent.trim()).slice(0, 3),
        bench: [...document.querySelectorAll(".bench-list li a")].map((a) => a.textContent.trim()),
        benchTargets: [...document.querySelectorAll(".bench-list li a")].every((a) => document.getElementById(a.getAttribute("href").slice(1))),
        rowLinks: people ? [...people.tBodies[0].rows].map((tr) => ({ name: tr.cells[0].textContent.trim(), links: [...tr.querySelectorAll("a")].map((a) => a.getAttribute("href")) })) : [],
        width: document.documentElement.scrollWidth,
      };
    });
    if (!r.svg || !/Utilization/.test(r.svgTitle)) fail(label, `no utilization chart (title "${r.svgTitle}")`);
    if (r.dataRows !== 13) fail(label, `the chart's data table has ${r.dataRows} weeks, not 13`);
    if (!/over the 12 weeks/.test(r.desc)) fail(label, `the grid has no text alternative ("${r.desc}")`);
    if (r.gridHeaders !== 13) fail(label, `the grid has ${r.gridHeaders} columns, not a person and 12 weeks`);
    if (r.gridRows === 0) fail(label, "the grid has no rows");
    if (r.badCells.length) fail(label, `grid cells without a number and a word: ${r.badCells.join(" | ")}`);
    const bench = report.staffing.bench.map((b) => b.name);
    if (JSON.stringify(r.bench) !== JSON.stringify(bench)) fail(label, `bench list ${JSON.stringify(r.bench)}, portfolio.json ${JSON.stringify(bench)}`);
    if (!r.benchTargets) fail(label, "a bench entry links to no row");
    for (const p of report.people) {
      const row = r.rowLinks.find((x) => x.name === p.name);
      if (!row) { fail(label, `${p.name} has no row`); continue; }
      for (const id of p.projects) if (!row.links.some((h) => h.endsWith(`projects/${id}/index.html`))) fail(label, `${p.name}'s row does not link to ${id}`);
    }
    await page.screenshot({ path: path.join(shotDir, `people-${label === "people" ? "1366x768" : "390x844"}.png`), fullPage: true });
    await page.close();
  }
}

// Sorting the projects table without JavaScript: each header links to a copy sorted by it.
{
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1366, height: 768 } });
  const page = await ctx.newPage();
  await page.goto(base + "projects/index.html");
  await page.locator("#projects thead a", { hasText: "EAC" }).click();
  await page.waitForLoadState("load");
  const r = await page.evaluate(() => ({
    url: location.pathname,
    keys: [...document.querySelectorAll("#projects tbody tr")].map((tr) => parseFloat(tr.cells[6].getAttribute("data-sort"))),
  }));
  if (!r.url.endsWith("projects/_sort-eac.html")) fail("projects no-js sort", `the EAC header went to ${r.url}`);
  if (!r.keys.length || r.keys.some((k, i) => i > 0 && k > r.keys[i - 1])) fail("projects no-js sort", `not sorted by EAC, largest first: ${r.keys}`);
  await ctx.close();
}

// Print: real PDFs from Chromium's printer. A page's text is drawn by TJ/Tj operators in its
// (Flate-compressed) content stream; a page without any is an empty page.
function pdfPages(buf) {
  const src = buf.toString("latin1");
  const objects = new Map();
  for (const m of src.matchAll(/(\d+) 0 obj([\s\S]*?)(stream\r?\n|endobj)/g)) {
    let stream = null;
    if (m[3] !== "endobj") {
      const start = m.index + m[0].length;
      const end = src.indexOf("endstream", start);
      const raw = buf.subarray(start, end);
      try { stream = /FlateDecode/.test(m[2]) ? zlib.inflateSync(raw).toString("latin1") : raw.toString("latin1"); } catch { stream = ""; }
    }
    objects.set(m[1], { dict: m[2], stream });
  }
  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page\b/.test(o.dict));
  return pages.map((pg) => {
    const refs = [...(pg.dict.match(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/)?.[1] || "").matchAll(/(\d+) 0 R/g)].map((r) => r[1]);
    return refs.some((r) => /T[Jj]\b/.test(objects.get(r)?.stream || ""));
  });
}
{
  const budget = (p) => (p === "index.html" ? 2 : /^projects\/[^/]+\/index\.html$/.test(p) ? 3 : null);
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  for (const p of pages.filter((p) => p !== "404.html")) {
    await page.goto(base + p);
    for (const format of ["A4", "Letter"]) {
      const withText = pdfPages(await page.pdf({ format }));
      const empty = withText.filter((t) => !t).length;
      if (withText.length === 0) fail(`print ${p}`, `${format}: no pages found in the PDF`);
      if (empty) fail(`print ${p}`, `${format}: ${empty} of ${withText.length} printed pages are empty`);
      const max = budget(p);
      if (max && withText.length > max) fail(`print ${p}`, `${format}: prints on ${withText.length} pages (at most ${max})`);
      if (p === "index.html" && format === "A4") console.log(`summary prints on ${withText.length} A4 pages`);
    }
  }
  await ctx.close();
}

// Screenshots: the summary on a laptop and on a phone, light and dark; one project page.
for (const scheme of ["light", "dark"]) {
  for (const [name, viewport] of [["1366x768", { width: 1366, height: 768 }], ["390x844", { width: 390, height: 844 }]]) {
    const ctx = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await ctx.newPage();
    await page.goto(base + "index.html");
    await page.screenshot({ path: path.join(shotDir, `summary-${name}-${scheme}.png`), fullPage: true });
    if (scheme === "light") {
      await page.screenshot({ path: path.join(shotDir, `summary-${name}-fold.png`) });
      const report = JSON.parse(fs.readFileSync(path.join(siteDir, "portfolio.json"), "utf8"));
      // One project page (a stale one when there is one), a region and a program.
      const stale = report.projects.find((p) => p.stale) || report.projects[0];
      const region = report.regions.find((g) => g.project_ids.length);
      const program = report.programs[0];
      for (const [shot, p] of [
        ["project", stale && `projects/${stale.id}/index.html`],
        ["region", region && `regions/${region.id}/index.html`],
        ["program", program && `programs/${program.id}/index.html`],
      ]) {
        if (!p || !pages.includes(p)) continue;
        await page.goto(base + p);
        await page.screenshot({ path: path.join(shotDir, `${shot}-${name}.png`), fullPage: true });
      }
      await page.goto(base + "pipeline/index.html");
      await page.screenshot({ path: path.join(shotDir, `pipeline-${name}.png`), fullPage: true });
      const accounts = JSON.parse(fs.readFileSync(path.join(siteDir, "portfolio.json"), "utf8")).accounts;
      const account = accounts.find((a) => a.project_ids.length && a.opportunity_ids.length) || accounts[0];
      if (account) {
        await page.goto(base + `customers/${account.id}/index.html`);
        await page.screenshot({ path: path.join(shotDir, `customer-${name}.png`), fullPage: true });
      }
      await page.goto(base + "index.html#bridge");
      await page.locator("#bridge").screenshot({ path: path.join(shotDir, `summary-bridge-${name}.png`) });
    }
    await ctx.close();
  }
}

await browser.close();
server.close();
console.log(`checked ${pages.length} pages over HTTP, file:// and a 390px phone; screenshots in ${shotDir}`);
exitOnFailures();
console.log("browser test passed");
