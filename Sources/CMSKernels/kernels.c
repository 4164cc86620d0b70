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

MS_CLONES void ms_gelu_tanh(const float *x, float *y, ptrdiff_t n) {
  // 0.5·x·(1 + tanh(u)) = x / (1 + e^(-2u)).
  for (ptrdiff_t i = 0; i < n; i++) {
    float u = 0.797884561f * (x[i] + 0.044715f * x[i] * x[i] * x[i]);
    y[i] = x[i] / (1.0f + ms_exp(-2.0f * u));
  }
}

MS_CLONES void ms_softcap(float *x, ptrdiff_t n, float cap) {
  // tanh(v) = 2 / (1 + e^(-2v)) - 1.
  for (ptrdiff_t i = 0; i < n; i++) x[i] = cap * (2.0f / (1.0f + ms_exp(-2.0f * (x[i] / cap))) - 1.0f);
}

MS_CLONES float ms_dot(const float *x, const float *y, ptrdiff_t n) {
#pragma clang fp reassociate(on)
  float total = 0;
  for (ptrdiff_t i = 0; i < n; i++) total += x[i] * y[i];
  return total;
}

MS_CLONES float ms_sum(const float *x, ptrdiff_t n) {
#pragma clang fp reassociate(on)
  float total = 0;
  for (ptrdiff_t i = 0; i < n; i++) total += x[i];
  return total;
}

typedef float ms_v16 __attribute__((ext_vector_type(16)));
typedef float ms_v8 __attribute__((ext_vector_type(8)));
typedef float ms_v4 __attribute__((ext_vector_type(4)));

// Macros rather than functions: vector arguments would change the calling convention between
// the clones.
#define MS_LOAD16(p)                         \
  ({                                         \
    ms_v16 v_;                               \
    __builtin_memcpy(&v_, (p), sizeof v_);   \
    v_;                                      \
  })
#define MS_REDUCE16(v)                       \
  ({                                         \
    ms_v8 a_ = (v).lo + (v).hi;              \
    ms_v4 b_ = a_.lo + a_.hi;                \
    (b_.x + b_.z) + (b_.y + b_.w);           \
  })

MS_CLONES void ms_group_scores(const float *q, ptrdiff_t group, const float *k, ptrdiff_t d, float scale,
                               float *scores, ptrdiff_t stride) {
  if (d % 16 != 0) {
    for (ptrdiff_t g = 0; g < group; g++) scores[g * stride] = scale * ms_dot(q + g * d, k, d);
    return;
  }
  ptrdiff_t g = 0;
  // Four heads at a time share each key load and keep four independent sums in flight.
  for (; g + 4 <= group; g += 4) {
    ms_v16 a0 = 0, a1 = 0, a2 = 0, a3 = 0;
    for (ptrdiff_t i = 0; i < d; i += 16) {
      ms_v16 kv = MS_LOAD16(k + i);
      a0 += MS_LOAD16(q + g * d + i) * kv;
      a1 += MS_LOAD16(q + (g + 1) * d + i) * kv;
      a2 += MS_LOAD16(q + (g + 2) * d + i) * kv;
      a3 += MS_LOAD16(q + (g + 3) * d + i) * kv;
    }
    scores[g * stride] = scale * MS_REDUCE16(a0);
    scores[(g + 1) * stride] = scale * MS_REDUCE16(a1);
    scores[(g + 2) * stride] = scale * MS_REDUCE16(a2);
    scores[(g + 3) * stride] = scale * MS_REDUCE16(a3);
  }
  for (; g < group; g++) {
    ms_v16 a = 0;
    for (ptrdiff_t i = 0; i < d; i += 16) a += MS_LOAD16(q + g * d + i) * MS_LOAD16(k + i);
    scores[g * stride] = scale * MS_REDUCE16(a);
  }
}

MS_CLONES void ms_group_accumulate(const float *p, ptrdiff_t stride, const float *v, ptrdiff_t d, ptrdiff_t group,
                                   float *out) {
  for (ptrdiff_t g = 0; g < group; g++) {
    float w = p[g * stride];
    float *o = out + g * d;
    for (ptrdiff_t i = 0; i < d; i++) o[i] += w * v[i];
  }
}

MS_CLONES void ms_group_accumulate_rows(const float *p, ptrdiff_t stride, const float *v, ptrdiff_t vstride,
                                        ptrdiff_t rows, ptrdiff_t d, ptrdiff_t group, float *out) {
  if (d % 16 != 0) {
    for (ptrdiff_t r = 0; r < rows; r++) ms_group_accumulate(p + r, stride, v + r * vstride, d, group, out);
    return;
  }
  // Each 16-wide slice of each head stays in a register across all rows.
  for (ptrdiff_t g = 0; g < group; g++) {
    for (ptrdiff_t i = 0; i < d; i += 16) {
      ms_v16 acc = MS_LOAD16(out + g * d + i);
      for (ptrdiff_t r = 0; r < rows; r++) acc += p[g * stride + r] * MS_LOAD16(v + r * vstride + i);
      __builtin_memcpy(out + g * d + i, &acc, sizeof acc);
    }
  }
}

MS_CLONES void ms_softmax_row(const float *x, float *y, ptrdiff_t n) {
  if (n <= 0) return;
  float top = x[0];
  ptrdiff_t i = 0;
  if (n >= 16) {
    ms_v16 m = MS_LOAD16(x);
    for (i = 16; i + 16 <= n; i += 16) m = __builtin_elementwise_max(m, MS_LOAD16(x + i));
    ms_v8 m8 = __builtin_elementwise_max(m.lo, m.hi);
    ms_v4 m4 = __builtin_elementwise_max(m8.lo, m8.hi);
    top = __builtin_fmaxf(__builtin_fmaxf(m4.x, m4.y), __builtin_fmaxf(m4.z, m4.w));
  }
  for (; i < n; i++) top = __builtin_fmaxf(top, x[i]);
  if (top == -__builtin_inff()) {
    for (i = 0; i < n; i++) y[i] = __builtin_nanf("");
    return;
  }
  // A NaN entry is skipped by fmax but turns every output NaN through the sum below. Each
  // y[i] depends on x[i] alone, so the loop vectorises even in place (x == y).
#pragma clang loop vectorize(assume_safety)
  for (i = 0; i < n; i++) y[i] = ms_exp(x[i] - top);
  float total = 0;
  {
    // Only the sum may be reordered (so it vectorises); each e^x is computed exactly as above.
#pragma clang fp reassociate(on)
    for (i = 0; i < n; i++) total += y[i];
  }
  float scale = 1.0f / total;
  for (i = 0; i < n; i++) y[i] *= scale;
}

// The conversions below are branch-free forms of MSRuntime's HalfPrecision, bit for bit.

MS_CLONES void ms_f16_to_f32(const uint16_t *x, float *y, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) {
    uint32_t h = x[i];
    uint32_t sign = (h & 0x8000u) << 16;
    uint32_t magnitude = h & 0x7fffu;
    uint32_t bits = (magnitude << 13) + 0x38000000u;  // exponent bias 15 -> 127
    bits = magnitude >= 0x7c00u ? bits + 0x38000000u : bits;  // infinity and NaN
    float subnormal = (float)magnitude * 0x1p-24f;
    uint32_t subnormalBits;
    memcpy(&subnormalBits, &subnormal, 4);
    bits = (magnitude < 0x0400u ? subnormalBits : bits) | sign;
    memcpy(y + i, &bits, 4);
  }
}

MS_CLONES void ms_f32_to_f16(const float *x, uint16_t *y, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) {
    uint32_t bits;
    memcpy(&bits, x + i, 4);
    uint32_t sign = (bits >> 16) & 0x8000u;
    uint32_t magnitude = bits & 0x7fffffffu;
    uint32_t rebased = magnitude - 0x38000000u;
    uint32_t normal = rebased >> 13, rest = rebased & 0x1fffu;
    normal += (rest > 0x1000u) | ((rest == 0x1000u) & (normal & 1u));
    uint32_t exponent = magnitude >> 23;
    uint32_t mantissa = (magnitude & 0x7fffffu) | 0x800000u;
    uint32_t shift = 126u - exponent;
    shift = shift > 31u ? 31u : shift;
    uint32_t sub = mantissa >> shift, subRest = mantissa & ((1u << shift) - 1u), half = 1u << (shift - 1u);
    sub += (subRest > half) | ((subRest == half) & (sub & 1u));
    uint32_t result = magnitude < 0x38800000u ? (magnitude <= 0x33000000u ? 0u : sub) : normal;
    result = magnitude >= 0x477ff000u ? 0x7c00u : result;
    result = magnitude > 0x7f800000u ? (0x7e00u | ((magnitude >> 13) & 0x3ffu)) : result;
    y[i] = (uint16_t)(sign | result);
  }
}

MS_CLONES void ms_bf16_to_f32(const uint16_t *x, float *y, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) {
    uint32_t bits = (uint32_t)x[i] << 16;
    memcpy(y + i, &bits, 4);
  }
}

MS_CLONES void ms_f32_to_bf16(const float *x, uint16_t *y, ptrdiff_t n) {
  for (ptrdiff_t i = 0; i < n; i++) {
    uint32_t bits;
    memcpy(&bits, x + i, 4);
    uint32_t rounded = (bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16;
    uint32_t nan = (bits >> 16) | 0x40u;
    y[i] = (uint16_t)((bits & 0x7fffffffu) > 0x7f800000u ? nan : rounded);
  }
}
