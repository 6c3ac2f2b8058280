// Implementation of the classification and regression metrics declared in eval/metrics.h.
#include "eval/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "core/error.h"

namespace pathwise {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kClip = 1e-15;

double ratio(int64_t num, int64_t den) { return den == 0 ? 0.0 : static_cast<double>(num) / den; }

// Checks n > 0, n == rows, k >= 2, labels in range, probabilities finite; returns k.
int validateClassification(const std::vector<int>& yTrue, const MatrixD& p, const char* caller) {
  const std::string who(caller);
  require(!yTrue.empty(), ErrorCode::EMPTY_DATA, who + ": no rows to evaluate");
  require(static_cast<size_t>(p.rows()) == yTrue.size(), ErrorCode::SHAPE_MISMATCH,
          who + ": " + std::to_string(yTrue.size()) + " labels but " + std::to_string(p.rows()) +
              " probability rows");
  require(p.cols() >= 2, ErrorCode::SHAPE_MISMATCH,
          who + ": probabilities need at least 2 columns (got " + std::to_string(p.cols()) + ")");
  const int k = static_cast<int>(p.cols());
  for (size_t i = 0; i < yTrue.size(); ++i) {
    require(yTrue[i] >= 0 && yTrue[i] < k, ErrorCode::SHAPE_MISMATCH,
            who + ": label " + std::to_string(yTrue[i]) + " at row " + std::to_string(i + 1) +
                " is outside 0.." + std::to_string(k - 1));
    for (int c = 0; c < k; ++c)
      require(std::isfinite(p(i, c)), ErrorCode::NON_FINITE_VALUE,
              who + ": probability at row " + std::to_string(i + 1) + " column " + std::to_string(c) +
                  " is not finite");
  }
  return k;
}

std::vector<int> predictClasses(const MatrixD& p, int positiveClass) {
  std::vector<int> pred(static_cast<size_t>(p.rows()));
  for (Eigen::Index i = 0; i < p.rows(); ++i) {
    if (positiveClass >= 0) {
      pred[i] = p(i, positiveClass) >= 0.5 ? positiveClass : 1 - positiveClass;
    } else {
      Eigen::Index best = 0;
      p.row(i).maxCoeff(&best);  // first maximum on ties
      pred[i] = static_cast<int>(best);
    }
  }
  return pred;
}

// Fills per-class, macro and weighted precision/recall/F1 from the confusion matrix.
void fillPerClass(ClassificationReport& r, int k, int64_t n) {
  r.perClassPrecision.assign(k, 0);
  r.perClassRecall.assign(k, 0);
  r.perClassF1.assign(k, 0);
  r.support.assign(k, 0);
  int present = 0;
  double mp = 0, mr = 0, mf = 0;
  for (int c = 0; c < k; ++c) {
    int64_t tp = r.confusion[c][c], predicted = 0, actual = 0;
    for (int j = 0; j < k; ++j) {
      predicted += r.confusion[j][c];
      actual += r.confusion[c][j];
    }
    const int64_t fp = predicted - tp, fn = actual - tp;
    r.support[c] = actual;
    r.perClassPrecision[c] = ratio(tp, predicted);
    r.perClassRecall[c] = ratio(tp, actual);
    r.perClassF1[c] = ratio(2 * tp, 2 * tp + fp + fn);
    if (predicted > 0 || actual > 0) {
      ++present;
      mp += r.perClassPrecision[c];
      mr += r.perClassRecall[c];
      mf += r.perClassF1[c];
    }
    r.weightedPrecision += r.perClassPrecision[c] * actual / n;
    r.weightedRecall += r.perClassRecall[c] * actual / n;
    r.weightedF1 += r.perClassF1[c] * actual / n;
  }
  r.macroPrecision = mp / present;  // present >= 1 since n >= 1
  r.macroRecall = mr / present;
  r.macroF1 = mf / present;
}

double logLossUnchecked(const std::vector<int>& yTrue, const MatrixD& p) {
  double total = 0;
  for (size_t i = 0; i < yTrue.size(); ++i) {
    double rowSum = 0;
    for (Eigen::Index c = 0; c < p.cols(); ++c) rowSum += std::clamp(p(i, c), kClip, 1 - kClip);
    total -= std::log(std::clamp(p(i, yTrue[i]), kClip, 1 - kClip) / rowSum);
  }
  return total / static_cast<double>(yTrue.size());
}

// AUC from labels already known to be 0/1 and finite scores.
double aucUnchecked(const std::vector<int>& y, const std::vector<double>& s) {
  const size_t n = y.size();
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return s[a] < s[b]; });
  double positiveRankSum = 0;
  int64_t positives = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && s[order[j]] == s[order[i]]) ++j;
    const double midrank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;  // ranks i+1..j
    for (size_t t = i; t < j; ++t)
      if (y[order[t]] == 1) {
        positiveRankSum += midrank;
        ++positives;
      }
    i = j;
  }
  const int64_t negatives = static_cast<int64_t>(n) - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  const double p = static_cast<double>(positives);
  return (positiveRankSum - p * (p + 1) / 2) / (p * static_cast<double>(negatives));
}

double aucForClass(const std::vector<int>& yTrue, const MatrixD& p, int c) {
  std::vector<int> y(yTrue.size());
  std::vector<double> s(yTrue.size());
  for (size_t i = 0; i < yTrue.size(); ++i) {
    y[i] = yTrue[i] == c ? 1 : 0;
    s[i] = p(i, c);
  }
  return aucUnchecked(y, s);
}

}  // namespace

ClassificationReport classificationReport(const std::vector<int>& yTrue, const MatrixD& probabilities,
                                          int positiveClass) {
  const int k = validateClassification(yTrue, probabilities, "classificationReport");
  if (positiveClass != -1)
    require(k == 2 && (positiveClass == 0 || positiveClass == 1), ErrorCode::BAD_OPTION,
            "classificationReport: positiveClass " + std::to_string(positiveClass) +
                " needs 2 probability columns and a value of 0 or 1 (got " + std::to_string(k) +
                " columns); use -1 for multiclass");
  const int64_t n = static_cast<int64_t>(yTrue.size());
  const std::vector<int> pred = predictClasses(probabilities, positiveClass);

  ClassificationReport r;
  r.confusion.assign(k, std::vector<int64_t>(k, 0));
  int64_t correct = 0;
  for (size_t i = 0; i < yTrue.size(); ++i) {
    ++r.confusion[yTrue[i]][pred[i]];
    correct += yTrue[i] == pred[i];
  }
  r.accuracy = ratio(correct, n);
  fillPerClass(r, k, n);
  r.logLoss = logLossUnchecked(yTrue, probabilities);

  if (positiveClass >= 0) {
    r.precision = r.perClassPrecision[positiveClass];
    r.recall = r.perClassRecall[positiveClass];
    r.f1 = r.perClassF1[positiveClass];
    r.rocAuc = aucForClass(yTrue, probabilities, positiveClass);
  } else {
    r.precision = r.macroPrecision;
    r.recall = r.macroRecall;
    r.f1 = r.macroF1;
    double sum = 0;
    for (int c = 0; c < k; ++c) sum += aucForClass(yTrue, probabilities, c);  // NaN propagates
    r.rocAuc = sum / k;
  }
  return r;
}

double rocAuc(const std::vector<int>& yTrue01, const std::vector<double>& score) {
  require(!yTrue01.empty(), ErrorCode::EMPTY_DATA, "rocAuc: no rows to evaluate");
  require(yTrue01.size() == score.size(), ErrorCode::SHAPE_MISMATCH,
          "rocAuc: " + std::to_string(yTrue01.size()) + " labels but " + std::to_string(score.size()) +
              " scores");
  for (size_t i = 0; i < yTrue01.size(); ++i) {
    require(yTrue01[i] == 0 || yTrue01[i] == 1, ErrorCode::BAD_OPTION,
            "rocAuc: label at row " + std::to_string(i + 1) + " is " + std::to_string(yTrue01[i]) +
                " (must be 0 or 1)");
    require(std::isfinite(score[i]), ErrorCode::NON_FINITE_VALUE,
            "rocAuc: score at row " + std::to_string(i + 1) + " is not finite");
  }
  return aucUnchecked(yTrue01, score);
}

double logLoss(const std::vector<int>& yTrue, const MatrixD& probabilities) {
  validateClassification(yTrue, probabilities, "logLoss");
  return logLossUnchecked(yTrue, probabilities);
}

RegressionReport regressionReport(const std::vector<double>& yTrue, const std::vector<double>& yPred) {
  require(!yTrue.empty(), ErrorCode::EMPTY_DATA, "regressionReport: no rows to evaluate");
  require(yTrue.size() == yPred.size(), ErrorCode::SHAPE_MISMATCH,
          "regressionReport: " + std::to_string(yTrue.size()) + " true values but " +
              std::to_string(yPred.size()) + " predictions");
  const double n = static_cast<double>(yTrue.size());
  double mean = 0;
  for (size_t i = 0; i < yTrue.size(); ++i) {
    require(std::isfinite(yTrue[i]) && std::isfinite(yPred[i]), ErrorCode::NON_FINITE_VALUE,
            "regressionReport: value at row " + std::to_string(i + 1) + " is not finite");
    mean += yTrue[i];
  }
  mean /= n;
  double absSum = 0, ssRes = 0, ssTot = 0;
  for (size_t i = 0; i < yTrue.size(); ++i) {
    const double e = yTrue[i] - yPred[i], d = yTrue[i] - mean;
    absSum += std::abs(e);
    ssRes += e * e;
    ssTot += d * d;
  }
  // Constancy is tested exactly: a rounded mean can leave a tiny positive SStot otherwise.
  const bool constant = std::all_of(yTrue.begin(), yTrue.end(), [&](double v) { return v == yTrue[0]; });
  RegressionReport r;
  r.mae = absSum / n;
  r.rmse = std::sqrt(ssRes / n);
  r.r2 = !constant ? 1 - ssRes / ssTot : (ssRes == 0 ? 1.0 : 0.0);
  return r;
}

}  // namespace pathwise
