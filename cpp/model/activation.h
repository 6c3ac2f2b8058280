// Activation functions of the MLP: the forward map applied in place to a block of
// pre-activations, and the derivative expressed through the *output* a = f(z), so the backward
// pass needs no stored pre-activations. Header-only; depends on core only.
#pragma once

#include <string>

#include "core/error.h"
#include "core/matrix.h"

namespace pathwise {

enum class Activation { Relu, Tanh, Sigmoid, Linear };

// Stable lowercase name ("relu", "tanh", "sigmoid", "linear").
inline const char* activationName(Activation a) {
  switch (a) {
    case Activation::Relu: return "relu";
    case Activation::Tanh: return "tanh";
    case Activation::Sigmoid: return "sigmoid";
    case Activation::Linear: return "linear";
  }
  return "linear";
}

// Inverse of activationName; BAD_OPTION naming option 'activation' for anything else.
inline Activation parseActivation(const std::string& name) {
  for (Activation a : {Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear})
    if (name == activationName(a)) return a;
  throw Error(ErrorCode::BAD_OPTION,
              "option 'activation' must be relu, tanh, sigmoid or linear (got '" + name + "')");
}

// z <- f(z), elementwise, in place. Works on matrices, arrays and (contiguous or not) blocks.
template <typename Derived>
void applyActivation(Activation act, Eigen::DenseBase<Derived>& z) {
  using T = typename Derived::Scalar;
  auto&& a = z.derived().array();
  switch (act) {
    case Activation::Relu: a = a.max(T(0)); break;
    case Activation::Tanh: a = a.tanh(); break;
    case Activation::Sigmoid: a = (T(1) + (-a).exp()).inverse(); break;
    case Activation::Linear: break;
  }
}
template <typename Derived>
void applyActivation(Activation act, Eigen::DenseBase<Derived>&& z) {
  applyActivation(act, z);
}

// delta <- delta ⊙ f'(z), with f'(z) computed from the output a = f(z):
// relu 1[a > 0], tanh 1 − a², sigmoid a(1 − a), linear 1.
template <typename DerivedD, typename DerivedA>
void multiplyByDerivative(Activation act, Eigen::DenseBase<DerivedD>& delta,
                          const Eigen::DenseBase<DerivedA>& out) {
  using T = typename DerivedD::Scalar;
  auto&& d = delta.derived().array();
  auto&& a = out.derived().array();
  switch (act) {
    case Activation::Relu: d *= (a > T(0)).template cast<T>(); break;
    case Activation::Tanh: d *= T(1) - a.square(); break;
    case Activation::Sigmoid: d *= a * (T(1) - a); break;
    case Activation::Linear: break;
  }
}
// Fast path for whole matrices (the training loop): relu as a plain restrict loop, which the
// compiler vectorizes natively and for wasm SIMD (Eigen's bool → float cast does not vectorize).
template <typename T>
void multiplyByDerivative(Activation act, Matrix<T>& delta, const Matrix<T>& out) {
  if (act != Activation::Relu || delta.size() != out.size()) {
    multiplyByDerivative(act, static_cast<Eigen::DenseBase<Matrix<T>>&>(delta), out);
    return;
  }
  T* __restrict d = delta.data();
  const T* __restrict a = out.data();
  const Eigen::Index n = delta.size();
  for (Eigen::Index i = 0; i < n; ++i) d[i] = a[i] > T(0) ? d[i] : T(0);
}

template <typename DerivedD, typename DerivedA>
void multiplyByDerivative(Activation act, Eigen::DenseBase<DerivedD>&& delta,
                          const Eigen::DenseBase<DerivedA>& out) {
  multiplyByDerivative(act, delta, out);
}

}  // namespace pathwise
