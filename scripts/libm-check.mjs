// Compares assembly/libm.ts's ports of glibc's float functions with this host's libm (glibc 2.36 here) on every
// float (2^32 inputs each), or every k-th block of 2^24: a C helper (gcc, -fno-builtin) calls the libm function,
// a wasm harness (scripts/libm-harness.ts) the port. NaN results compare as NaN (payloads aside).
//   node scripts/libm-check.mjs [expf,logf,erff,expm1f,tanhf,log1pf,asinhf,acoshf,atanhf,sinhf,coshf,expf_fused] [every-kth-block]
// (expf_fused: libm.ts's c_expf_fused, the -mfma build of glibc's expf, against the same host expf)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FNS = ['expf', 'logf', 'erff', 'expm1f', 'tanhf', 'log1pf', 'asinhf', 'acoshf', 'atanhf', 'sinhf', 'coshf',
  'expf_fused'];
const names = (process.argv[2] ?? FNS.join(',')).split(',');
const every = Number(process.argv[3] ?? 1);
const N = 1 << 24;

writeFileSync('/tmp/libm-oracle.c', `#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
int main(int argc, char **argv) {
  float (*f[])(float) = { expf, logf, erff, expm1f, tanhf, log1pf, asinhf, acoshf, atanhf, sinhf, coshf, expf };
  int fn = atoi(argv[1]); uint32_t start = strtoul(argv[2], 0, 10); uint32_t n = strtoul(argv[3], 0, 10);
  float *out = malloc(4 * (size_t)n);
  for (uint32_t i = 0; i < n; i++) { uint32_t b = start + i; float x; memcpy(&x, &b, 4); out[i] = f[fn](x); }
  fwrite(out, 4, n, stdout);
  return 0;
}
`);
execFileSync('gcc', ['-O2', '-fno-builtin', '-o', '/tmp/libm-oracle', '/tmp/libm-oracle.c', '-lm']);
execFileSync('npx', ['asc', 'scripts/libm-harness.ts', '-O3', '--runtime', 'stub', '--use', 'abort=', '--initialMemory', '1100',
  '-o', '/tmp/libm-harness.wasm', '-t', '/tmp/libm-harness.wat'], { cwd: root, stdio: 'inherit' });
const memory = new WebAssembly.Memory({ initial: 1100, maximum: 65536, shared: true });
const { instance } = await WebAssembly.instantiate(readFileSync('/tmp/libm-harness.wasm'), { env: { memory } });
const { libm_block } = instance.exports;
const OUT = 1 << 20;

for (const name of names) {
  const fn = FNS.indexOf(name);
  let tried = 0, bad = 0;
  const t0 = Date.now();
  for (let blk = 0; blk < 256; blk += every) {
    const start = blk * N;
    libm_block(fn, OUT, start, N);
    const want = new Uint32Array(new Uint8Array(execFileSync('/tmp/libm-oracle', [String(fn), String(start), String(N)],
      { maxBuffer: 4 * N + 1024 })).buffer);
    const got = new Uint32Array(memory.buffer, OUT, N);
    tried += N;
    for (let i = 0; i < N; i++) {
      if (got[i] === want[i]) continue;
      const nan = (u) => (u & 0x7fffffff) > 0x7f800000;
      if (nan(got[i]) && nan(want[i])) continue;
      if (bad++ < 5) console.log(`${name}: x bits ${(start + i).toString(16)}: port ${got[i].toString(16)}, libm ${want[i].toString(16)}`);
    }
  }
  console.log(`${name}: ${bad} of ${tried} floats differ from libm (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
