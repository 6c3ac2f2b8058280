// Mlp<T>: construction with seeded He/Glorot-uniform init, prediction, input gradients, the loss
// with its gradient, and save/load with full validation.
#include <algorithm>
#include "model/mlp.h"

#include <cmath>
#include <string>

#include "core/rng.h"
#include "model/backprop.h"

namespace pathwise {

template <typename T>
void Gradients<T>::resizeLike(const std::vector<DenseLayer<T>>& layers) {
  dW.resize(layers.size());
  db.resize(layers.size());
  for (size_t l = 0; l < layers.size(); ++l) {
    dW[l].resize(layers[l].W.rows(), layers[l].W.cols());
    db[l].resize(layers[l].b.size());
  }
}

template <typename T>
T Gradients<T>::squaredNorm() const {
  T s = 0;
  for (size_t l = 0; l < dW.size(); ++l) s += dW[l].squaredNorm() + db[l].squaredNorm();
  return s;
}

template <typename T>
void Gradients<T>::scale(T factor) {
  for (size_t l = 0; l < dW.size(); ++l) {
    dW[l] *= factor;
    db[l] *= factor;
  }
}

template <typename T>
Mlp<T>::Mlp(int inputs, const std::vector<int>& hidden, Activation hiddenActivation,
            OutputKind output, int outputs, uint64_t seed, WeightInit init)
    : output_(output) {
  require(inputs > 0, ErrorCode::BAD_OPTION, "option 'inputs' must be >= 1 (got " + std::to_string(inputs) + ")");
  for (size_t i = 0; i < hidden.size(); ++i)
    require(hidden[i] > 0, ErrorCode::BAD_OPTION,
            "option 'hidden' layer " + std::to_string(i + 1) + " must have >= 1 units (got " +
                std::to_string(hidden[i]) + ")");
  Rng rng(seed);
  int fanIn = inputs;
  for (size_t i = 0; i <= hidden.size(); ++i) {
    const bool last = i == hidden.size();
    const int units = last ? outputs : hidden[i];
    DenseLayer<T> layer;
    layer.activation = last ? Activation::Linear : hiddenActivation;
    const bool he = !last && (init == WeightInit::He || (init == WeightInit::Auto && layer.activation == Activation::Relu));
    const double limit = he ? std::sqrt(6.0 / fanIn) : std::sqrt(6.0 / (fanIn + units));
    layer.W.resize(fanIn, std::max(units, 0));
    for (Eigen::Index k = 0; k < layer.W.size(); ++k)
      layer.W.data()[k] = static_cast<T>(rng.uniform(-limit, limit));
    layer.b = RowVector<T>::Zero(std::max(units, 0));
    layers_.push_back(std::move(layer));
    fanIn = units;
  }
  validate(ErrorCode::BAD_OPTION);
}

template <typename T>
Mlp<T>::Mlp(std::vector<DenseLayer<T>> layers, OutputKind output)
    : layers_(std::move(layers)), output_(output) {
  validate(ErrorCode::BAD_OPTION);
}

template <typename T>
void Mlp<T>::validate(ErrorCode code) const {
  require(!layers_.empty(), code, "network has no layers");
  const int k = static_cast<int>(layers_.back().W.cols());
  if (output_ == OutputKind::Softmax)
    require(k >= 2, code, "option 'outputs' must be >= 2 for softmax (got " + std::to_string(k) + ")");
  else
    require(k == 1, code, "option 'outputs' must be 1 for a sigmoid or linear output (got " + std::to_string(k) + ")");
  require(layers_.back().activation == Activation::Linear, code, "output layer must be linear (logits)");
  for (size_t l = 0; l < layers_.size(); ++l) {
    const auto& L = layers_[l];
    const std::string at = "layer " + std::to_string(l + 1);
    require(L.W.rows() > 0 && L.W.cols() > 0, code, at + " has an empty weight matrix");
    require(L.b.size() == L.W.cols(), code, at + " bias size does not match its units");
    if (l > 0) require(L.W.rows() == layers_[l - 1].W.cols(), code, at + " inputs do not match the previous layer");
    require(L.W.allFinite() && L.b.allFinite(), code, at + " has non-finite parameters");
  }
}

template <typename T>
size_t Mlp<T>::parameterCount() const {
  size_t n = 0;
  for (const auto& L : layers_) n += static_cast<size_t>(L.W.size() + L.b.size());
  return n;
}

template <typename T>
void Mlp<T>::checkInputs(Eigen::Index cols) const {
  require(cols == inputs(), ErrorCode::SHAPE_MISMATCH,
          "input has " + std::to_string(cols) + " columns, the network expects " + std::to_string(inputs()));
}

template <typename T>
Matrix<T> Mlp<T>::logits(const Eigen::Ref<const Matrix<T>>& X) const {
  checkInputs(X.cols());
  if (X.rows() == 0) return Matrix<T>(0, outputs());
  // Blocks of rows keep the hidden activations in cache on big inputs (each row's result does not
  // depend on the block: the kernels compute rows independently).
  constexpr Eigen::Index kBlock = 256;
  Backprop<T> bp;
  // From 16 rows on, packing the weights once costs less than it saves (bit-identical logits).
  if (X.rows() >= 16) bp.packWeights(layers_);
  if (X.rows() <= kBlock) return bp.forward(layers_, X);
  Matrix<T> out(X.rows(), outputs());
  for (Eigen::Index r = 0; r < X.rows(); r += kBlock) {
    const Eigen::Index n = std::min(kBlock, X.rows() - r);
    out.middleRows(r, n) = bp.forward(layers_, X.middleRows(r, n));
  }
  return out;
}

// Probabilities / values from logits, in place.
template <typename T>
static void outputTransform(OutputKind kind, Matrix<T>& Z) {
  if (kind == OutputKind::Sigmoid) {
    applyActivation(Activation::Sigmoid, Z);
  } else if (kind == OutputKind::Softmax) {
    for (Eigen::Index i = 0; i < Z.rows(); ++i) {
      auto row = Z.row(i).array();
      row = (row - row.maxCoeff()).exp();
      row /= row.sum();
    }
  }
}

template <typename T>
Matrix<T> Mlp<T>::predict(const Eigen::Ref<const Matrix<T>>& X) const {
  Matrix<T> Z = logits(X);
  outputTransform(output_, Z);
  return Z;
}

template <typename T>
Matrix<T> Mlp<T>::inputGradient(const Eigen::Ref<const Matrix<T>>& X, int outputIndex) const {
  require(outputIndex >= 0 && outputIndex < outputs(), ErrorCode::BAD_OPTION,
          "option 'outputIndex' must be in [0, " + std::to_string(outputs()) + ") (got " +
              std::to_string(outputIndex) + ")");
  Matrix<T> P = logits(X);
  if (X.rows() == 0) return Matrix<T>(0, inputs());
  outputTransform(output_, P);
  Backprop<T> bp;
  bp.forward(layers_, X);
  Matrix<T>& seed = bp.outputDelta();  // d p_k / d z for each row
  const int k = outputIndex;
  for (Eigen::Index i = 0; i < P.rows(); ++i) {
    if (output_ == OutputKind::Sigmoid) {
      seed(i, 0) = P(i, 0) * (T(1) - P(i, 0));
    } else if (output_ == OutputKind::Softmax) {
      seed.row(i) = -P(i, k) * P.row(i);
      seed(i, k) += P(i, k);
    } else {
      seed(i, 0) = T(1);
    }
  }
  Gradients<T> unused;
  bp.backward(layers_, X, T(0), unused, true);
  return bp.inputDelta();
}

void checkTargets(OutputKind kind, int k, const std::vector<float>& y) {
  for (size_t i = 0; i < y.size(); ++i) {
    const float v = y[i];
    bool ok = std::isfinite(v);
    if (kind == OutputKind::Sigmoid) ok = ok && v >= 0 && v <= 1;
    if (kind == OutputKind::Softmax) ok = ok && v >= 0 && v < k && v == std::floor(v);
    if (!ok)
      throw Error(ErrorCode::BAD_OPTION, "target value " + std::to_string(v) + " at row " + std::to_string(i + 1) +
                                             (kind == OutputKind::Softmax   ? " is not a class index in [0, " + std::to_string(k) + ")"
                                              : kind == OutputKind::Sigmoid ? " is not in [0, 1]"
                                                                            : " is not finite"));
  }
}

// Shared checks and conversion of y and w; returns Σw.
template <typename T>
static double prepareTargets(OutputKind kind, int k, Eigen::Index rows, const std::vector<float>& y, const std::vector<float>& w,
                             Vector<T>& yT, Vector<T>& wT) {
  require(static_cast<Eigen::Index>(y.size()) == rows, ErrorCode::SHAPE_MISMATCH,
          "y has " + std::to_string(y.size()) + " values for " + std::to_string(rows) + " rows");
  require(w.empty() || static_cast<Eigen::Index>(w.size()) == rows, ErrorCode::SHAPE_MISMATCH,
          "sampleWeights has " + std::to_string(w.size()) + " values for " + std::to_string(rows) + " rows");
  require(rows > 0, ErrorCode::EMPTY_DATA, "loss of an empty batch");
  checkTargets(kind, k, y);
  yT = Eigen::Map<const Eigen::VectorXf>(y.data(), rows).template cast<T>();
  double sumW = static_cast<double>(rows);
  if (!w.empty()) {
    wT = Eigen::Map<const Eigen::VectorXf>(w.data(), rows).template cast<T>();
    require(wT.allFinite() && (wT.array() >= T(0)).all(), ErrorCode::BAD_OPTION,
            "sampleWeights must be finite and >= 0");
    sumW = wT.template cast<double>().sum();
    require(sumW > 0, ErrorCode::BAD_OPTION, "sampleWeights must have a positive sum");
  }
  return sumW;
}

template <typename T>
T Mlp<T>::lossAndGradient(const Eigen::Ref<const Matrix<T>>& X, const std::vector<float>& y,
                          const std::vector<float>& sampleWeights, double l2, Gradients<T>& out) const {
  Vector<T> yT, wT;
  const double sumW = prepareTargets<T>(output_, outputs(), X.rows(), y, sampleWeights, yT, wT);
  checkInputs(X.cols());
  Backprop<T> bp;
  bp.forward(layers_, X);
  double value = bp.lossAndOutputDelta(output_, yT.data(), sampleWeights.empty() ? nullptr : wT.data(), sumW);
  bp.backward(layers_, X, static_cast<T>(l2), out);
  return static_cast<T>(value + l2 * weightSquaredNorm(layers_));
}

template <typename T>
T Mlp<T>::loss(const Eigen::Ref<const Matrix<T>>& X, const std::vector<float>& y,
               const std::vector<float>& sampleWeights, double l2) const {
  Vector<T> yT, wT;
  const double sumW = prepareTargets<T>(output_, outputs(), X.rows(), y, sampleWeights, yT, wT);
  checkInputs(X.cols());
  Backprop<T> bp;
  bp.forward(layers_, X);
  double value = bp.lossAndOutputDelta(output_, yT.data(), sampleWeights.empty() ? nullptr : wT.data(), sumW);
  return static_cast<T>(value + l2 * weightSquaredNorm(layers_));
}

template struct Gradients<float>;
template struct Gradients<double>;
template class Mlp<float>;
template class Mlp<double>;

}  // namespace pathwise
