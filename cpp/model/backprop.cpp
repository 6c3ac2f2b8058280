// Forward/backward passes and the three losses for Backprop<T> (float and double instantiations).
// Hot path of training: everything works in preallocated buffers. Float products go through the
// f32x4 kernels of dense_kernels.h with bias + relu and the relu derivative fused into them (issue 6);
// double (tests, gradient checks) keeps Eigen's products.
#include "model/backprop.h"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "model/dense_kernels.h"

namespace pathwise {

template <typename T>
void Backprop<T>::resize(const std::vector<DenseLayer<T>>& layers, Eigen::Index rows) {
  const size_t L = layers.size();
  input_.resize(rows, layers.front().W.rows());
  acts_.resize(L);
  deltas_.resize(L);
  masks_.resize(L - 1);
  transposed_.resize(L);
  dropped_.resize(L - 1);
  for (size_t l = 0; l < L; ++l) acts_[l].resize(rows, layers[l].W.cols());
  for (size_t l = 0; l < L; ++l) deltas_[l].resize(0, layers[l].W.cols());  // sized by ensureDeltas()
}

template <typename T>
void Backprop<T>::ensureDeltas() {
  for (size_t l = 0; l < deltas_.size(); ++l)
    if (deltas_[l].rows() != acts_[l].rows()) deltas_[l].resize(acts_[l].rows(), acts_[l].cols());
}

template <typename T>
void Backprop<T>::packWeights(const std::vector<DenseLayer<T>>& layers) {
  if constexpr (std::is_same<T, float>::value) {
    panels_.resize(layers.size());
    for (size_t l = 0; l < layers.size(); ++l) {
      const Matrix<T>& W = layers[l].W;
      panels_[l].resize(static_cast<size_t>(kernels::panels8Size(W.rows(), W.cols())));
      kernels::packPanels8(W.rows(), W.cols(), W.data(), W.cols(), panels_[l].data());
    }
  }
}

template <typename T>
const Matrix<T>& Backprop<T>::forward(const std::vector<DenseLayer<T>>& layers,
                                      const Eigen::Ref<const Matrix<T>>& X, T dropout, Rng* rng) {
  if (acts_.size() != layers.size() || acts_.front().rows() != X.rows()) resize(layers, X.rows());
  dropout_ = dropout > T(0);
  const size_t L = layers.size();
  for (size_t l = 0; l < L; ++l) {
    Matrix<T>& Z = acts_[l];
    const DenseLayer<T>& layer = layers[l];
    if constexpr (std::is_same<T, float>::value) {
      const float* in = l == 0 ? X.data() : layerInput(l).data();
      const long ldin = l == 0 ? static_cast<long>(X.outerStride()) : static_cast<long>(layer.W.rows());
      kernels::Epilogue e;
      e.bias = layer.b.data();
      e.relu = layer.activation == Activation::Relu;
      if (panels_.empty())
        kernels::gemmNN(Z.rows(), Z.cols(), layer.W.rows(), in, ldin, layer.W.data(), layer.W.cols(), Z.data(),
                        Z.cols(), e);
      else
        kernels::gemmPacked(Z.rows(), Z.cols(), layer.W.rows(), in, ldin, panels_[l].data(), layer.W.data(),
                            layer.W.cols(), Z.data(), Z.cols(), e);
      if (!e.relu) applyActivation(layer.activation, Z);
    } else {
      if (l == 0)
        Z.noalias() = X * layer.W;
      else
        Z.noalias() = layerInput(l) * layer.W;
      Z.rowwise() += layer.b;
      applyActivation(layer.activation, Z);
    }
    if (dropout_ && l + 1 < L) {
      Matrix<T>& M = masks_[l];
      M.resize(Z.rows(), Z.cols());
      const T keep = T(1) / (T(1) - dropout);
      T* m = M.data();
      for (Eigen::Index i = 0; i < M.size(); ++i)
        m[i] = rng->uniform() < static_cast<double>(dropout) ? T(0) : keep;
      dropped_[l].resize(Z.rows(), Z.cols());
      dropped_[l].array() = Z.array() * M.array();
    }
  }
  return acts_.back();
}

namespace {

// Binary cross-entropy from a logit, and its derivative σ(z) − y.
template <typename T>
inline double bceFromLogit(T z, T y, T* grad) {
  const double zd = z;
  const double e = std::exp(-std::fabs(zd));
  const double sig = zd >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
  *grad = static_cast<T>(sig - y);
  return std::max(zd, 0.0) - zd * y + std::log1p(e);
}

// Softmax cross-entropy of one row of logits via log-sum-exp; grad row = softmax − onehot.
template <typename T>
inline double softmaxCe(const T* z, Eigen::Index k, int cls, T* grad) {
  const T m = *std::max_element(z, z + k);
  double s = 0;
  for (Eigen::Index j = 0; j < k; ++j) {
    grad[j] = static_cast<T>(std::exp(static_cast<double>(z[j] - m)));
    s += grad[j];
  }
  const T inv = static_cast<T>(1.0 / s);
  for (Eigen::Index j = 0; j < k; ++j) grad[j] *= inv;
  grad[cls] -= T(1);
  return static_cast<double>(m) + std::log(s) - static_cast<double>(z[cls]);
}

}  // namespace

template <typename T>
double Backprop<T>::lossAndOutputDelta(OutputKind kind, const T* y, const T* w, double sumW) {
  ensureDeltas();
  const Matrix<T>& Z = acts_.back();
  Matrix<T>& D = deltas_.back();
  const Eigen::Index n = Z.rows(), k = Z.cols();
  double total = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const T* z = Z.data() + i * k;
    T* g = D.data() + i * k;
    double li;
    if (kind == OutputKind::Sigmoid) {
      li = bceFromLogit(z[0], y[i], g);
    } else if (kind == OutputKind::Softmax) {
      li = softmaxCe(z, k, static_cast<int>(y[i]), g);
    } else {
      const double r = static_cast<double>(z[0]) - static_cast<double>(y[i]);
      li = r * r;
      g[0] = static_cast<T>(2 * r);
    }
    const double wi = w ? static_cast<double>(w[i]) : 1.0;
    total += wi * li;
    const T scale = static_cast<T>(wi / sumW);
    for (Eigen::Index j = 0; j < k; ++j) g[j] *= scale;
  }
  return total / sumW;
}

template <typename T>
void Backprop<T>::backward(const std::vector<DenseLayer<T>>& layers,
                           const Eigen::Ref<const Matrix<T>>& X, T l2, Gradients<T>& grads,
                           bool wantInputDelta) {
  grads.resizeLike(layers);
  ensureDeltas();
  for (size_t l = layers.size(); l-- > 0;) {
    const Matrix<T>& D = deltas_[l];
    const Matrix<T>& W = layers[l].W;
    if constexpr (std::is_same<T, float>::value) {
      const float* in = l == 0 ? X.data() : layerInput(l).data();
      const long ldin = l == 0 ? static_cast<long>(X.outerStride()) : static_cast<long>(W.rows());
      kernels::gemmTN(W.rows(), W.cols(), D.rows(), in, ldin, D.data(), D.cols(), grads.dW[l].data(), W.cols());
    } else {
      if (l == 0)
        grads.dW[l].noalias() = X.transpose() * D;
      else
        grads.dW[l].noalias() = layerInput(l).transpose() * D;
    }
    if (l2 != T(0)) grads.dW[l] += (T(2) * l2) * layers[l].W;
    // Column sums of Δ, added row by row in row order.
    RowVector<T>& db = grads.db[l];
    if constexpr (std::is_same<T, float>::value) {
      kernels::columnSums(D.rows(), D.cols(), D.data(), D.cols(), db.data());
    } else {
      db.setZero();
      for (Eigen::Index r = 0; r < D.rows(); ++r) db += D.row(r);
    }
    if (l > 0) {
      Matrix<T>& prev = deltas_[l - 1];
      const Activation act = layers[l - 1].activation;
      if constexpr (std::is_same<T, float>::value) {
        kernels::Epilogue e;  // relu: the derivative [a > 0] is fused into the product
        if (act == Activation::Relu) {
          e.mask = acts_[l - 1].data();
          e.ldm = acts_[l - 1].cols();
        }
        // Δ·Wᵀ as Δ·(Wᵀ stored): the row-major product with the vectorised epilogue beats dot products.
        Matrix<T>& wt = transposed_[l];
        wt = W.transpose();
        kernels::gemmNN(prev.rows(), prev.cols(), W.cols(), D.data(), D.cols(), wt.data(), wt.cols(), prev.data(),
                        prev.cols(), e);
        if (dropout_) prev.array() *= masks_[l - 1].array();
        if (act != Activation::Relu) multiplyByDerivative(act, prev, acts_[l - 1]);
      } else {
        prev.noalias() = D * W.transpose();
        if (dropout_) prev.array() *= masks_[l - 1].array();
        multiplyByDerivative(act, prev, acts_[l - 1]);
      }
    } else if (wantInputDelta) {
      if constexpr (std::is_same<T, float>::value) {
        inputDelta_.resize(D.rows(), W.rows());
        kernels::gemmNT(D.rows(), W.rows(), W.cols(), D.data(), D.cols(), W.data(), W.cols(), inputDelta_.data(),
                        inputDelta_.cols());
      } else {
        inputDelta_.noalias() = D * W.transpose();
      }
    }
  }
}

template <typename T>
double weightSquaredNorm(const std::vector<DenseLayer<T>>& layers) {
  double s = 0;
  for (const auto& layer : layers) s += static_cast<double>(layer.W.squaredNorm());
  return s;
}

template class Backprop<float>;
template class Backprop<double>;
template double weightSquaredNorm<float>(const std::vector<DenseLayer<float>>&);
template double weightSquaredNorm<double>(const std::vector<DenseLayer<double>>&);

}  // namespace pathwise
