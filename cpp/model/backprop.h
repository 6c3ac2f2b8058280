// Backprop<T> — the reusable per-batch workspace of an MLP: forward pass (with optional inverted
// dropout), loss and output delta in one pass, and the backward pass into Gradients<T>. Buffers are
// sized once for a row count, so repeated batches of that size allocate nothing.
#pragma once

#include <vector>

#include <cstddef>  // before core/rng.h, which uses size_t without including it

#include "core/rng.h"
#include "model/mlp.h"

namespace pathwise {

template <typename T>
class Backprop {
 public:
  // Sizes the activation buffers for `rows` samples of these layers (allocates only on a shape
  // change); the delta buffers follow on first use, so inference never allocates them.
  void resize(const std::vector<DenseLayer<T>>& layers, Eigen::Index rows);
  Eigen::Index rows() const { return input_.rows(); }

  // Batch buffer the trainer gathers shuffled rows into (rows × inputs).
  Matrix<T>& input() { return input_; }

  // Inference: packs the layers' weights into 8-column panels once, so later forward() calls with
  // these layers use kernels::gemmPacked (same sums, bit-identical; faster on many rows). Float
  // only (no effect for double).
  void packWeights(const std::vector<DenseLayer<T>>& layers);

  // Forward pass on X (rows() rows); returns the logits. With dropout > 0 (training only) each
  // hidden output is multiplied by a mask of 0 or 1/(1 − dropout) drawn from rng.
  const Matrix<T>& forward(const std::vector<DenseLayer<T>>& layers,
                           const Eigen::Ref<const Matrix<T>>& X, T dropout = T(0),
                           Rng* rng = nullptr);
  const Matrix<T>& logits() const { return acts_.back(); }

  // Weighted mean loss of the last forward pass (see Mlp::lossAndGradient, without L2) and its
  // gradient w.r.t. the logits into outputDelta(), in one pass. w == nullptr means all ones;
  // sumW = Σw over the rows (> 0).
  double lossAndOutputDelta(OutputKind kind, const T* y, const T* w, double sumW);

  // dL/dlogits; callers may also write their own seed here before backward().
  Matrix<T>& outputDelta() {
    ensureDeltas();
    return deltas_.back();
  }

  // Backward pass from outputDelta(): grads = exact gradient plus 2·l2·W on every W.
  // With wantInputDelta, inputDelta() receives dL/dX.
  void backward(const std::vector<DenseLayer<T>>& layers, const Eigen::Ref<const Matrix<T>>& X,
                T l2, Gradients<T>& grads, bool wantInputDelta = false);
  const Matrix<T>& inputDelta() const { return inputDelta_; }

 private:
  // Sizes the delta buffers like the activations (they are not needed for inference).
  void ensureDeltas();
  const Matrix<T>& layerInput(size_t l) const { return dropout_ ? dropped_[l - 1] : acts_[l - 1]; }
  Matrix<T> input_;
  std::vector<Matrix<T>> acts_;     // acts_[l]: output of layer l (the last is the logits)
  std::vector<std::vector<float>> panels_;  // packWeights(): per layer (empty: not packed)
  std::vector<Matrix<T>> masks_;    // hidden layers: dropout mask scaled by 1/(1 − p)
  std::vector<Matrix<T>> dropped_;  // hidden layers: acts_ ⊙ masks_ (next layer's input)
  std::vector<Matrix<T>> deltas_;   // deltas_[l]: dL/dZ_l
  std::vector<Matrix<T>> transposed_;  // transposed_[l]: W_lᵀ for the backward product (float path)
  Matrix<T> inputDelta_;
  bool dropout_ = false;
};

// Sum of ‖W‖²_F over the layers (the L2 penalty before the l2 factor).
template <typename T>
double weightSquaredNorm(const std::vector<DenseLayer<T>>& layers);

extern template class Backprop<float>;
extern template class Backprop<double>;

}  // namespace pathwise
