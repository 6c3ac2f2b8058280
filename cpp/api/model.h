// pathwise::Model — the estimator the bindings wrap: a fitted preprocessing Pipeline, a
// TargetEncoder and an Mlp<float>, trained from a Table with one options struct. Training runs
// through a steppable TrainingSession so callers (the JS wrapper, a Worker) can report progress
// and cancel between slices of mini-batches without threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/matrix.h"
#include "data/pipeline.h"
#include "data/table.h"
#include "data/target.h"
#include "eval/metrics.h"
#include "model/mlp.h"
#include "model/trainer.h"

namespace pathwise {

struct ClassWeightSpec {
  enum class Kind { None, Balanced, Explicit };
  Kind kind = Kind::None;
  std::map<std::string, double> weights;  // Explicit: class label -> weight (missing = 1)
};

struct ModelOptions {
  TargetSpec target;
  std::vector<std::string> features;  // empty: every column except the target and `exclude`
  std::vector<std::string> exclude;
  PreprocessOptions preprocess;
  TrainOptions train;  // train.validationSplit: fraction of the training rows held out for early stopping
  ClassWeightSpec classWeight;
};

// Validates options that do not depend on the data (BAD_OPTION naming the option).
void validateModelOptions(const ModelOptions& options);

struct Predictions {
  Task task = Task::Binary;
  std::vector<std::string> classes;  // empty for regression
  std::vector<size_t> rows;          // table row of each prediction (rows with Drop-imputed gaps are skipped)
  MatrixD values;                    // n×k class probabilities, or n×1 regression values
  std::vector<std::string> labels;   // predicted class label (or formatted value)
  std::vector<int> labelIndex;       // classification: index of the predicted class in `classes`
};

struct Evaluation {
  Task task = Task::Binary;
  size_t rows = 0;                   // rows evaluated (target present, not dropped)
  ClassificationReport classification;
  RegressionReport regression;
};

class Model {
 public:
  Model() = default;

  // One-shot training (native callers and tests). Throws CANCELLED if control cancels.
  static Model train(const Table& table, const ModelOptions& options, const TrainControl& control = {});

  Predictions predict(const Table& table) const;
  // The same predictions from the features as floats, column after column in
  // pipeline().features() order (`rows` values each; NaN = missing). Numeric features are
  // transformed straight from the floats; otherwise a Table of them is built and predict(table)
  // runs (same results and errors).
  Predictions predictColumns(const float* values, size_t rows) const;
  Evaluation evaluate(const Table& table) const;

  std::vector<uint8_t> save() const;
  static Model load(const uint8_t* data, size_t size);

  Task task() const { return target_.task(); }
  const Pipeline& pipeline() const { return pipeline_; }
  const TargetEncoder& target() const { return target_; }
  const Mlp<float>& net() const { return net_; }
  const ModelOptions& options() const { return options_; }
  int trainedEpochs() const { return trainedEpochs_; }
  size_t trainRows() const { return trainRows_; }

 private:
  Predictions finish(const MatrixF& X, std::vector<size_t> rows) const;  // network + labels
  friend class TrainingSession;
  friend struct ModelFile;
  // Regression targets are standardised for training; predictions are mapped back.
  void standardizeTarget(std::vector<float>& y, std::vector<float>& yval);
  ModelOptions options_;
  Pipeline pipeline_;
  TargetEncoder target_;
  Mlp<float> net_;
  int trainedEpochs_ = 0;
  size_t trainRows_ = 0;
  double yMean_ = 0, ySd_ = 1;
};

// Steppable training: the constructor fits preprocessing and target on the table and prepares the
// data; step() runs slices of mini-batches; finish() hands over the trained Model.
class TrainingSession {
 public:
  TrainingSession(const Table& table, const ModelOptions& options);
  ~TrainingSession();
  TrainingSession(const TrainingSession&) = delete;
  TrainingSession& operator=(const TrainingSession&) = delete;

  bool step(int maxBatches);               // true when training is over
  std::vector<EpochReport> takeEpochs();   // epochs completed since the last call
  int plannedEpochs() const;
  bool done() const { return done_; }
  Model finish();                          // BAD_OPTION if called before done

 private:
  Model model_;
  MatrixF X_, Xval_;
  std::vector<float> y_, yval_, w_;
  std::unique_ptr<Trainer<float>> trainer_;
  bool done_ = false;
  bool finished_ = false;
};

// Feature columns the options select from the table (validates target/exclude/feature names).
std::vector<std::string> selectFeatures(const Table& table, const ModelOptions& options);

// Per-row weights for the class-weight option, given encoded labels.
std::vector<float> classWeights(const std::vector<float>& y, const TargetEncoder& target,
                                const ClassWeightSpec& spec);

}  // namespace pathwise
