// Per-block hashes of PyTorch 1.13's mish, mish's gradient (dy = 1), logit (eps None) and trigamma over all 2^32 floats,
// for scripts/mish-exhaustive.mjs: the installed torch's own headers compiled as ATen's AVX2 kernels are (g++ -O2 -mavx2
// -mfma, GCC contracting a * b + c), Vectorized<float> over libsleef for the whole 16-float blocks, the scalar C++
// (glibc) for the rest and for strided operands, Math.h's trigamma(float). Blocks of 2^22 floats, NaN results as
// 0x7fc00000, FNV-1a over the words.
//   T=/usr/lib/python3/dist-packages/torch
//   g++ -std=c++17 -O2 -mavx2 -mfma -DCPU_CAPABILITY=AVX2 -DCPU_CAPABILITY_AVX2 -I$T/include -w -o /tmp/mish-hash \
//     scripts/mish-hash.cpp -L$T/lib -lc10 -lsleef -Wl,-rpath,$T/lib       (libsleef-dev for sleef.h)
//   /tmp/mish-hash vec|scalar op every [block]   (op: mish, mish_grad, logit, trigamma; with a block: its raw results)
#include <ATen/cpu/vec/vec.h>
#include <ATen/native/Math.h>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using V = at::vec::Vectorized<float>;
enum { N = 1 << 22 };
static float out[N];

// the kernels' expressions, written out here with the same operations in the same order
static V mish_v(V x) { return x * x.exp().log1p().tanh(); }
static float mish_s(float x) { return x * std::tanh(std::log1p(std::exp(x))); }
static V mish_grad_v(V x) {
  const V one(1.0f), dy(1.0f);
  const V s = one / (one + x.neg().exp());
  const V t = x.exp().log1p().tanh();
  return dy * (t + x * s * (one - t * t));
}
static float mish_grad_s(float x) {
  const float dy = 1.0f;
  const float s = 1.0f / (1.0f + std::exp(-x));
  const float t = std::tanh(std::log1p(std::exp(x)));
  return dy * (t + x * s * (1.0f - t * t));
}
static V logit_v(V x) { return (x / (V(1.0f) - x)).log(); }
static float logit_s(float x) { return x == 1.0f ? INFINITY : std::log(x / (1.0f - x)); }
static float trigamma_s(float x) { return trigamma(x); }

static const char *NAMES[] = {"mish", "mish_grad", "logit", "trigamma"};
static V (*const VF[])(V) = {mish_v, mish_grad_v, logit_v, nullptr};
static float (*const SF[])(float) = {mish_s, mish_grad_s, logit_s, trigamma_s};

// volatile: keeps GCC from vectorizing the scalar loop (ATen's basic loop calls the lambda per element)
static void block(bool vec, int k, uint32_t blk) {
  for (uint32_t i = 0; i < N; i += 8) {
    float in[8];
    for (int j = 0; j < 8; j++) { uint32_t u = blk * N + i + j; memcpy(&in[j], &u, 4); }
    if (vec) VF[k](V::loadu(in)).store(&out[i]);
    else for (int j = 0; j < 8; j++) { volatile float r = SF[k](in[j]); out[i + j] = r; }
  }
}

int main(int argc, char **argv) {
  if (argc < 4) return 2;
  bool vec = !strcmp(argv[1], "vec");
  int k = 0, every = atoi(argv[3]);
  while (k < 4 && strcmp(NAMES[k], argv[2])) k++;
  if (k == 4 || (vec && !VF[k])) return 2;
  if (argc > 4) { block(vec, k, (uint32_t)atoi(argv[4])); fwrite(out, 4, N, stdout); return 0; }
  for (uint32_t blk = 0; blk < 1024; blk += every) {
    block(vec, k, blk);
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < N; i++) {
      uint32_t w;
      memcpy(&w, &out[i], 4);
      if ((w & 0x7fffffff) > 0x7f800000) w = 0x7fc00000;
      h = (h ^ w) * 16777619u;
    }
    printf("%u %u\n", blk, h);
    fflush(stdout);
  }
  return 0;
}
