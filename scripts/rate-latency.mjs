// Latency at a fixed request rate (wrk measures the most a server answers; this measures how
// fast it answers at a given load): GETs `--path` at `--rate` requests per second for
// `--seconds`, over keep-alive connections, and prints the p50, p99 and slowest latency and the
// statuses. Requests are scheduled on the clock, so a slow answer does not slow the load down
// (no coordinated omission while connections are free).
//   node scripts/rate-latency.mjs --url http://127.0.0.1:3997 --path /setup --rate 500 --seconds 10 [--cookie 'sspr_session=…']
// Run by scripts/measure-web.sh. Node 20, no dependencies.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";

const { values: opts } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:3997" },
    path: { type: "string", default: "/" },
    rate: { type: "string", default: "500" },
    seconds: { type: "string", default: "10" },
    cookie: { type: "string" },
  },
});
const rate = Number(opts.rate);
const total = rate * Number(opts.seconds);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const url = new URL(opts.path, opts.url);
const headers = { "accept-encoding": "br, gzip", ...(opts.cookie ? { cookie: opts.cookie } : {}) };

const latencies = [];
const statuses = new Map();
function one(scheduled) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () => {
        latencies.push(performance.now() - scheduled);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        resolve();
      });
    });
    req.on("error", () => {
      statuses.set("error", (statuses.get("error") ?? 0) + 1);
      resolve();
    });
  });
}

const start = performance.now();
const pending = [];
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  pending.push(one(due));
}
await Promise.all(pending);
agent.destroy();
latencies.sort((a, b) => a - b);
const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
const took = (performance.now() - start) / 1000;
console.log(
  `${opts.path} at ${rate} req/s for ${opts.seconds} s: ${(latencies.length / took).toFixed(0)} req/s answered, ` +
    `p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, slowest ${latencies[latencies.length - 1].toFixed(1)} ms; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
);
