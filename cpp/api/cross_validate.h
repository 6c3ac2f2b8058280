// Seeded fold and hold-out assignment on a table's target, and k-fold cross-validation of the
// Model: each fold fits its own preprocessing and network on its training rows only.
#pragma once

#include <cstdint>
#include <vector>

#include "api/model.h"

namespace pathwise {

// Fold (0..k-1) of every row; -1 for rows whose target is missing. Stratified on the target's
// classes (plain shuffled k-fold for regression).
std::vector<int> assignFolds(const Table& table, const TargetSpec& target, int k, uint64_t seed);

// 1 for test rows, 0 for training rows; rows with a missing target are training rows (they are
// dropped at training time anyway). Stratified on the target when asked and classification.
std::vector<uint8_t> assignSplit(const Table& table, const TargetSpec& target, double testFraction,
                                 uint64_t seed, bool stratify);

struct CrossValidationResult {
  std::vector<Evaluation> folds;
  // Mean and sample standard deviation over folds of accuracy, f1 (positive class), f1 of the
  // negative class (binary), rocAuc, logLoss — or mae, rmse, r2 for regression.
  std::vector<std::string> metricNames;
  std::vector<double> mean, sd;
};

CrossValidationResult crossValidate(const Table& table, const ModelOptions& options, int k,
                                    uint64_t seed, const TrainControl& control = {});

}  // namespace pathwise
