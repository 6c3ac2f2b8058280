// SGD-with-momentum and Adam updates (float and double instantiations).
#include "model/optimizer.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace pathwise {

namespace {
void checkRate(double lr) {
  require(std::isfinite(lr) && lr > 0, ErrorCode::BAD_OPTION,
          "option 'learningRate' must be finite and > 0 (got " + std::to_string(lr) + ")");
}
void checkUnit(double v, const char* name) {
  require(std::isfinite(v) && v >= 0 && v < 1, ErrorCode::BAD_OPTION,
          std::string("option '") + name + "' must be in [0, 1) (got " + std::to_string(v) + ")");
}

// Sizes state like the layers and zeroes it.
template <typename T>
void zeroLike(Gradients<T>& s, const std::vector<DenseLayer<T>>& layers) {
  s.resizeLike(layers);
  for (size_t l = 0; l < layers.size(); ++l) {
    s.dW[l].setZero();
    s.db[l].setZero();
  }
}
}  // namespace

template <typename T>
Sgd<T>::Sgd(double learningRate, double momentum)
    : lr_(static_cast<T>(learningRate)), momentum_(static_cast<T>(momentum)) {
  checkRate(learningRate);
  checkUnit(momentum, "momentum");
}

template <typename T>
void Sgd<T>::apply(std::vector<DenseLayer<T>>& layers, const Gradients<T>& g) {
  if (!started_) zeroLike(v_, layers);
  started_ = true;
  for (size_t l = 0; l < layers.size(); ++l) {
    v_.dW[l] = momentum_ * v_.dW[l] - lr_ * g.dW[l];
    v_.db[l] = momentum_ * v_.db[l] - lr_ * g.db[l];
    layers[l].W += v_.dW[l];
    layers[l].b += v_.db[l];
  }
}

template <typename T>
void Sgd<T>::reset() {
  started_ = false;
}

template <typename T>
Adam<T>::Adam(double learningRate, double beta1, double beta2, double epsilon)
    : lr_(learningRate), beta1_(beta1), beta2_(beta2), epsilon_(static_cast<T>(epsilon)) {
  checkRate(learningRate);
  checkUnit(beta1, "beta1");
  checkUnit(beta2, "beta2");
  require(std::isfinite(epsilon) && epsilon > 0, ErrorCode::BAD_OPTION,
          "option 'epsilon' must be finite and > 0 (got " + std::to_string(epsilon) + ")");
}

template <typename T>
void Adam<T>::apply(std::vector<DenseLayer<T>>& layers, const Gradients<T>& g) {
  if (t_ == 0) {
    zeroLike(m_, layers);
    zeroLike(v_, layers);
  }
  ++t_;
  const double td = static_cast<double>(t_);
  const T lrT = static_cast<T>(lr_ * std::sqrt(1 - std::pow(beta2_, td)) / (1 - std::pow(beta1_, td)));
  const T b1 = static_cast<T>(beta1_), b2 = static_cast<T>(beta2_);
  const T c1 = static_cast<T>(1 - beta1_), c2 = static_cast<T>(1 - beta2_);
  const T eps = epsilon_;
  // One fused pass over raw arrays, vectorised by the compiler (f32x4.sqrt/div under -msimd128);
  // per element exactly m = β1·m + c1·g; v = β2·v + c2·g²; w −= lr_t·m / (√v + ε).
  auto update = [&](auto& w, auto& m, auto& v, const auto& grad) {
    T* __restrict wp = w.data();
    T* __restrict mp = m.data();
    T* __restrict vp = v.data();
    const T* __restrict gp = grad.data();
    const Eigen::Index n = w.size();
    for (Eigen::Index i = 0; i < n; ++i) {
      const T gi = gp[i];
      const T mi = b1 * mp[i] + c1 * gi;
      const T vi = b2 * vp[i] + c2 * (gi * gi);
      mp[i] = mi;
      vp[i] = vi;
      wp[i] -= lrT * mi / (std::sqrt(vi) + eps);
    }
  };
  for (size_t l = 0; l < layers.size(); ++l) {
    update(layers[l].W, m_.dW[l], v_.dW[l], g.dW[l]);
    update(layers[l].b, m_.db[l], v_.db[l], g.db[l]);
  }
}

template <typename T>
void Adam<T>::reset() {
  t_ = 0;
}

template class Sgd<float>;
template class Sgd<double>;
template class Adam<float>;
template class Adam<double>;

}  // namespace pathwise
