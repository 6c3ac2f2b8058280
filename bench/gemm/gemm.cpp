// GEMM ceiling for the bench (issue 6): times the float matrix products of one training step of
// the founding model (32 -> 128 relu -> 64 relu -> 1, batch 32), forward and backward, with Eigen 3.4.
// Built for WebAssembly by build.sh (same flags as the package); layouts: Eigen row-major, Eigen
// column-major, and the trainer's own kernels (cpp/model/dense_kernels.h). Compiles natively too.
#include <Eigen/Dense>
#include <algorithm>
#include <cstdint>

#include "model/dense_kernels.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define GEMM_EXPORT extern "C" EMSCRIPTEN_KEEPALIVE
#else
#define GEMM_EXPORT extern "C"
#endif

namespace {

constexpr int kBatch = 32, kIn = 32, kH1 = 128, kH2 = 64, kOut = 1;
constexpr int kShapes = 8;

template <int Order>
struct Step {
  using M = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Order>;
  M x{kBatch, kIn}, w1{kIn, kH1}, w2{kH1, kH2}, w3{kH2, kOut};
  M h1{kBatch, kH1}, h2{kBatch, kH2}, z3{kBatch, kOut};
  M d1{kBatch, kH1}, d2{kBatch, kH2}, d3{kBatch, kOut};
  M gw1{kIn, kH1}, gw2{kH1, kH2}, gw3{kH2, kOut};

  Step() {
    for (M* m : {&x, &w1, &w2, &w3, &h1, &h2, &d1, &d2, &d3}) m->setRandom();
  }
  // One product per shape; the order is the order of a training step.
  void run(int shape) {
    switch (shape) {
      case 0: h1.noalias() = x * w1; break;                 // forward layer 1
      case 1: h2.noalias() = h1 * w2; break;                // forward layer 2
      case 2: z3.noalias() = h2 * w3; break;                // forward output
      case 3: gw3.noalias() = h2.transpose() * d3; break;   // dW3 = H2^T d3
      case 4: d2.noalias() = d3 * w3.transpose(); break;    // dH2 = d3 W3^T
      case 5: gw2.noalias() = h1.transpose() * d2; break;   // dW2 = H1^T d2
      case 6: d1.noalias() = d2 * w2.transpose(); break;    // dH1 = d2 W2^T
      case 7: gw1.noalias() = x.transpose() * d1; break;    // dW1 = X^T d1
    }
  }
  float checksum() const { return h1(0, 0) + h2(1, 1) + z3(2, 0) + gw1(3, 3) + gw2(4, 4) + gw3(5, 0); }
};

// The same products as the trainer computes them with the f32x4 kernels of
// cpp/model/dense_kernels.h on the row-major buffers (input deltas as Δ·(Wᵀ stored), Wᵀ rebuilt
// each time, as in Backprop). Sizes are read through volatile ints so the kernels run with runtime
// sizes, as in the trainer.
volatile int vBatch = kBatch, vIn = kIn, vH1 = kH1, vH2 = kH2, vOut = kOut;
Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> w2t{kH2, kH1}, w3t{kOut, kH2};

void runKernels(Step<Eigen::RowMajor>& s, int shape) {
  namespace k = pathwise::kernels;
  const long B = vBatch, I = vIn, H1 = vH1, H2 = vH2, O = vOut;
  switch (shape) {
    case 0: k::gemmNN(B, H1, I, s.x.data(), I, s.w1.data(), H1, s.h1.data(), H1); break;
    case 1: k::gemmNN(B, H2, H1, s.h1.data(), H1, s.w2.data(), H2, s.h2.data(), H2); break;
    case 2: k::gemmNN(B, O, H2, s.h2.data(), H2, s.w3.data(), O, s.z3.data(), O); break;
    case 3: k::gemmTN(H2, O, B, s.h2.data(), H2, s.d3.data(), O, s.gw3.data(), O); break;
    case 4:
      w3t = s.w3.transpose();
      k::gemmNN(B, H2, O, s.d3.data(), O, w3t.data(), H2, s.d2.data(), H2);
      break;
    case 5: k::gemmTN(H1, H2, B, s.h1.data(), H1, s.d2.data(), H2, s.gw2.data(), H2); break;
    case 6:
      w2t = s.w2.transpose();
      k::gemmNN(B, H1, H2, s.d2.data(), H2, w2t.data(), H1, s.d1.data(), H1);
      break;
    case 7: k::gemmTN(I, H1, B, s.x.data(), I, s.d1.data(), H1, s.gw1.data(), H1); break;
  }
}

Step<Eigen::RowMajor>& rowMajor() { static Step<Eigen::RowMajor> s; return s; }
Step<Eigen::ColMajor>& colMajor() { static Step<Eigen::ColMajor> s; return s; }

const int kDims[kShapes][3] = {  // m, k, n of each product
    {kBatch, kIn, kH1}, {kBatch, kH1, kH2}, {kBatch, kH2, kOut}, {kH2, kBatch, kOut},
    {kBatch, kOut, kH2}, {kH1, kBatch, kH2}, {kBatch, kH2, kH1}, {kIn, kBatch, kH1}};

}  // namespace

GEMM_EXPORT int gemm_shape_count() { return kShapes; }
GEMM_EXPORT int gemm_dim(int shape, int which) { return kDims[shape][which]; }
GEMM_EXPORT double gemm_flops(int shape) {
  return 2.0 * kDims[shape][0] * kDims[shape][1] * kDims[shape][2];
}

// Runs product `shape` (or all of them in step order when shape < 0) `reps` times;
// layout 0 = Eigen row-major, 1 = Eigen column-major, 2 = the trainer's f32x4 kernels. Returns a checksum so nothing is optimised away.
GEMM_EXPORT double gemm_run(int shape, int layout, int reps) {
  for (int r = 0; r < reps; ++r) {
    for (int s = (shape < 0 ? 0 : shape); s < (shape < 0 ? kShapes : shape + 1); ++s) {
      if (layout == 0) rowMajor().run(s);
      else if (layout == 1) colMajor().run(s);
      else runKernels(rowMajor(), s);
    }
  }
  return layout == 1 ? colMajor().checksum() : rowMajor().checksum();
}

// Largest |difference| between the Eigen row-major result and the kernels' result of a product.
GEMM_EXPORT double gemm_check(int shape) {
  Step<Eigen::RowMajor>& s = rowMajor();
  s.run(shape);
  const Step<Eigen::RowMajor> ref = s;
  runKernels(s, shape);
  double worst = 0;
  auto cmp = [&](const auto& a, const auto& b) { worst = std::max<double>(worst, (a - b).cwiseAbs().maxCoeff()); };
  cmp(ref.h1, s.h1); cmp(ref.h2, s.h2); cmp(ref.z3, s.z3); cmp(ref.d1, s.d1); cmp(ref.d2, s.d2);
  cmp(ref.gw1, s.gw1); cmp(ref.gw2, s.gw2); cmp(ref.gw3, s.gw3);
  return worst;
}
