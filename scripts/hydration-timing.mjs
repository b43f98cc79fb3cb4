// How long a first visit of a page takes until it is hydrated (interactive), in Chromium, on
// the phone profile of issue 14 (CDP: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, CPU
// slowed down 4 times) and unthrottled. Each run is a fresh browser context: nothing cached.
// Prints, per profile, the median and slowest time to `<body data-hydrated>` (taken in the page
// when the router sets it), the time the WebAssembly finished downloading, the time to the
// first paint of the server's HTML, and the bytes on the wire with their encodings.
//   node scripts/hydration-timing.mjs [--url http://127.0.0.1:3997] [--path /reset] [--runs 5]
// Run by scripts/measure-web.sh. Node 20 and Playwright from end2end/.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "end2end", "package.json"));
const { chromium } = require("@playwright/test");

const { values: opts } = parseArgs({
  options: {
    url: { type: "string", default: process.env.SSPR_PUBLIC_URL ?? "http://127.0.0.1:3997" },
    path: { type: "string", default: "/reset" },
    runs: { type: "string", default: "5" },
  },
});
const base = opts.url.replace(/\/+$/, "");
const runs = Number(opts.runs);

const profiles = [
  { name: "unthrottled", network: null, cpu: 1 },
  {
    name: "phone (1.6 Mbit/s, 150 ms RTT, CPU x4)",
    network: { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9 },
    cpu: 4,
  },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu", "--no-first-run", "--disable-quic"],
});
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (x) => `${Math.round(x)} ms`;

for (const profile of profiles) {
  const hydrated = [];
  const painted = [];
  const arrived = [];
  let wire = null;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    // The moment the router marks the page hydrated, taken in the page itself: the time
    // Playwright then takes to notice it and to ask is not the page's.
    await context.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body?.dataset.hydrated === "true") {
          window.__hydratedAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    if (profile.network) await cdp.send("Network.emulateNetworkConditions", profile.network);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
    const bytes = new Map();
    cdp.on("Network.responseReceived", (e) => bytes.set(e.requestId, { url: e.response.url, encoding: e.response.headers["content-encoding"] ?? e.response.headers["Content-Encoding"] ?? "identity" }));
    cdp.on("Network.loadingFinished", (e) => {
      const r = bytes.get(e.requestId);
      if (r) r.wire = e.encodedDataLength;
    });
    await page.goto(`${base}${opts.path}`, { waitUntil: "commit" });
    await page.locator('body[data-hydrated="true"]').waitFor({ timeout: 120_000 });
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      const wasm = performance.getEntriesByType("resource").find((r) => r.name.endsWith(".wasm"));
      return {
        hydrated: window.__hydratedAt - nav.startTime,
        painted: paint ? paint.startTime - nav.startTime : NaN,
        wasm: wasm ? wasm.responseEnd - nav.startTime : NaN,
      };
    });
    hydrated.push(t.hydrated);
    painted.push(t.painted);
    arrived.push(t.wasm);
    if (i === 0) wire = [...bytes.values()].filter((r) => r.wire !== undefined);
    await context.close();
  }
  hydrated.sort((a, b) => a - b);
  painted.sort((a, b) => a - b);
  arrived.sort((a, b) => a - b);
  const total = wire.reduce((s, r) => s + r.wire, 0);
  console.log(`${opts.path}, ${profile.name}, ${runs} runs:`);
  console.log(`  hydrated: median ${ms(quantile(hydrated, 0.5))}, slowest ${ms(hydrated[hydrated.length - 1])}; first paint: median ${ms(quantile(painted, 0.5))}; WebAssembly downloaded: median ${ms(quantile(arrived, 0.5))}`);
  console.log(`  on the wire (headers included): ${(total / 1000).toFixed(1)} kB`);
  for (const r of wire) console.log(`    ${r.encoding.padEnd(8)} ${(r.wire / 1000).toFixed(1).padStart(8)} kB  ${new URL(r.url).pathname}`);
}
await browser.close();
