// Prints what browsers download from pkg/: every file raw, gzip and brotli. Where the build
// precompressed a file (`cargo leptos build --release --precompress` writes `.gz` and `.br`
// beside it), those are the bytes the server sends, and they are what is shown; otherwise the
// file is compressed here at the best levels. What a first visit of each page costs on the wire,
// and its budget, is checked by end2end/tests/size-budget.spec.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'target/site/pkg';
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const served = (path, ext, compress) => (existsSync(path + ext) ? readFileSync(path + ext).length : compress().length);
const totals = { raw: 0, gzip: 0, br: 0 };
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  // Compressed copies are counted with their file; TypeScript declarations are never downloaded.
  if (name.endsWith('.br') || name.endsWith('.gz') || name.endsWith('.ts')) continue;
  const data = readFileSync(path);
  const sizes = {
    raw: data.length,
    gzip: served(path, '.gz', () => gzipSync(data, { level: 9 })),
    br: served(path, '.br', () => brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
  };
  for (const k of Object.keys(totals)) totals[k] += sizes[k];
  console.log(`${name.padEnd(40)} raw ${kb(sizes.raw).padStart(11)}   gzip ${kb(sizes.gzip).padStart(10)}   brotli ${kb(sizes.br).padStart(10)}`);
}
console.log(`${'total'.padEnd(40)} raw ${kb(totals.raw).padStart(11)}   gzip ${kb(totals.gzip).padStart(10)}   brotli ${kb(totals.br).padStart(10)}`);
