// Times the admin console's pages as an administrator loads them (server-rendered HTML, with
// the session cookie): median, p90 and max of each page over --requests loads, after --warmup.
//   node scripts/admin-pages-timing.mjs --url http://127.0.0.1:3998 --user admin@… --password … PATH…
import { parseArgs } from "node:util";

const { values, positionals } = parseArgs({
  options: {
    url: { type: "string" },
    user: { type: "string" },
    password: { type: "string" },
    requests: { type: "string", default: "30" },
    warmup: { type: "string", default: "3" },
  },
  allowPositionals: true,
});
const base = values.url;
const origin = new URL(base).origin;

async function signIn() {
  const res = await fetch(`${base}/api/sign_in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, "Sec-Fetch-Site": "same-origin" },
    body: new URLSearchParams({ user_id: values.user, password: values.password }),
  });
  const cookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("session="));
  if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return cookie;
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const cookie = await signIn();
console.log(`${"page".padEnd(60)} ${"status".padStart(6)} ${"KiB".padStart(6)} ${"median".padStart(8)} ${"p90".padStart(8)} ${"max".padStart(8)}  (ms)`);
for (const path of positionals) {
  const times = [];
  let status = 0;
  let bytes = 0;
  for (let i = 0; i < Number(values.warmup) + Number(values.requests); i++) {
    const started = performance.now();
    const res = await fetch(`${base}${path}`, { headers: { Cookie: cookie, Accept: "text/html" } });
    const body = await res.arrayBuffer();
    const ms = performance.now() - started;
    status = res.status;
    bytes = body.byteLength;
    if (i >= Number(values.warmup)) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const f = (n) => n.toFixed(1).padStart(8);
  console.log(`${path.padEnd(60)} ${String(status).padStart(6)} ${(bytes / 1024).toFixed(1).padStart(6)} ${f(quantile(times, 0.5))} ${f(quantile(times, 0.9))} ${f(times[times.length - 1])}`);
}
