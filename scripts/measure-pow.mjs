// How long the reset page's WebAssembly takes to solve its proof of work, in Chromium, from the
// moment the page is hydrated (when solving starts) to the moment the solution is in the form.
// Run it against a release server whose challenges are as hard as you want to measure, e.g. the
// highest difficulty an address's volume can reach by default:
//   SSPR_POW_BITS=23 target/release/sspr serve   then   node scripts/measure-pow.mjs
// POW_BASE_URL (http://127.0.0.1:3000), POW_RUNS (10) and POW_CPU_THROTTLE (1,4: Chromium's CPU
// slow-down factors; 4 is a common stand-in for a mid-range phone) change the run. Each run is
// a fresh browser context, hence a fresh challenge; the work is random, so look at the spread.
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "..", "end2end", "package.json"));
const { chromium } = require("@playwright/test");

const base = process.env.POW_BASE_URL ?? "http://127.0.0.1:3000";
const runs = Number(process.env.POW_RUNS ?? 10);
const throttles = (process.env.POW_CPU_THROTTLE ?? "1,4").split(",").map(Number);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu", "--no-first-run"],
});

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

for (const rate of throttles) {
  const times = [];
  let bits = null;
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    await page.goto(`${base}/reset`, { waitUntil: "domcontentloaded" });
    const ms = await page.evaluate(
      () =>
        new Promise((resolve) => {
          let hydratedAt = null;
          const poll = () => {
            if (hydratedAt === null && document.body.dataset.hydrated === "true") hydratedAt = performance.now();
            const solved = document.querySelector('input[name="pow"]')?.value;
            if (hydratedAt !== null && solved) resolve(performance.now() - hydratedAt);
            else setTimeout(poll, 2);
          };
          poll();
        }),
    );
    const token = await page.locator('input[name="challenge"]').inputValue();
    bits = token.split(".")[2];
    times.push(ms);
    await context.close();
  }
  times.sort((a, b) => a - b);
  const f = (x) => `${Math.round(x)} ms`;
  console.log(
    `CPU x${rate}, ${bits} bits, ${runs} runs: median ${f(quantile(times, 0.5))}, p90 ${f(quantile(times, 0.9))}, slowest ${f(times[times.length - 1])}`,
  );
}

await browser.close();
