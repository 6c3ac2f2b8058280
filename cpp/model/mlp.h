// Mlp<T> — a dense feed-forward network (T = float or double) with its losses: binary
// cross-entropy and softmax cross-entropy from logits, and mean squared error. Batched, row-major
// (one sample per row: Z = X·W + b). Depends on core only.
#pragma once

#include <cstdint>
#include <vector>

#include "core/bytes.h"
#include "core/matrix.h"
#include "model/activation.h"

namespace pathwise {

// Output layer: binary (1 logit, sigmoid), multiclass (k ≥ 2 logits, softmax), regression (1 value).
enum class OutputKind { Sigmoid, Softmax, Linear };

template <typename T>
struct DenseLayer {
  Matrix<T> W;        // inputs × units
  RowVector<T> b;     // 1 × units
  Activation activation = Activation::Linear;  // the output layer is always Linear (logits)
};

// Gradient of the loss with respect to every layer's W and b (same shapes as the layers).
template <typename T>
struct Gradients {
  std::vector<Matrix<T>> dW;
  std::vector<RowVector<T>> db;
  void resizeLike(const std::vector<DenseLayer<T>>& layers);  // allocates only on shape change
  T squaredNorm() const;
  void scale(T factor);
};

// How hidden-layer weights are drawn (see the Mlp constructor).
enum class WeightInit { Auto, He, Glorot };

// "auto", "he", "glorot".
inline const char* weightInitName(WeightInit i) {
  return i == WeightInit::He ? "he" : i == WeightInit::Glorot ? "glorot" : "auto";
}

template <typename T>
class Mlp {
 public:
  Mlp() = default;  // empty network (placeholder until assigned a trained or loaded one)
  // Seeded init from pathwise::Rng: W ~ U(−r, r) with r = sqrt(6/fan_in) (He-uniform) for relu
  // layers and r = sqrt(6/(fan_in + fan_out)) (Glorot-uniform) for the others (the output layer
  // uses Glorot) — WeightInit::Auto; He / Glorot force one rule for the hidden layers (Glorot is
  // Keras' and TensorFlow.js' Dense default). Biases 0. Sigmoid and Linear outputs need
  // outputs == 1, Softmax outputs ≥ 2. BAD_OPTION names the offending option ('inputs', 'hidden',
  // 'outputs').
  Mlp(int inputs, const std::vector<int>& hidden, Activation hiddenActivation, OutputKind output,
      int outputs, uint64_t seed, WeightInit init = WeightInit::Auto);
  // From explicit layers (validated as in load(), but with BAD_OPTION).
  Mlp(std::vector<DenseLayer<T>> layers, OutputKind output);

  int inputs() const { return static_cast<int>(layers_.front().W.rows()); }
  int outputs() const { return static_cast<int>(layers_.back().W.cols()); }
  OutputKind outputKind() const { return output_; }
  size_t parameterCount() const;

  // Probabilities (sigmoid: n×1 P(class 1); softmax: n×k) or values (linear).
  Matrix<T> predict(const Eigen::Ref<const Matrix<T>>& X) const;
  // Output-layer pre-activations (n × outputs).
  Matrix<T> logits(const Eigen::Ref<const Matrix<T>>& X) const;
  // d predict(x)[outputIndex] / d x for each row of X (n × inputs), for Integrated Gradients.
  Matrix<T> inputGradient(const Eigen::Ref<const Matrix<T>>& X, int outputIndex) const;

  // Loss = Σᵢ wᵢ·lᵢ / Σᵢ wᵢ + l2·Σ_layers ‖W‖²_F (biases not decayed), where lᵢ is
  //   Sigmoid: max(z,0) − z·y + log1p(exp(−|z|))   (y ∈ [0,1])
  //   Softmax: logsumexp(z) − z_y                   (y = class index as a number)
  //   Linear:  (z − y)²                             (no ½, as Keras' MSE)
  // w empty = all ones. Fills `out` with the exact gradient. SHAPE_MISMATCH on size errors.
  T lossAndGradient(const Eigen::Ref<const Matrix<T>>& X, const std::vector<float>& y,
                    const std::vector<float>& sampleWeights, double l2, Gradients<T>& out) const;
  // The same loss without the gradient.
  T loss(const Eigen::Ref<const Matrix<T>>& X, const std::vector<float>& y,
         const std::vector<float>& sampleWeights, double l2) const;

  std::vector<DenseLayer<T>>& layers() { return layers_; }              // mutable (trainer)
  const std::vector<DenseLayer<T>>& layers() const { return layers_; }  // read-only

  // Binary form: tag "MLP1", scalar size (4|8), output kind, layer count, then per layer units,
  // activation, W (row-major) and b. load() accepts either scalar size and validates everything
  // (shapes, enums, finiteness) → BAD_MODEL_FILE.
  void save(ByteWriter& out) const;
  static Mlp load(ByteReader& in);

 private:
  void validate(ErrorCode code) const;
  void checkInputs(Eigen::Index cols) const;  // SHAPE_MISMATCH
  std::vector<DenseLayer<T>> layers_;
  OutputKind output_ = OutputKind::Linear;
};

// BAD_OPTION naming the row when a target does not fit the output kind (class index in [0, k),
// sigmoid target in [0, 1], finite regression value).
void checkTargets(OutputKind kind, int k, const std::vector<float>& y);

extern template struct Gradients<float>;
extern template struct Gradients<double>;
extern template class Mlp<float>;
extern template class Mlp<double>;

}  // namespace pathwise
