// Prints the raw and brotli-compressed size of every file that browsers download from pkg/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'target/site/pkg';
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
let total = 0, totalBr = 0;
for (const name of readdirSync(dir).sort()) {
  const data = readFileSync(join(dir, name));
  const br = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total += data.length; totalBr += br;
  console.log(`${name.padEnd(24)} raw ${kb(data.length).padStart(11)}   brotli ${kb(br).padStart(10)}`);
}
console.log(`${'total'.padEnd(24)} raw ${kb(total).padStart(11)}   brotli ${kb(totalBr).padStart(10)}`);
