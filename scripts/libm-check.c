// Per-block hashes of this host's libm float function on all 2^32 floats (1024 blocks of 2^22, NaN canonical), for
// scripts/libm-check.mjs to compare with tocha's port (assembly/libm.ts) through its unary op:
//   gcc -O2 -o /tmp/libm-check scripts/libm-check.c -lm && /tmp/libm-check asinhf > /tmp/asinhf.txt
//   node scripts/libm-check.mjs asinh /tmp/asinhf.txt
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const struct { const char* name; float (*f)(float); } FNS[] = {
  {"asinhf", asinhf}, {"acoshf", acoshf}, {"atanhf", atanhf}, {"expf", expf}, {"logf", logf}, {"sinf", sinf},
  {"cosf", cosf}, {"acosf", acosf}, {"erff", erff}, {"log1pf", log1pf}, {"tanhf", tanhf}, {"expm1f", expm1f},
};

int main(int argc, char** argv) {
  float (*f)(float) = 0;
  for (unsigned k = 0; k < sizeof FNS / sizeof FNS[0]; k++) if (argc > 1 && !strcmp(argv[1], FNS[k].name)) f = FNS[k].f;
  if (!f) { fprintf(stderr, "usage: libm-check <float function>\n"); return 1; }
  const uint32_t N = 1u << 22;
  for (uint32_t b = 0; b < 1024; b++) {
    uint32_t h = 0, g = 0;
    for (uint32_t i = 0; i < N; i++) {
      uint32_t u = b * N + i, r;
      float x, y;
      memcpy(&x, &u, 4);
      y = f(x);
      memcpy(&r, &y, 4);
      if ((r & 0x7fffffff) > 0x7f800000) r = 0x7fc00000;
      h += r * (i + 1);
      g ^= r + i * 2654435761u;
    }
    printf("%08x%08x\n", h, g);
  }
  return 0;
}
