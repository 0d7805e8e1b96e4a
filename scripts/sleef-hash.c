// Per-block hashes of a reference over all 2^32 floats, for scripts/sleef-exhaustive.mjs: libsleef's AVX2 functions
// (the bits PyTorch 1.13's Vectorized<float> gets) or the host's glibc (its scalar ops). Blocks of 2^22 floats, NaN
// results as 0x7fc00000, FNV-1a over the words, each step followed by h ^= h >> 15 (without it, sign bits flipped in
// pairs cancel).
//   gcc -O2 -mavx2 -mfma -o /tmp/sleef-hash scripts/sleef-hash.c /usr/lib/x86_64-linux-gnu/libsleef.so -lm
//   /tmp/sleef-hash sleef|glibc op every [block]   (with a block: that block's raw results to stdout)
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
typedef __m256 (*V)(__m256);
typedef float (*S)(float);
extern __m256 Sleef_log2f8_u10avx2(__m256), Sleef_log10f8_u10avx2(__m256), Sleef_atanf8_u10avx2(__m256),
  Sleef_asinf8_u10avx2(__m256), Sleef_acosf8_u10avx2(__m256), Sleef_sinhf8_u10avx2(__m256), Sleef_coshf8_u10avx2(__m256),
  Sleef_erfcf8_u15avx2(__m256), Sleef_lgammaf8_u10avx2(__m256), Sleef_tanf8_u10avx2(__m256);
static const char *NAMES[] = {"log2", "log10", "atan", "asin", "acos", "sinh", "cosh", "erfc", "lgamma", "tan"};
enum { NOPS = sizeof NAMES / sizeof *NAMES };
static const V VF[] = {Sleef_log2f8_u10avx2, Sleef_log10f8_u10avx2, Sleef_atanf8_u10avx2, Sleef_asinf8_u10avx2,
  Sleef_acosf8_u10avx2, Sleef_sinhf8_u10avx2, Sleef_coshf8_u10avx2, Sleef_erfcf8_u15avx2, Sleef_lgammaf8_u10avx2,
  Sleef_tanf8_u10avx2};
static const S SF[] = {log2f, log10f, atanf, asinf, acosf, sinhf, coshf, erfcf, lgammaf, tanf};
enum { N = 1 << 22 };
static uint32_t out[N];

static void block(int glibc, int k, uint32_t blk) {
  for (uint32_t i = 0; i < N; i += 8) {
    uint32_t in[8];
    for (int j = 0; j < 8; j++) in[j] = blk * N + i + j;
    if (glibc) for (int j = 0; j < 8; j++) { float x, r; memcpy(&x, &in[j], 4); r = SF[k](x); memcpy(&out[i + j], &r, 4); }
    else _mm256_storeu_ps((float *)&out[i], VF[k](_mm256_loadu_ps((float *)in)));
  }
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  int glibc = !strcmp(argv[1], "glibc"), k = 0, every = atoi(argv[3]);
  while (k < NOPS && strcmp(NAMES[k], argv[2])) k++;
  if (k == NOPS) return 2;
  if (argc > 4) { block(glibc, k, (uint32_t)atoi(argv[4])); fwrite(out, 4, N, stdout); return 0; }
  for (uint32_t blk = 0; blk < 1024; blk += every) {
    block(glibc, k, blk);
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < N; i++) { uint32_t w = out[i]; if ((w & 0x7fffffff) > 0x7f800000) w = 0x7fc00000; h = (h ^ w) * 16777619u; h ^= h >> 15; }
    printf("%u %u\n", blk, h);
  }
  return 0;
}
