// Classification and regression metrics (accuracy, precision/recall/F1, confusion, ROC-AUC,
// log-loss, MAE/RMSE/R²), following scikit-learn's conventions. Depends only on core.
#pragma once

#include <cstdint>
#include <vector>

#include "core/matrix.h"

namespace pathwise {

struct ClassificationReport {
  double accuracy = 0;
  // Binary: of the positive class. Multiclass: equal to the macro averages below.
  double precision = 0, recall = 0, f1 = 0;
  // Unweighted mean over the classes present in yTrue or in the predictions (scikit-learn's
  // default label set); weighted by support over all classes.
  double macroPrecision = 0, macroRecall = 0, macroF1 = 0;
  double weightedPrecision = 0, weightedRecall = 0, weightedF1 = 0;
  double rocAuc = 0;   // binary: Mann–Whitney with midranks; multiclass: one-vs-rest macro; NaN if a class is absent
  double logLoss = 0;  // probabilities clipped to [1e-15, 1 - 1e-15], rows renormalised
  std::vector<std::vector<int64_t>> confusion;  // [true][predicted], k × k
  // Per class (size k); undefined ratios are 0 (scikit-learn zero_division=0).
  std::vector<double> perClassPrecision, perClassRecall, perClassF1;
  std::vector<int64_t> support;  // number of true rows of each class
};

// yTrue: class index 0..k-1 per row. probabilities: n × k (binary: k = 2, [P(neg), P(pos)] in
// class order). positiveClass: 0 or 1 for binary (predicted positive when P(pos) >= 0.5), -1 for
// multiclass (predicted class = first argmax).
// Throws EMPTY_DATA (n = 0), SHAPE_MISMATCH (sizes, k < 2, a label outside 0..k-1),
// BAD_OPTION (positiveClass), NON_FINITE_VALUE (a probability is NaN/Inf).
ClassificationReport classificationReport(const std::vector<int>& yTrue, const MatrixD& probabilities,
                                          int positiveClass);

// ROC-AUC of scores against 0/1 labels: (sum of positive midranks − P(P+1)/2) / (P·N), ties
// counted one half. NaN when only one class is present. Throws EMPTY_DATA, SHAPE_MISMATCH,
// BAD_OPTION (a label other than 0/1), NON_FINITE_VALUE (a NaN/Inf score).
double rocAuc(const std::vector<int>& yTrue01, const std::vector<double>& score);

// Mean log-loss of the true class; same clipping and renormalisation as ClassificationReport.
double logLoss(const std::vector<int>& yTrue, const MatrixD& probabilities);

struct RegressionReport {
  double mae = 0, rmse = 0;
  // 1 − SSres/SStot. When SStot = 0 (constant yTrue): 1 if the predictions are exact, else 0
  // (scikit-learn's force_finite behaviour), so R² is always finite.
  double r2 = 0;
};

// Throws EMPTY_DATA, SHAPE_MISMATCH, NON_FINITE_VALUE.
RegressionReport regressionReport(const std::vector<double>& yTrue, const std::vector<double>& yPred);

}  // namespace pathwise
