// Per-block hashes of ATen's own scalar code over all 2^32 floats, for scripts/sleef-exhaustive.mjs (the format of
// scripts/sleef-hash.c): calc_erfinv<float> from PyTorch 1.13's Math.h, built as its AVX2 kernels are (GCC, -O2 -mavx2
// -mfma: the Horner steps contract to fused multiply-adds; logf, erff and expf from the host's glibc). torch.erfinv
// gives these bits on every float tried (contiguous, strided). Blocks of 2^22 floats, NaN results as 0x7fc00000.
//   T=/usr/lib/python3/dist-packages/torch; g++ -O2 -mavx2 -mfma -w -I$T/include -o /tmp/aten-hash scripts/aten-hash.cpp \
//     -L$T/lib -lc10 -Wl,-rpath,$T/lib
//   /tmp/aten-hash aten erfinv every [block]   (with a block: that block's raw results to stdout)
#include <ATen/native/Math.h>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
enum { N = 1 << 22 };
static uint32_t out[N];

static void block(uint32_t blk) {
  for (uint32_t i = 0; i < N; i++) {
    uint32_t b = blk * N + i;
    float x, r;
    std::memcpy(&x, &b, 4);
    r = calc_erfinv(x);
    std::memcpy(&out[i], &r, 4);
  }
}

int main(int argc, char **argv) {
  if (argc < 4 || std::strcmp(argv[2], "erfinv")) return 2;
  int every = std::atoi(argv[3]);
  if (argc > 4) { block((uint32_t)std::atoi(argv[4])); std::fwrite(out, 4, N, stdout); return 0; }
  for (uint32_t blk = 0; blk < 1024; blk += every) {
    block(blk);
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < N; i++) { uint32_t w = out[i]; if ((w & 0x7fffffff) > 0x7f800000) w = 0x7fc00000; h = (h ^ w) * 16777619u; h ^= h >> 15; }
    std::printf("%u %u\n", blk, h);
  }
  return 0;
}
