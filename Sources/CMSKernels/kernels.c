#include "ms_kernels.h"

#include <stdint.h>
#include <string.h>

// Results must not depend on which clone runs, so no fused multiply-add contraction.
#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define MS_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define MS_CLONES
#endif

static inline float ms_exp(float x) {
  float c = x < -87.9f ? -87.9f : x;
  c = c > 88.7f ? 88.7f : c;
  // Adding 1.5 * 2^23 rounds to an integer (ties to even) held in the low mantissa bits.
  float shifted = c * 1.44269504f + 12582912.0f;
  float n = shifted - 12582912.0f;
  float r = c - n * 0.693359375f + n * 2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  uint32_t shiftedBits, magicBits, scaleBits;
  float magic = 12582912.0f, scale;
  memcpy(&shiftedBits, &shifted, 4);
  memcpy(&magicBits, &magic, 4);
  scaleBits = (shiftedBits - magicBits + 127u) << 23;
  memcpy(&scale, &scaleBits, 4);
  float result = p * scale;
  result = x > 88.7f ? __builtin_inff() : result;
  return x != x ? x : result;
}

MS_CLONES void ms_exp_shifted(const float *x, float *y, ptrdiff_t n, float shift) {
  for (ptrdiff_t i = 0; i < n; i++) y[i] = ms_exp(x[i] - shift);
}

MS_CLONES void ms_silu_mul(const float *a, const float *b, float *y, ptrdiff_t n) {
  if (b) {
    for (ptrdiff_t i = 0; i < n; i++) y[i] = a[i] / (1.0f + ms_exp(-a[i])) * b[i];
  } else {
    for (ptrdiff_t i = 0; i < n; i++) y[i] = a[i] / (1.0f + ms_exp(-a[i]));
  }
}

MS_CLONES float ms_dot(const float *x, const float *y, ptrdiff_t n) {
#pragma clang fp reassociate(on)
  float total = 0;
  for (ptrdiff_t i = 0; i < n; i++) total += x[i] * y[i];
  return total;
}

MS_CLONES void ms_axpy(float alpha, const float *x, float *y, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) y[i] += alpha * x[i];
}

MS_CLONES float ms_sum(const float *x, ptrdiff_t n) {
#pragma clang fp reassociate(on)
  float total = 0;
  for (ptrdiff_t i = 0; i < n; i++) total += x[i];
  return total;
}
