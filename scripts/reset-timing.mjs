// Can a reset request tell which user IDs exist? (SPEC §3, issue 4 item 3.) Sends password-reset
// starts for known and unknown user IDs in random order, times each, and compares what came back:
// the status, the header names, the Location and the cookie's shape must be the same for both, and
// the latencies close (target: medians and p90s within 5 ms).
//
//   node scripts/reset-timing.mjs [--url http://127.0.0.1:3999] [--requests 500] [--warmup 20]
//
// Known IDs are seed1@contoso.example … (`sspr seed --accounts <requests + warmup>`), each used
// once because an account may start only 5 resets per hour; unknown IDs are fresh random ones.
// The server must allow that many resets from one address (SSPR_RESET_ADDRESS_LIMIT) and should
// ask little work (SSPR_POW_BITS=4): each challenge is solved before its request, outside the timing.
// Exit status: 0 when both groups look the same (whatever the timing), 1 when they do not.
// Node 20, no dependencies.

import { randomBytes, randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { solve } from "./lib/pow.mjs";

const { values: opts } = parseArgs({
  options: {
    url: { type: "string", default: process.env.SSPR_PUBLIC_URL ?? "http://127.0.0.1:3999" },
    requests: { type: "string", default: "500" },
    warmup: { type: "string", default: "20" },
  },
});
const base = opts.url.replace(/\/+$/, "");
const requests = Number(opts.requests);
const warmup = Number(opts.warmup);
const TARGET_MS = 5;

const knownId = (i) => `seed${i}@contoso.example`;
const unknownId = () => `nobody-${randomBytes(8).toString("hex")}@contoso.example`;

function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

async function challenge() {
  const res = await fetch(`${base}/api/reset_challenge`, { headers: { Accept: "application/json" } });
  if (res.status !== 200) throw new Error(`GET /api/reset_challenge answered ${res.status}: ${await res.text()}`);
  const { token, bits } = await res.json();
  if (typeof token !== "string" || !Number.isInteger(bits)) throw new Error("the challenge is not {token, bits}");
  return { token, nonce: solve(token, bits) };
}

/// One reset start as a browser's form post makes it; only the POST is timed.
async function startReset(userId) {
  const { token, nonce } = await challenge();
  const body = new URLSearchParams({ user_id: userId, challenge: token, pow: String(nonce) });
  const started = performance.now();
  const res = await fetch(`${base}/api/start_reset`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "text/html",
      Origin: new URL(base).origin,
      "Sec-Fetch-Site": "same-origin",
    },
    body,
  });
  const bytes = (await res.arrayBuffer()).byteLength;
  const ms = performance.now() - started;
  return {
    ms,
    status: res.status,
    headers: [...res.headers.keys()].join(" "),
    location: res.headers.get("location") ?? "(none)",
    // Name and attributes: the value is random for everyone.
    cookies: res.headers.getSetCookie().map((c) => c.replace(/=[^;]*/, "=…")).join(" | ") || "(none)",
    bytes,
  };
}

/// Nearest-rank percentile of sorted values.
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function summarise(results) {
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const distinct = (key) => [...new Set(results.map((r) => r[key]))].sort();
  return {
    count: ms.length,
    median: percentile(ms, 50),
    p90: percentile(ms, 90),
    p99: percentile(ms, 99),
    status: distinct("status"),
    headers: distinct("headers"),
    location: distinct("location"),
    cookies: distinct("cookies"),
    bytes: distinct("bytes"),
  };
}

async function run(plan, label) {
  const results = { known: [], unknown: [] };
  for (const [i, { group, userId }] of plan.entries()) {
    results[group].push(await startReset(userId));
    if ((i + 1) % 100 === 0) process.stderr.write(`${label}: ${i + 1}/${plan.length}\n`);
  }
  return results;
}

const plan = (from, count) => [
  ...Array.from({ length: count }, (_, i) => ({ group: "known", userId: knownId(from + i) })),
  ...Array.from({ length: count }, () => ({ group: "unknown", userId: unknownId() })),
];

console.log(`reset timing against ${base}: ${requests} known and ${requests} unknown user IDs, random order`);
// The warm-up's known IDs come after the measured ones, so each account still starts one reset.
await run(shuffle(plan(requests + 1, Math.ceil(warmup / 2))), "warm-up");
const { known, unknown } = await run(shuffle(plan(1, requests)), "measured");
const k = summarise(known);
const u = summarise(unknown);

const fmt = (x) => x.toFixed(2).padStart(8);
console.log("\n             count   median      p90      p99   (ms, POST /api/start_reset only)");
for (const [name, s] of [["known", k], ["unknown", u]]) {
  console.log(`${name.padEnd(10)} ${String(s.count).padStart(7)} ${fmt(s.median)} ${fmt(s.p90)} ${fmt(s.p99)}`);
}
const dMedian = u.median - k.median;
const dP90 = u.p90 - k.p90;
const within = Math.abs(dMedian) < TARGET_MS && Math.abs(dP90) < TARGET_MS;
console.log(`difference (unknown - known): median ${dMedian.toFixed(2)} ms, p90 ${dP90.toFixed(2)} ms` +
  ` — target under ${TARGET_MS} ms: ${within ? "met" : "NOT met"}`);

let same = true;
console.log("");
for (const [key, title] of [["status", "status"], ["headers", "header names"], ["location", "Location"], ["cookies", "Set-Cookie (values hidden)"], ["bytes", "body bytes"]]) {
  const a = JSON.stringify(k[key]);
  const b = JSON.stringify(u[key]);
  if (a === b) {
    console.log(`${title}: same for both: ${k[key].join(" ; ")}`);
  } else {
    same = false;
    console.log(`${title}: DIFFERENT\n  known:   ${k[key].join(" ; ")}\n  unknown: ${u[key].join(" ; ")}`);
  }
}
console.log(same ? "\nknown and unknown user IDs get the same answer" : "\nknown and unknown user IDs can be told apart");
process.exit(same ? 0 : 1);
