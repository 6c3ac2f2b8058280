// Tests of the f32x4 GEMM kernels in cpp/model/dense_kernels.h against Eigen products, over shapes
// that exercise every block and remainder path, strided operands and the fused epilogues.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>
#include <cstddef>
#include <limits>

#include "core/matrix.h"
#include "core/rng.h"
#include "model/dense_kernels.h"

using namespace pathwise;

namespace {

MatrixF randomMatrix(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
  MatrixF m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = static_cast<float>(rng.uniform(-1, 1));
  return m;
}

// Largest |a − b| relative to the scale of the sum (k terms of magnitude ≤ 1).
void expectClose(const MatrixF& got, const MatrixF& want, long k, const char* what) {
  ASSERT_EQ(got.rows(), want.rows()) << what;
  ASSERT_EQ(got.cols(), want.cols()) << what;
  const float tol = 1e-6f * static_cast<float>(k + 1);
  for (Eigen::Index i = 0; i < got.rows(); ++i)
    for (Eigen::Index j = 0; j < got.cols(); ++j)
      ASSERT_NEAR(got(i, j), want(i, j), tol) << what << " at (" << i << ", " << j << ")";
}

const long kRows[] = {1, 2, 3, 4, 5, 7, 32};
const long kCols[] = {1, 3, 4, 5, 8, 9, 17, 64};
const long kDepth[] = {1, 3, 4, 5, 31, 64};

}  // namespace

TEST(DenseKernels, NnWithBiasAndReluMatchesEigen) {
  Rng rng(7);
  for (long m : kRows)
    for (long n : kCols)
      for (long k : kDepth) {
        const MatrixF A = randomMatrix(m, k, rng), B = randomMatrix(k, n, rng);
        const RowVector<float> b = randomMatrix(1, n, rng);
        MatrixF C(m, n);
        kernels::gemmNN(m, n, k, A.data(), k, B.data(), n, C.data(), n);
        expectClose(C, A * B, k, "A·B");
        kernels::Epilogue e;
        e.bias = b.data();
        e.relu = true;
        kernels::gemmNN(m, n, k, A.data(), k, B.data(), n, C.data(), n, e);
        const MatrixF want = ((A * B).rowwise() + b).cwiseMax(0.f);
        expectClose(C, want, k, "relu(A·B + b)");
      }
}

TEST(DenseKernels, TnMatchesEigen) {
  Rng rng(8);
  for (long m : kCols)
    for (long n : kCols)
      for (long k : kRows) {
        const MatrixF A = randomMatrix(k, m, rng), B = randomMatrix(k, n, rng);
        MatrixF C(m, n);
        kernels::gemmTN(m, n, k, A.data(), m, B.data(), n, C.data(), n);
        expectClose(C, A.transpose() * B, k, "Aᵀ·B");
      }
}

TEST(DenseKernels, NtWithMaskMatchesEigen) {
  Rng rng(9);
  for (long m : kRows)
    for (long n : kCols)
      for (long k : kDepth) {
        const MatrixF A = randomMatrix(m, k, rng), B = randomMatrix(n, k, rng), M = randomMatrix(m, n, rng);
        MatrixF C(m, n);
        kernels::gemmNT(m, n, k, A.data(), k, B.data(), k, C.data(), n);
        expectClose(C, A * B.transpose(), k, "A·Bᵀ");
        kernels::Epilogue e;
        e.mask = M.data();
        e.ldm = n;
        kernels::gemmNT(m, n, k, A.data(), k, B.data(), k, C.data(), n, e);
        const MatrixF want = (A * B.transpose()).cwiseProduct((M.array() > 0.f).cast<float>().matrix());
        expectClose(C, want, k, "(A·Bᵀ) ⊙ [M > 0]");
      }
}

TEST(DenseKernels, StridedOperandsAndColumnSums) {
  Rng rng(10);
  const MatrixF big = randomMatrix(9, 40, rng), W = randomMatrix(13, 11, rng);
  // A = a 9×13 block of a 9×40 matrix (lda = 40).
  MatrixF C(9, 11);
  kernels::gemmNN(9, 11, 13, big.data() + 2, 40, W.data(), 11, C.data(), 11);
  expectClose(C, big.block(0, 2, 9, 13) * W, 13, "block·W");
  // Column sums are exact sequential sums in row order.
  RowVector<float> sums(40);
  kernels::columnSums(9, 40, big.data(), 40, sums.data());
  for (Eigen::Index j = 0; j < 40; ++j) {
    float s = 0.f;
    for (Eigen::Index i = 0; i < 9; ++i) s += big(i, j);
    EXPECT_EQ(sums[j], s) << j;
  }
}

TEST(DenseKernels, ReluKeepsNaN) {  // like Eigen's max(x, 0): a NaN stays visible to divergence checks
  MatrixF A(1, 4), B = MatrixF::Identity(4, 4), C(1, 4);
  A << -1.f, 2.f, 0.5f, -3.f;
  RowVector<float> bias(4);
  bias << std::numeric_limits<float>::quiet_NaN(), 0.f, 0.f, 0.f;
  kernels::Epilogue e;
  e.bias = bias.data();
  e.relu = true;
  kernels::gemmNN(1, 4, 4, A.data(), 4, B.data(), 4, C.data(), 4, e);
  EXPECT_TRUE(std::isnan(C(0, 0)));
  EXPECT_EQ(C(0, 1), 2.f);
  EXPECT_EQ(C(0, 2), 0.5f);
  EXPECT_EQ(C(0, 3), 0.f);
}

// The inference kernel over packed 8-column panels sums every element in the same order as gemmNN:
// bit-identical results (with bias + relu, a strided A, and row/column remainders), and close to Eigen.
TEST(DenseKernels, PackedPanelsAreBitIdenticalToNn) {
  Rng rng(11);
  for (long m : kRows)
    for (long n : kCols)
      for (long k : kDepth) {
        const long lda = k + 3;  // a strided A (a block of a wider matrix)
        const MatrixF Awide = randomMatrix(m, lda, rng), B = randomMatrix(k, n, rng);
        const RowVector<float> b = randomMatrix(1, n, rng);
        std::vector<float> panels(static_cast<size_t>(kernels::panels8Size(k, n)) + 1, -7.f);
        kernels::packPanels8(k, n, B.data(), n, panels.data());
        ASSERT_EQ(panels.back(), -7.f) << "packPanels8 wrote past panels8Size";
        kernels::Epilogue e;
        e.bias = b.data();
        e.relu = true;
        MatrixF want(m, n), got(m, n);
        kernels::gemmNN(m, n, k, Awide.data(), lda, B.data(), n, want.data(), n, e);
        kernels::gemmPacked(m, n, k, Awide.data(), lda, panels.data(), B.data(), n, got.data(), n, e);
        for (Eigen::Index i = 0; i < got.size(); ++i)
          ASSERT_EQ(std::memcmp(got.data() + i, want.data() + i, sizeof(float)), 0)
              << "m=" << m << " n=" << n << " k=" << k << " at " << i;
        MatrixF ref = Awide.leftCols(k) * B;
        ref.rowwise() += b;
        expectClose(got, ref.cwiseMax(0.f), k, "packed A·B + b, relu");
      }
}
