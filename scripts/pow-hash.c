// Per-block hashes of pow's references over all 2^32 floats x for one exponent e, for scripts/pow-check.mjs: libsleef's
// Sleef_powf8_u10avx2(x, float e) (torch.pow's 16-float blocks), the host glibc's powf(x, float e) (its scalar lambda
// for a tensor exponent) or (float) pow((double) x, e) (its scalar lambda for a number exponent, std::pow(float,
// double)). Blocks of 2^22 floats, NaN results as 0x7fc00000, FNV-1a over the words (as scripts/sleef-hash.c).
//   gcc -O2 -mavx2 -mfma -fno-builtin -o /tmp/pow-hash scripts/pow-hash.c /usr/lib/x86_64-linux-gnu/libsleef.so -lm
//   /tmp/pow-hash sleef|powf|pow e every [block]   (with a block: that block's raw results to stdout)
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
extern __m256 Sleef_powf8_u10avx2(__m256, __m256);
enum { N = 1 << 22 };
static uint32_t out[N];

static void block(int mode, double e, uint32_t blk) {
  float ef = (float)e;
  for (uint32_t i = 0; i < N; i += 8) {
    uint32_t in[8];
    float x[8], r[8];
    for (int j = 0; j < 8; j++) in[j] = blk * N + i + j;
    memcpy(x, in, 32);
    if (mode == 0) _mm256_storeu_ps(r, Sleef_powf8_u10avx2(_mm256_loadu_ps(x), _mm256_set1_ps(ef)));
    else if (mode == 1) for (int j = 0; j < 8; j++) r[j] = powf(x[j], ef);
    else for (int j = 0; j < 8; j++) r[j] = (float)pow((double)x[j], e);
    memcpy(&out[i], r, 32);
  }
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  int mode = !strcmp(argv[1], "sleef") ? 0 : !strcmp(argv[1], "powf") ? 1 : !strcmp(argv[1], "pow") ? 2 : -1;
  if (mode < 0) return 2;
  double e = strtod(argv[2], 0);
  int every = atoi(argv[3]);
  if (argc > 4) { block(mode, e, (uint32_t)atoi(argv[4])); fwrite(out, 4, N, stdout); return 0; }
  for (uint32_t blk = 0; blk < 1024; blk += every) {
    block(mode, e, blk);
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < N; i++) { uint32_t w = out[i]; if ((w & 0x7fffffff) > 0x7f800000) w = 0x7fc00000; h = (h ^ w) * 16777619u; }
    printf("%u %u\n", blk, h);
  }
  return 0;
}
