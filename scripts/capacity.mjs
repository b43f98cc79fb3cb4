// How many whole resets and sign-ins one core of sspr serves (issue 17, item 4): a benchmark that
// prints figures, not a test. scripts/measure-capacity.sh starts the nodes and runs this.
//
//   node scripts/capacity.mjs --nodes http://127.0.0.1:3991[,http://127.0.0.1:3992] --pids PID[,PID]
//        [--resets 150] [--sign-ins 300] [--concurrency 8] [--sinks http://127.0.0.1:2580] [--first 1]
//
// A reset is the whole flow a browser makes, each request sent to the next node in turn (so
// with two nodes every step lands on the other one): the proof-of-work challenge, solved here;
// the start with the user ID; the e-mail gate, whose code the server really sends over SMTP to
// end2end/sinks.mjs and this script reads back; the code; the new password (argon2id). A
// sign-in is one POST /api/sign_in (an argon2id check). Accounts are seed<first>@contoso.example
// and the next resets + sign-ins + 10 from `sspr seed`, each reset on an account of its own (an
// account may be sent a code only every 30 s, and start 5 resets an hour).
//
// Per core means per second of CPU that the sspr processes used (user + system, read from
// /proc/PID/stat before and after), so the load generator, which shares the machine, does not
// count against the server. Node 20, no dependencies.

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { solve } from "./lib/pow.mjs";

const { values: opts } = parseArgs({
  options: {
    nodes: { type: "string" },
    pids: { type: "string" },
    resets: { type: "string", default: "150" },
    "sign-ins": { type: "string", default: "300" },
    concurrency: { type: "string", default: "8" },
    sinks: { type: "string", default: "http://127.0.0.1:2580" },
    origin: { type: "string" },
    first: { type: "string", default: "1" },
  },
});
const nodes = opts.nodes.split(",").map((u) => u.replace(/\/+$/, ""));
const pids = opts.pids.split(",").map(Number);
const resets = Number(opts.resets);
const signIns = Number(opts["sign-ins"]);
const concurrency = Number(opts.concurrency);
const origin = opts.origin ?? new URL(nodes[0]).origin;
const first = Number(opts.first);
const PASSWORD = "correct horse battery staple";
const TICKS = 100; // getconf CLK_TCK on Linux

let next = 0;
/** The node for the next request: round robin, like a load balancer without stickiness. */
const node = () => nodes[next++ % nodes.length];

/** CPU seconds (user + system) the server processes have used so far. */
function serverCpu() {
  return pids.reduce((sum, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return sum + (Number(fields[11]) + Number(fields[12])) / TICKS;
  }, 0);
}

/** A server function called as the page's WebAssembly calls it; returns the response. */
async function call(path, fields, cookie) {
  const res = await fetch(`${node()}${path}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: origin,
      "Sec-Fetch-Site": "same-origin",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 200)}`);
  return res;
}

/** The code in the newest e-mail to `to` received after `after` (ms). */
async function codeFor(to, after) {
  for (let i = 0; i < 400; i++) {
    const res = await fetch(`${opts.sinks}/messages?to=${encodeURIComponent(to)}&channel=email`);
    const found = (await res.json()).find((m) => m.receivedAt >= after && /\b\d{3} ?\d{3}\b/.test(m.text));
    if (found) return /\b(\d{3}) ?(\d{3})\b/.exec(found.text).slice(1).join("");
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no code reached ${to}`);
}

async function reset(i) {
  const challenge = await (await fetch(`${node()}/api/reset_challenge`, { headers: { Accept: "application/json" } })).json();
  const pow = solve(challenge.token, challenge.bits);
  const started = await call("/api/start_reset", { user_id: `seed${i}@contoso.example`, challenge: challenge.token, pow: String(pow) });
  const cookie = started.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const asked = Date.now() - 5;
  await call("/api/choose_gate", { gate: "email" }, cookie);
  const code = await codeFor(`seed${i}@home.example`, asked);
  await call("/api/verify_reset_code", { code }, cookie);
  const password = `Amber walrus ${i} juggles ${Math.random().toString(36).slice(2, 8)} pylons`;
  await call("/api/set_reset_password", { new_password: password, confirm_password: password }, cookie);
}

async function signIn(i) {
  await call("/api/sign_in", { user_id: `seed${i}@contoso.example`, password: PASSWORD });
}

/** Runs `job(from)`…`job(from + count - 1)` with `concurrency` at a time; returns the figures. */
async function measure(count, from, job) {
  const cpu = serverCpu();
  const t0 = performance.now();
  let done = 0;
  let claimed = 0;
  const latencies = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (claimed < count) {
        const i = from + claimed++;
        const t = performance.now();
        await job(i);
        latencies.push(performance.now() - t);
        done++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = serverCpu() - cpu;
  latencies.sort((a, b) => a - b);
  const p = (q) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
  return { done, seconds, cpuSeconds, perSecond: done / seconds, perCore: done / cpuSeconds, p50: p(0.5), p99: p(0.99) };
}

function print(name, r) {
  console.log(
    `${name.padEnd(9)} ${String(r.done).padStart(5)} in ${r.seconds.toFixed(1).padStart(5)} s = ${r.perSecond.toFixed(1).padStart(6)}/s` +
      `   server CPU ${r.cpuSeconds.toFixed(1).padStart(5)} s = ${r.perCore.toFixed(1).padStart(6)} per core-second` +
      `   p50 ${r.p50.toFixed(0)} ms, p99 ${r.p99.toFixed(0)} ms`,
  );
}

console.log(`${nodes.length} node(s): ${nodes.join(", ")}; ${concurrency} at a time`);
// A few of each first, so that pools and caches are warm.
await measure(Math.min(10, resets), first + resets + signIns, reset);
print("resets", await measure(resets, first, reset));
print("sign-ins", await measure(signIns, first + resets, signIn));
