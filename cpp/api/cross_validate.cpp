// Fold assignment and cross-validation (see cross_validate.h).
#include "api/cross_validate.h"

#include <cmath>

#include "eval/split.h"

namespace pathwise {
namespace {

struct Labelled {
  std::vector<size_t> rows;  // table rows with a target
  std::vector<int> labels;   // class of each (0 for regression)
  bool classification = false;
};

Labelled labelled(const Table& table, const TargetSpec& spec) {
  TargetEncoder enc;
  enc.fit(table, spec);
  const std::vector<float> y = enc.encode(table);
  Labelled l;
  l.classification = enc.task() != Task::Regression;
  for (size_t i = 0; i < y.size(); ++i) {
    if (std::isnan(y[i])) continue;
    l.rows.push_back(i);
    l.labels.push_back(l.classification ? static_cast<int>(y[i]) : 0);
  }
  return l;
}

std::vector<double> metricsOf(const Evaluation& e) {
  if (e.task == Task::Regression) return {e.regression.mae, e.regression.rmse, e.regression.r2};
  const ClassificationReport& c = e.classification;
  const double negF1 = c.perClassF1.size() == 2 ? c.perClassF1[0] : NAN;
  return {c.accuracy, c.f1, negF1, c.rocAuc, c.logLoss, c.macroF1};
}

}  // namespace

std::vector<int> assignFolds(const Table& table, const TargetSpec& target, int k, uint64_t seed) {
  const Labelled l = labelled(table, target);
  require(k >= 2, ErrorCode::BAD_OPTION, "option 'folds' must be at least 2 (got " + std::to_string(k) + ")");
  require(static_cast<size_t>(k) <= l.rows.size(), ErrorCode::BAD_OPTION,
          "option 'folds' (" + std::to_string(k) + ") exceeds the number of labelled rows (" +
              std::to_string(l.rows.size()) + ")");
  const auto folds = l.classification ? stratifiedKFold(l.labels, k, seed) : kFold(l.rows.size(), k, seed);
  std::vector<int> out(table.rows(), -1);
  for (size_t f = 0; f < folds.size(); ++f)
    for (size_t i : folds[f]) out[l.rows[i]] = static_cast<int>(f);
  return out;
}

std::vector<uint8_t> assignSplit(const Table& table, const TargetSpec& target, double testFraction,
                                 uint64_t seed, bool stratify) {
  require(std::isfinite(testFraction) && testFraction > 0 && testFraction < 1, ErrorCode::BAD_OPTION,
          "option 'test' must be a fraction between 0 and 1 (got " + std::to_string(testFraction) + ")");
  const Labelled l = labelled(table, target);
  require(l.rows.size() >= 2, ErrorCode::EMPTY_DATA, "at least two labelled rows are needed to split");
  const IndexSplit s = stratify && l.classification ? stratifiedSplit(l.labels, testFraction, seed)
                                                    : randomSplit(l.rows.size(), testFraction, seed);
  std::vector<uint8_t> out(table.rows(), 0);
  for (size_t i : s.second) out[l.rows[i]] = 1;
  return out;
}

CrossValidationResult crossValidate(const Table& table, const ModelOptions& options, int k,
                                    uint64_t seed, const TrainControl& control) {
  validateModelOptions(options);
  const std::vector<int> fold = assignFolds(table, options.target, k, seed);
  CrossValidationResult r;
  std::vector<std::vector<double>> values;
  for (int f = 0; f < k; ++f) {
    std::vector<size_t> trainRows, testRows;
    for (size_t i = 0; i < fold.size(); ++i) {
      if (fold[i] == f) testRows.push_back(i);
      else if (fold[i] >= 0) trainRows.push_back(i);
    }
    const Model m = Model::train(table.selectRows(trainRows), options, control);
    r.folds.push_back(m.evaluate(table.selectRows(testRows)));
    values.push_back(metricsOf(r.folds.back()));
  }
  r.metricNames = r.folds.front().task == Task::Regression
                      ? std::vector<std::string>{"mae", "rmse", "r2"}
                      : std::vector<std::string>{"accuracy", "f1", "negativeF1", "rocAuc", "logLoss", "macroF1"};
  const size_t m = r.metricNames.size();
  r.mean.assign(m, 0);
  r.sd.assign(m, 0);
  for (size_t j = 0; j < m; ++j) {
    for (const auto& v : values) r.mean[j] += v[j] / k;
    for (const auto& v : values) r.sd[j] += (v[j] - r.mean[j]) * (v[j] - r.mean[j]);
    r.sd[j] = k > 1 ? std::sqrt(r.sd[j] / (k - 1)) : 0;
  }
  return r;
}

}  // namespace pathwise
