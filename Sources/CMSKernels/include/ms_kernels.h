#ifndef MS_KERNELS_H
#define MS_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Row kernels for MSRuntime's memory-bound ops. Each is compiled once per x86-64 vector width
/// and chosen at load time, so the widest unit the CPU has is used.

/// y[i] = e^(x[i] - shift), branch-free (Cephes expf polynomial, results below ~1e-38 flush to 0).
void ms_exp_shifted(const float *x, float *y, ptrdiff_t n, float shift);

/// y[i] = silu(a[i]) * b[i], or silu(a[i]) when b is NULL.
void ms_silu_mul(const float *a, const float *b, float *y, ptrdiff_t n);

/// y[i] = gelu(x[i]) with the tanh approximation, as x[i] / (1 + e^(-2u)),
/// u = √(2/π)·(x[i] + 0.044715·x[i]³).
void ms_gelu_tanh(const float *x, float *y, ptrdiff_t n);

/// x[i] = cap · tanh(x[i] / cap) in place, with tanh(v) = 2 / (1 + e^(-2v)) - 1.
void ms_softcap(float *x, ptrdiff_t n, float cap);

/// Σ x[i] * y[i].
float ms_dot(const float *x, const float *y, ptrdiff_t n);

/// Σ x[i].
float ms_sum(const float *x, ptrdiff_t n);

/// Attention scores of `group` query heads against one key row:
/// scores[g * stride] = scale * Σ q[g * d + i] * k[i].
void ms_group_scores(const float *q, ptrdiff_t group, const float *k, ptrdiff_t d, float scale, float *scores,
                     ptrdiff_t stride);

/// Adds one value row to `group` output heads: out[g * d + i] += p[g * stride] * v[i].
void ms_group_accumulate(const float *p, ptrdiff_t stride, const float *v, ptrdiff_t d, ptrdiff_t group, float *out);

/// Adds `rows` value rows (`vstride` apart) to `group` output heads:
/// out[g * d + i] += Σ_r p[g * stride + r] * v[r * vstride + i].
void ms_group_accumulate_rows(const float *p, ptrdiff_t stride, const float *v, ptrdiff_t vstride, ptrdiff_t rows,
                              ptrdiff_t d, ptrdiff_t group, float *out);

/// Widens IEEE binary16 values to float, exactly.
void ms_f16_to_f32(const uint16_t *x, float *y, ptrdiff_t n);

/// Narrows floats to IEEE binary16, round to nearest even, with subnormals, overflow to infinity
/// and quiet NaN.
void ms_f32_to_f16(const float *x, uint16_t *y, ptrdiff_t n);

/// Widens bfloat16 values to float, exactly.
void ms_bf16_to_f32(const uint16_t *x, float *y, ptrdiff_t n);

/// Narrows floats to bfloat16, round to nearest even, quiet NaN.
void ms_f32_to_bf16(const float *x, uint16_t *y, ptrdiff_t n);

/// Softmax of one row: y = e^(x - max x) / Σ e^(x - max x). A row of only -inf gives NaN, as the
/// arithmetic does; x and y may be the same buffer.
void ms_softmax_row(const float *x, float *y, ptrdiff_t n);

#endif
