// Browser test of one-file status reports (`folio report`), in headless Chromium
// (playwright-core + /usr/bin/chromium).
//
//   node report.mjs <screenshot-dir> <report.html> [<report.html>...]
//
// A report whose file name ends in `-internal.html` must say INTERNAL on screen (its first line
// and its title) and on every printed page (checked in the PDF's text); any other report (the
// customer's) must not say INTERNAL anywhere, on screen or on paper. Each project's pair is
// `<id>-<as-of>-customer.html` and `<id>-<as-of>-internal.html`, the names `folio report` gives.
//
// Opens each report from disk (file://, as from an email attachment) with the network blocked,
// and fails on any console error (CSP violations included), page error or request for anything
// but the file itself and data: URLs, on a page wider than a 390 px phone screen, and when it
// prints to PDF on more than two A4 or Letter pages. Saves a screenshot of each report (full
// page, 1000 px wide) and of its first printed page as the browser lays it out for print.

import { exitOnFailures, fail, launch } from "./chromium.mjs";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";

const [shotArg, ...files] = process.argv.slice(2);
if (!shotArg || files.length === 0) {
  console.error("usage: node report.mjs <screenshot-dir> <report.html> [<report.html>...]");
  process.exit(2);
}
const shotDir = path.resolve(shotArg);
fs.mkdirSync(shotDir, { recursive: true });

const browser = await launch();

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
function pdfPages(buf) {
  return (buf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
}

/**
 * The text of each page of a PDF as Chromium writes it: its content streams' text-showing
 * operators, decoded through each font's ToUnicode map. Returns one string per page.
 */
function pdfText(buf) {
  const bin = buf.toString("latin1");
  // Every object: its dictionary text and its (inflated) stream.
  const objects = new Map();
  for (const m of bin.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.indexOf("stream");
    let dict = body, stream = null;
    if (at >= 0 && /^stream\r?\n/.test(body.slice(at))) {
      dict = body.slice(0, at);
      const start = at + body.slice(at).match(/^stream\r?\n/)[0].length;
      const end = body.lastIndexOf("endstream");
      let raw = Buffer.from(body.slice(start, end), "latin1");
      if (/\/FlateDecode/.test(dict)) {
        try { raw = zlib.inflateSync(raw); } catch { raw = zlib.inflateSync(raw.subarray(0, raw.length - 1)); }
      }
      stream = raw.toString("latin1");
    }
    objects.set(m[1], { dict, stream });
  }
  const hex = (h) => h.replace(/\s+/g, "");
  // Font object number → (glyph code hex → text), from its ToUnicode CMap.
  const cmaps = new Map();
  const cmapOf = (fontObj) => {
    if (cmaps.has(fontObj)) return cmaps.get(fontObj);
    const map = new Map();
    const ref = objects.get(fontObj)?.dict.match(/\/ToUnicode\s+(\d+) 0 R/);
    const cmap = ref && objects.get(ref[1])?.stream;
    const utf16 = (h) => Buffer.from(hex(h), "hex").swap16().toString("utf16le");
    if (cmap) {
      for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
        for (const p of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(p[1].toUpperCase(), utf16(p[2]));
      }
      for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
        for (const r of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
          const width = r[1].length, lo = parseInt(r[1], 16), hi = parseInt(r[2], 16);
          const first = Buffer.from(hex(r[3]), "hex").swap16().toString("utf16le");
          for (let g = lo; g <= hi; g++) {
            const text = first.slice(0, -1) + String.fromCharCode(first.charCodeAt(first.length - 1) + g - lo);
            map.set(g.toString(16).toUpperCase().padStart(width, "0"), text);
          }
        }
      }
    }
    cmaps.set(fontObj, map);
    return map;
  };
  const pages = [];
  for (const [, o] of objects) {
    if (!/\/Type\s*\/Page(?![a-z])/.test(o.dict)) continue;
    // The page's fonts: resource name → font object (the resources inline or referenced).
    let res = o.dict;
    const resRef = o.dict.match(/\/Resources\s+(\d+) 0 R/);
    if (resRef) res = objects.get(resRef[1])?.dict || "";
    let fontDict = res.match(/\/Font\s*<<([\s\S]*?)>>/)?.[1];
    const fontRef = res.match(/\/Font\s+(\d+) 0 R/);
    if (!fontDict && fontRef) fontDict = objects.get(fontRef[1])?.dict || "";
    const fonts = new Map([...(fontDict || "").matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)].map((m) => [m[1], m[2]]));
    const contents = [];
    const c = o.dict.match(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/);
    if (c) for (const r of c[1].matchAll(/(\d+) 0 R/g)) contents.push(objects.get(r[1])?.stream || "");
    let text = "", font = null;
    for (const stream of contents) {
      for (const t of stream.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|(\[(?:[^\]]*)\]\s*TJ|<[0-9A-Fa-f\s]*>\s*Tj)|(T\*|Td|TD|ET)\b/g)) {
        if (t[1]) { font = cmapOf(fonts.get(t[1])); continue; }
        if (t[3]) { text += " "; continue; }
        for (const h of t[2].matchAll(/<([0-9A-Fa-f\s]*)>/g)) {
          const codes = hex(h[1]).toUpperCase();
          for (let i = 0; i + 4 <= codes.length; i += 4) text += font?.get(codes.slice(i, i + 4)) ?? "";
        }
      }
    }
    pages.push(text.replace(/\s+/g, " "));
  }
  return pages;
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
    const internal = name.endsWith("-internal");
    if (label === "desktop") {
      const first = await page.evaluate(() => document.body.innerText.trim().split("\n")[0]);
      const title = await page.title();
      const all = await page.evaluate(() => document.documentElement.outerHTML);
      if (internal) {
        if (!/^INTERNAL\b.*not to be forwarded/.test(first)) fail(name, `first line is not the INTERNAL banner: ${first}`);
        if (!title.includes("INTERNAL")) fail(name, `title lacks INTERNAL: ${title}`);
      } else if (/INTERNAL/i.test(all.replace(/<style>[\s\S]*?<\/style>/, ""))) {
        fail(name, "says INTERNAL (a customer report must not)");
      }
    }
    if (label === "desktop") {
      await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
      for (const format of ["A4", "Letter"]) {
        const pdf = await page.pdf({ format, printBackground: true });
        const n = pdfPages(pdf);
        console.log(`${name}: ${n} ${format} page(s), ${Math.round(fs.statSync(abs).size / 1024)} KiB`);
        if (n < 1 || n > 2) fail(name, `prints on ${n} ${format} pages (at most 2)`);
        const texts = pdfText(pdf);
        if (texts.length !== n) fail(name, `read the text of ${texts.length} of ${n} printed pages`);
        texts.forEach((t, i) => {
          // Glyphs may be placed one by one: compare without white space.
          const says = t.replace(/\s+/g, "").includes("INTERNAL—nottobeforwarded");
          if (internal && !says) fail(name, `printed page ${i + 1} (${format}) does not say INTERNAL: ${t.slice(0, 120)}`);
          if (!internal && /INTERNAL/i.test(t.replace(/\s+/g, ""))) fail(name, `printed page ${i + 1} (${format}) says INTERNAL`);
          if (!t.trim()) fail(name, `printed page ${i + 1} (${format}) has no text`);
        });
        if (internal) console.log(`${name}: every printed ${format} page says INTERNAL`);
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

// Each project's two reports sit side by side under the names `folio report` gives them.
for (const file of files.filter((f) => f.endsWith("-internal.html"))) {
  const customer = file.replace(/-internal\.html$/, "-customer.html");
  if (!/-\d{4}-\d{2}-\d{2}-internal\.html$/.test(file)) fail(path.basename(file), "not named <id>-<as-of>-internal.html");
  if (!fs.existsSync(customer)) fail(path.basename(file), `no customer report ${path.basename(customer)} beside it`);
}
exitOnFailures();
console.log(`checked ${files.length} report(s): no console errors, nothing fetched, at most 2 printed pages, INTERNAL on every internal page and nowhere else; screenshots in ${shotDir}`);
