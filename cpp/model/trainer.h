// Training loop for Mlp<T>: a steppable Trainer (mini-batches, seeded shuffling, dropout, L2,
// gradient clipping, early stopping with restore-best-weights, divergence detection) and the
// convenience function train() with per-epoch callbacks and cancellation.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include <cstddef>  // before core/rng.h, which uses size_t without including it

#include "core/rng.h"
#include "model/backprop.h"
#include "model/mlp.h"
#include "model/optimizer.h"

namespace pathwise {

// Defaults are chosen for class-sized tables (hundreds of rows); see docs/DESIGN.md "model".
struct TrainOptions {
  std::vector<int> hidden{128, 64};            // units per hidden layer (each >= 1; may be empty)
  Activation activation = Activation::Relu;    // hidden layers
  WeightInit init = WeightInit::Auto;           // hidden-layer weights (see Mlp); not saved in model files
  enum class Optimizer { Adam, Sgd } optimizer = Optimizer::Adam;
  double learningRate = 0.001, momentum = 0.9, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7;
  int batchSize = 32;
  int epochs = 200;
  uint64_t seed = 1;
  double l2 = 1e-3;              // loss += l2·Σ‖W‖² (biases excluded)
  double dropout = 0;            // inverted dropout on hidden outputs, in [0, 1)
  double validationSplit = 0.1;  // used by the api layer, which does the split; [0, 1)
  int patience = 20;             // epochs without val-loss improvement before stopping; 0 = never stop
  bool restoreBestWeights = true;
  double clipNorm = 0;           // clip the global gradient norm to this (0 = off)
};

// BAD_OPTION naming the first invalid option.
void validateTrainOptions(const TrainOptions& opts);

struct EpochReport {
  int epoch;           // 1-based
  double loss;         // mean training loss (incl. L2) over the epoch's batches
  double valLoss;      // loss on the validation data (incl. L2); NaN without validation data
  double valAccuracy;  // NaN without validation data or for regression
};

struct TrainResult {
  int epochsRun = 0;
  int bestEpoch = 0;          // epoch of the lowest val loss (the last epoch without validation)
  bool stoppedEarly = false;
  double finalLoss = std::numeric_limits<double>::quiet_NaN();    // training loss of the last epoch
  double bestValLoss = std::numeric_limits<double>::quiet_NaN();  // NaN without validation
};

struct TrainControl {
  std::function<void(const EpochReport&)> onEpoch;  // after every epoch (may be empty)
  std::function<bool()> cancelled;                  // polled between batches (may be empty)
};

template <typename T>
class Trainer {
 public:
  // Trains `net` in place (it must outlive the Trainer). X, y, w, Xval, yval are copied.
  // y: class index (softmax), 0/1 (sigmoid) or value (linear); w empty = all ones.
  // Xval/yval both null or both set. Throws BAD_OPTION, SHAPE_MISMATCH, EMPTY_DATA,
  // NON_FINITE_VALUE.
  Trainer(Mlp<T>& net, const Matrix<T>& X, const std::vector<float>& y, const std::vector<float>& w,
          const Matrix<T>* Xval, const std::vector<float>* yval, const TrainOptions& opts);
  // The same, taking X over instead of copying it (a caller that no longer needs its matrix passes
  // std::move(X): one copy of the training data less at peak memory, issue 6).
  Trainer(Mlp<T>& net, Matrix<T>&& X, const std::vector<float>& y, const std::vector<float>& w,
          const Matrix<T>* Xval, const std::vector<float>* yval, const TrainOptions& opts);

  // Runs up to maxBatches (>= 1) mini-batches; returns true when training is over (all epochs run
  // or early stopping; best weights are then restored). A non-finite batch loss restores the
  // weights of the start of that epoch and throws DIVERGED naming epoch and batch.
  bool step(int maxBatches);
  bool done() const { return done_; }
  // Reports of the epochs completed since the last call.
  std::vector<EpochReport> takeEpochs();
  TrainResult result() const { return result_; }
  int plannedEpochs() const { return opts_.epochs; }
  int batchesPerEpoch() const { return batchesPerEpoch_; }

 private:
  void runBatch();
  void finishEpoch();
  void evaluateValidation(double& loss, double& accuracy);

  Mlp<T>& net_;
  TrainOptions opts_;
  Matrix<T> X_, Xval_;
  Vector<T> y_, w_, yval_, yb_, wb_;  // yb_/wb_: the current batch
  bool weighted_ = false, hasVal_ = false;
  std::vector<Eigen::Index> order_;
  Rng shuffleRng_, dropoutRng_;
  std::unique_ptr<GradientOptimizer<T>> optimizer_;
  Backprop<T> full_, tail_, val_;
  Gradients<T> grads_;
  std::vector<DenseLayer<T>> epochStart_, best_;
  int epoch_ = 0, batch_ = 0, batchesPerEpoch_ = 0;
  double epochLoss_ = 0;
  double bestValLoss_ = std::numeric_limits<double>::infinity();
  bool done_ = false;
  std::vector<EpochReport> pending_;
  TrainResult result_;
};

// Loops Trainer::step(1), calling control.onEpoch after each epoch and control.cancelled before
// each batch. Cancelled → net restored to its weights before the call, throws CANCELLED.
template <typename T>
struct NonDeduced {  // lets callers pass nullptr for Xval (T is deduced from net and X)
  using type = T;
};

template <typename T>
TrainResult train(Mlp<T>& net, const Matrix<T>& X, const std::vector<float>& y,
                  const std::vector<float>& sampleWeights, const typename NonDeduced<Matrix<T>>::type* Xval,
                  const std::vector<float>* yval, const TrainOptions& opts,
                  const TrainControl& control = {});

extern template class Trainer<float>;
extern template class Trainer<double>;

}  // namespace pathwise
