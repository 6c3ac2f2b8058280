// Row-major float GEMM kernels for the MLP hot path (issue 6): register-blocked f32x4 code in
// GCC/Clang vector extensions, so one source becomes WebAssembly SIMD under -msimd128 and SSE
// natively, with the same summation order (hence the same results) on both. Header-only.
#pragma once

#include <cstring>

namespace pathwise {
namespace kernels {

typedef float f4 __attribute__((vector_size(16)));
typedef int i4 __attribute__((vector_size(16)));

inline f4 load4(const float* p) { f4 v; std::memcpy(&v, p, sizeof v); return v; }
inline void store4(float* p, f4 v) { std::memcpy(p, &v, sizeof v); }
inline f4 splat4(float s) { return f4{s, s, s, s}; }
inline float hsum4(f4 v) { return (v[0] + v[1]) + (v[2] + v[3]); }

// What happens to each result element before it is stored: + bias[j], then max(·, 0) when relu,
// then × [mask(i, j) > 0] (the relu derivative taken from that layer's output).
struct Epilogue {
  const float* bias = nullptr;
  bool relu = false;
  const float* mask = nullptr;
  long ldm = 0;

  f4 apply(f4 v, long i, long j) const {
    if (bias) v += load4(bias + j);
    if (relu) v = (f4)((i4)v & ((v > splat4(0.f)) | (v != v)));  // max(v, 0); NaN stays NaN
    if (mask) v *= (f4)((i4)splat4(1.f) & (load4(mask + i * ldm + j) > splat4(0.f)));  // v · 1 or v · 0
    return v;
  }
  float apply(float s, long i, long j) const {
    if (bias) s += bias[j];
    if (relu && s < 0.f) s = 0.f;
    if (mask) s *= mask[i * ldm + j] > 0.f ? 1.f : 0.f;
    return s;
  }
};

// Rows i0..i0+R-1 of C (m×n) = op(A) · B (k×n), where op(A)(i, p) = A[i*rsA + p*csA]. Every C
// element is summed over p in increasing order.
template <int R>
inline void rowsTimesB(long i0, long n, long k, const float* A, long rsA, long csA, const float* B, long ldb,
                       float* C, long ldc, const Epilogue& epilogue) {
  const Epilogue e = epilogue;  // a local copy: stores to C cannot alias it
  long j0 = 0;
  for (; j0 + 8 <= n; j0 += 8) {
    f4 c[R][2];
    for (int r = 0; r < R; ++r) c[r][0] = c[r][1] = splat4(0.f);
    for (long p = 0; p < k; ++p) {
      const float* b = B + p * ldb + j0;
      const f4 b0 = load4(b), b1 = load4(b + 4);
      for (int r = 0; r < R; ++r) {
        const f4 a = splat4(A[(i0 + r) * rsA + p * csA]);
        c[r][0] += a * b0;
        c[r][1] += a * b1;
      }
    }
    for (int r = 0; r < R; ++r) {
      float* out = C + (i0 + r) * ldc + j0;
      store4(out, e.apply(c[r][0], i0 + r, j0));
      store4(out + 4, e.apply(c[r][1], i0 + r, j0 + 4));
    }
  }
  for (; j0 + 4 <= n; j0 += 4) {
    f4 c[R];
    for (int r = 0; r < R; ++r) c[r] = splat4(0.f);
    for (long p = 0; p < k; ++p) {
      const f4 b0 = load4(B + p * ldb + j0);
      for (int r = 0; r < R; ++r) c[r] += splat4(A[(i0 + r) * rsA + p * csA]) * b0;
    }
    for (int r = 0; r < R; ++r) store4(C + (i0 + r) * ldc + j0, e.apply(c[r], i0 + r, j0));
  }
  for (; j0 < n; ++j0) {
    for (int r = 0; r < R; ++r) {
      float s = 0.f;
      for (long p = 0; p < k; ++p) s += A[(i0 + r) * rsA + p * csA] * B[p * ldb + j0];
      C[(i0 + r) * ldc + j0] = e.apply(s, i0 + r, j0);
    }
  }
}

inline void gemmStrided(long m, long n, long k, const float* A, long rsA, long csA, const float* B, long ldb,
                        float* C, long ldc, const Epilogue& e) {
  long i0 = 0;
  for (; i0 + 4 <= m; i0 += 4) rowsTimesB<4>(i0, n, k, A, rsA, csA, B, ldb, C, ldc, e);
  for (; i0 < m; ++i0) rowsTimesB<1>(i0, n, k, A, rsA, csA, B, ldb, C, ldc, e);
}

// C (m×n) = A (m×k) · Bᵀ with B stored n×k, as dot products in 4 lanes over p (then the lanes are
// added pairwise, then the p % 4 tail in order).
inline void gemmNT(long m, long n, long k, const float* A, long lda, const float* B, long ldb, float* C, long ldc,
                   const Epilogue& e = {});

// C (m×n) = A (m×k) · B (k×n), epilogue applied (bias + relu for a forward layer).
inline void gemmNN(long m, long n, long k, const float* A, long lda, const float* B, long ldb, float* C, long ldc,
                   const Epilogue& e = {}) {
  if (n == 1 && ldb == 1 && k >= 4) return gemmNT(m, 1, k, A, lda, B, k, C, ldc, e);  // matrix · vector
  gemmStrided(m, n, k, A, lda, 1, B, ldb, C, ldc, e);
}

// C (m×n) = Aᵀ · B with A stored k×m and B k×n (weight gradients Xᵀ·Δ).
inline void gemmTN(long m, long n, long k, const float* A, long lda, const float* B, long ldb, float* C, long ldc) {
  if (n == 1 && ldc == 1) return gemmStrided(1, m, k, B, 0, ldb, A, lda, C, m, {});  // Cᵀ = Bᵀ·A, one row
  gemmStrided(m, n, k, A, 1, lda, B, ldb, C, ldc, {});
}

inline void gemmNT(long m, long n, long k, const float* A, long lda, const float* B, long ldb, float* C, long ldc,
                   const Epilogue& epilogue) {
  const Epilogue e = epilogue;
  if (k == 1 && ldb == 1) return gemmStrided(m, n, 1, A, lda, 1, B, n, C, ldc, e);  // outer product
  const long k4 = k & ~3L;
  auto dot = [&](const float* a, const float* b) {
    f4 c = splat4(0.f);
    for (long p = 0; p < k4; p += 4) c += load4(a + p) * load4(b + p);
    float s = hsum4(c);
    for (long p = k4; p < k; ++p) s += a[p] * b[p];
    return s;
  };
  long i0 = 0;
  for (; i0 + 2 <= m; i0 += 2) {
    const float* a0 = A + i0 * lda;
    const float* a1 = a0 + lda;
    long j0 = 0;
    for (; j0 + 4 <= n; j0 += 4) {
      f4 c[2][4];
      for (int q = 0; q < 4; ++q) c[0][q] = c[1][q] = splat4(0.f);
      const float* b = B + j0 * ldb;
      for (long p = 0; p < k4; p += 4) {
        const f4 x0 = load4(a0 + p), x1 = load4(a1 + p);
        for (int q = 0; q < 4; ++q) {
          const f4 y = load4(b + q * ldb + p);
          c[0][q] += x0 * y;
          c[1][q] += x1 * y;
        }
      }
      for (int q = 0; q < 4; ++q) {
        float s0 = hsum4(c[0][q]), s1 = hsum4(c[1][q]);
        for (long p = k4; p < k; ++p) {
          s0 += a0[p] * b[q * ldb + p];
          s1 += a1[p] * b[q * ldb + p];
        }
        C[i0 * ldc + j0 + q] = e.apply(s0, i0, j0 + q);
        C[(i0 + 1) * ldc + j0 + q] = e.apply(s1, i0 + 1, j0 + q);
      }
    }
    for (; j0 < n; ++j0) {
      C[i0 * ldc + j0] = e.apply(dot(a0, B + j0 * ldb), i0, j0);
      C[(i0 + 1) * ldc + j0] = e.apply(dot(a1, B + j0 * ldb), i0 + 1, j0);
    }
  }
  for (; i0 < m; ++i0)
    for (long j = 0; j < n; ++j) C[i0 * ldc + j] = e.apply(dot(A + i0 * lda, B + j * ldb), i0, j);
}

// Inference GEMM over weights packed once into panels of 8 columns (packPanels8): each panel is
// k rows of 8 contiguous floats, so B streams sequentially and the A stride is a compile-time 1.
// Every C element is the same sum over p in increasing order as gemmNN's (bit-identical results),
// ~1.3x its speed on the MLP's shapes in wasm. Columns past the last full panel go to gemmStrided.
inline long panels8Size(long k, long n) { return (n / 8) * k * 8; }

inline void packPanels8(long k, long n, const float* B, long ldb, float* out) {
  for (long q = 0; q < n / 8; ++q)
    for (long p = 0; p < k; ++p) std::memcpy(out + (q * k + p) * 8, B + p * ldb + q * 8, 8 * sizeof(float));
}

template <int R>
inline void rowsTimesPanels(long i0, long n8, long k, const float* A, long lda, const float* panels, float* C,
                            long ldc, const Epilogue& e) {
  for (long j0 = 0; j0 < n8; j0 += 8) {
    // Pointers stepped by hand: emcc disables LLVM's loop strength reduction, and index arithmetic
    // per A load cost ~10 % of the kernel's time when the machine is busy.
    const float* b = panels + j0 * k;
    const float* a[R];
    for (int r = 0; r < R; ++r) a[r] = A + (i0 + r) * lda;
    f4 c[R][2];
    for (int r = 0; r < R; ++r) c[r][0] = c[r][1] = splat4(0.f);
    for (const float* const end = b + 8 * k; b != end; b += 8) {
      const f4 b0 = load4(b), b1 = load4(b + 4);
      for (int r = 0; r < R; ++r) {
        const f4 x = splat4(*a[r]++);
        c[r][0] += x * b0;
        c[r][1] += x * b1;
      }
    }
    for (int r = 0; r < R; ++r) {
      float* out = C + (i0 + r) * ldc + j0;
      store4(out, e.apply(c[r][0], i0 + r, j0));
      store4(out + 4, e.apply(c[r][1], i0 + r, j0 + 4));
    }
  }
}

// C (m×n) = A (m×k) · B (k×n) with B's first n/8*8 columns also given as `panels`; no mask.
// Same results as gemmNN for every shape (n < 8 is gemmNN).
inline void gemmPacked(long m, long n, long k, const float* A, long lda, const float* panels, const float* B,
                       long ldb, float* C, long ldc, const Epilogue& epilogue) {
  const long n8 = n & ~7L;
  if (n8 == 0) return gemmNN(m, n, k, A, lda, B, ldb, C, ldc, epilogue);  // no panel (n < 8)
  const Epilogue e = epilogue;
  long i0 = 0;
  for (; i0 + 4 <= m; i0 += 4) rowsTimesPanels<4>(i0, n8, k, A, lda, panels, C, ldc, e);
  for (; i0 < m; ++i0) rowsTimesPanels<1>(i0, n8, k, A, lda, panels, C, ldc, e);
  if (n8 < n) {
    Epilogue tail = e;
    if (tail.bias) tail.bias += n8;
    gemmStrided(m, n - n8, k, A, lda, 1, B + n8, ldb, C + n8, ldc, tail);
  }
}

// out (1×n) = Σ_rows A (rows×n, lda): column sums, added row by row in row order.
inline void columnSums(long rows, long n, const float* A, long lda, float* out) {
  const long n4 = n - n % 4;
  for (long j0 = 0; j0 < n4; j0 += 4) {
    f4 s = splat4(0.f);
    for (long r = 0; r < rows; ++r) s += load4(A + r * lda + j0);
    store4(out + j0, s);
  }
  for (long j = n4; j < n; ++j) {
    float s = 0.f;
    for (long r = 0; r < rows; ++r) s += A[r * lda + j];
    out[j] = s;
  }
}

}  // namespace kernels
}  // namespace pathwise
