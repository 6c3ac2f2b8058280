// TrainingSession and Model: the glue from a Table to a trained, evaluable network.
// Preprocessing and the target encoder are fitted on the training rows only (validation rows
// for early stopping are carved out of the rows the caller gave for training, first).
#include "api/model.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "core/text.h"
#include "eval/split.h"

namespace pathwise {
namespace {

OutputKind outputFor(const TargetEncoder& t) {
  switch (t.task()) {
    case Task::Binary: return OutputKind::Sigmoid;
    case Task::Multiclass: return OutputKind::Softmax;
    default: return OutputKind::Linear;
  }
}

int outputsFor(const TargetEncoder& t) {
  return t.task() == Task::Multiclass ? static_cast<int>(t.numClasses()) : 1;
}

// Rows whose target is present, in table order.
std::vector<size_t> labelledRows(const std::vector<float>& y) {
  std::vector<size_t> rows;
  rows.reserve(y.size());
  for (size_t i = 0; i < y.size(); ++i)
    if (!std::isnan(y[i])) rows.push_back(i);
  return rows;
}

std::vector<float> gather(const std::vector<float>& y, const std::vector<size_t>& rows) {
  std::vector<float> out(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) out[i] = y[rows[i]];
  return out;
}

std::string formatValue(double v) { return formatG(v, 6); }

}  // namespace

void validateModelOptions(const ModelOptions& o) {
  require(!o.target.column.empty(), ErrorCode::BAD_OPTION, "option 'target' (the column to predict) is required");
  require(std::isfinite(o.train.validationSplit) && o.train.validationSplit >= 0 && o.train.validationSplit < 0.9,
          ErrorCode::BAD_OPTION, "option 'validationSplit' must be in [0, 0.9) (got " + formatValue(o.train.validationSplit) + ")");
  validateTrainOptions(o.train);
}

std::vector<std::string> selectFeatures(const Table& table, const ModelOptions& o) {
  require(table.indexOf(o.target.column) >= 0, ErrorCode::UNKNOWN_COLUMN,
          "target column '" + o.target.column + "' is not in the data");
  for (const auto& name : o.exclude)
    require(table.indexOf(name) >= 0, ErrorCode::UNKNOWN_COLUMN, "excluded column '" + name + "' is not in the data");
  std::set<std::string> excluded(o.exclude.begin(), o.exclude.end());
  std::vector<std::string> features;
  if (!o.features.empty()) {
    for (const auto& name : o.features) {
      require(table.indexOf(name) >= 0, ErrorCode::UNKNOWN_COLUMN, "feature column '" + name + "' is not in the data");
      require(name != o.target.column, ErrorCode::BAD_OPTION, "the target column '" + name + "' cannot also be a feature");
      if (!excluded.count(name)) features.push_back(name);
    }
  } else {
    for (const auto& name : table.names())
      if (name != o.target.column && !excluded.count(name)) features.push_back(name);
  }
  require(!features.empty(), ErrorCode::EMPTY_DATA,
          "no feature columns left to learn from (target '" + o.target.column + "', " +
              std::to_string(o.exclude.size()) + " excluded)");
  return features;
}

std::vector<float> classWeights(const std::vector<float>& y, const TargetEncoder& target,
                                const ClassWeightSpec& spec) {
  if (spec.kind == ClassWeightSpec::Kind::None || target.task() == Task::Regression) return {};
  const size_t k = target.numClasses();
  std::vector<double> perClass(k, 1.0);
  if (spec.kind == ClassWeightSpec::Kind::Balanced) {
    // scikit-learn's "balanced": n / (k * count(class)).
    std::vector<double> counts(k, 0.0);
    for (float v : y) counts[static_cast<size_t>(v)] += 1;
    for (size_t c = 0; c < k; ++c)
      perClass[c] = counts[c] > 0 ? static_cast<double>(y.size()) / (k * counts[c]) : 1.0;
  } else {
    for (const auto& [label, weight] : spec.weights) {
      const auto& classes = target.classes();
      auto it = std::find(classes.begin(), classes.end(), label);
      require(it != classes.end(), ErrorCode::BAD_OPTION, "classWeight names unknown class '" + label + "'");
      perClass[static_cast<size_t>(it - classes.begin())] = weight;
    }
  }
  std::vector<float> w(y.size());
  for (size_t i = 0; i < y.size(); ++i) w[i] = static_cast<float>(perClass[static_cast<size_t>(y[i])]);
  return w;
}

// ---- TrainingSession ----------------------------------------------------------------------

TrainingSession::TrainingSession(const Table& table, const ModelOptions& options) {
  validateModelOptions(options);
  require(table.rows() > 0, ErrorCode::EMPTY_DATA, "the data has no rows");
  model_.options_ = options;
  const std::vector<std::string> features = selectFeatures(table, options);

  model_.target_.fit(table, options.target);
  const std::vector<float> yAll = model_.target_.encode(table);
  std::vector<size_t> rows = labelledRows(yAll);
  require(!rows.empty(), ErrorCode::ALL_MISSING_COLUMN,
          "every value of the target column '" + options.target.column + "' is missing");

  // Carve the validation rows out first, so preprocessing never sees them.
  std::vector<size_t> trainRows = rows, valRows;
  const size_t nVal = static_cast<size_t>(std::floor(options.train.validationSplit * rows.size()));
  if (options.train.validationSplit > 0 && nVal >= 2 && rows.size() - nVal >= 2) {
    const uint64_t seed = options.train.seed ^ 0x5eedULL;
    IndexSplit split;
    if (model_.target_.task() == Task::Regression) {
      split = randomSplit(rows.size(), options.train.validationSplit, seed);
    } else {
      std::vector<int> labels(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) labels[i] = static_cast<int>(yAll[rows[i]]);
      split = stratifiedSplit(labels, options.train.validationSplit, seed);
    }
    trainRows.clear();
    for (size_t i : split.first) trainRows.push_back(rows[i]);
    for (size_t i : split.second) valRows.push_back(rows[i]);
  }

  model_.pipeline_.fit(table, features, options.preprocess, &trainRows);
  std::vector<size_t> kept;
  X_ = model_.pipeline_.transform(table, &trainRows, &kept);
  y_ = gather(yAll, kept);
  require(X_.rows() > 0, ErrorCode::EMPTY_DATA, "no training rows left after dropping rows with missing values");
  if (!valRows.empty()) {
    std::vector<size_t> keptVal;
    Xval_ = model_.pipeline_.transform(table, &valRows, &keptVal);
    yval_ = gather(yAll, keptVal);
  }
  if (model_.target_.task() != Task::Regression) {
    std::set<float> present(y_.begin(), y_.end());
    require(present.size() >= 2, ErrorCode::SINGLE_CLASS_TARGET,
            "the training rows of target '" + options.target.column + "' hold a single class");
  } else {
    model_.standardizeTarget(y_, yval_);
  }
  w_ = classWeights(y_, model_.target_, options.classWeight);
  model_.trainRows_ = static_cast<size_t>(X_.rows());

  model_.net_ = Mlp<float>(static_cast<int>(X_.cols()), options.train.hidden, options.train.activation,
                           outputFor(model_.target_), outputsFor(model_.target_), options.train.seed, options.train.init);
  const bool hasVal = Xval_.rows() > 0;
  // The trainer takes the design matrix by move: no second copy of the data in the heap.
  trainer_ = std::make_unique<Trainer<float>>(model_.net_, std::move(X_), y_, w_, hasVal ? &Xval_ : nullptr,
                                              hasVal ? &yval_ : nullptr, options.train);
}

TrainingSession::~TrainingSession() = default;

bool TrainingSession::step(int maxBatches) {
  if (done_) return true;
  done_ = trainer_->step(maxBatches);
  // A finite loss can still come with an overflowing gradient; on the last batch no later loss
  // would notice, so non-finite weights end training here (issue 4: no NaN reaches the weights).
  for (const auto& layer : model_.net_.layers())
    if (!layer.W.allFinite() || !layer.b.allFinite()) {
      done_ = true;
      throw Error(ErrorCode::DIVERGED,
                  "training diverged: the weights overflowed (inputs too large for the scaling, or the "
                  "learning rate too high). Lower 'learningRate', set 'clipNorm' or use scaling 'zscore'");
    }
  return done_;
}

std::vector<EpochReport> TrainingSession::takeEpochs() { return trainer_->takeEpochs(); }

int TrainingSession::plannedEpochs() const { return model_.options_.train.epochs; }

Model TrainingSession::finish() {
  require(done_, ErrorCode::BAD_OPTION, "finish() called before training is over (call step() until it returns true)");
  require(!finished_, ErrorCode::BAD_OPTION, "finish() was already called on this training session");
  finished_ = true;
  model_.trainedEpochs_ = trainer_->result().epochsRun;
  trainer_.reset();
  return std::move(model_);
}

// ---- Model --------------------------------------------------------------------------------

void Model::standardizeTarget(std::vector<float>& y, std::vector<float>& yval) {
  double sum = 0, sq = 0;
  for (float v : y) sum += v;
  yMean_ = sum / y.size();
  for (float v : y) sq += (v - yMean_) * (v - yMean_);
  ySd_ = std::sqrt(sq / y.size());
  if (!(ySd_ > 0) || !std::isfinite(ySd_)) ySd_ = 1;
  for (float& v : y) v = static_cast<float>((v - yMean_) / ySd_);
  for (float& v : yval) v = static_cast<float>((v - yMean_) / ySd_);
}

Model Model::train(const Table& table, const ModelOptions& options, const TrainControl& control) {
  TrainingSession session(table, options);
  for (;;) {
    if (control.cancelled && control.cancelled())
      throw Error(ErrorCode::CANCELLED, "training was cancelled");
    const bool done = session.step(1);
    if (control.onEpoch)
      for (const auto& e : session.takeEpochs()) control.onEpoch(e);
    if (done) break;
  }
  return session.finish();
}

Predictions Model::predict(const Table& table) const {
  std::vector<size_t> rows;
  const MatrixF X = pipeline_.transform(table, nullptr, &rows);
  return finish(X, std::move(rows));
}

Predictions Model::predictColumns(const float* values, size_t rows) const {
  MatrixF X;
  if (rows > 0 && pipeline_.transformColumns(values, rows, X)) {  // (no rows: the Table's EMPTY_DATA)
    std::vector<size_t> index(rows);
    std::iota(index.begin(), index.end(), size_t{0});
    return finish(X, std::move(index));
  }
  const std::vector<std::string>& features = pipeline_.features();
  std::vector<Column> columns(features.size());
  for (size_t c = 0; c < features.size(); ++c) {
    columns[c].name = features[c];
    columns[c].type = ColumnType::Numeric;
    columns[c].values.assign(values + c * rows, values + (c + 1) * rows);
  }
  return predict(Table::fromParsedColumns(std::move(columns)));
}

Predictions Model::finish(const MatrixF& X, std::vector<size_t> rows) const {
  Predictions p;
  p.task = target_.task();
  if (p.task != Task::Regression) p.classes = target_.classes();
  p.rows = std::move(rows);
  const MatrixF out = net_.predict(X);
  const Eigen::Index n = out.rows();
  if (p.task == Task::Binary) {
    p.values.resize(n, 2);
    p.values.col(1) = out.col(0).cast<double>();
    p.values.col(0) = 1.0 - p.values.col(1).array();
  } else if (p.task == Task::Regression) {
    p.values = (out.cast<double>().array() * ySd_ + yMean_).matrix();
  } else {
    p.values = out.cast<double>();
  }
  // Finite but extreme inputs (or weights) can overflow the network: never return NaN/Inf.
  for (Eigen::Index i = 0; i < n; ++i)
    if (!p.values.row(i).allFinite())
      throw Error(ErrorCode::NON_FINITE_VALUE,
                  "the prediction for row " + std::to_string(p.rows[static_cast<size_t>(i)] + 1) +
                      " is not finite: its values are too far outside the range the model was trained on");
  p.labels.resize(static_cast<size_t>(n));
  if (p.task != Task::Regression) p.labelIndex.resize(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) {
    if (p.task == Task::Regression) {
      p.labels[i] = formatValue(p.values(i, 0));
      continue;
    }
    Eigen::Index best = p.values(i, 1) >= 0.5 ? 1 : 0;
    if (p.task == Task::Multiclass) p.values.row(i).maxCoeff(&best);
    p.labelIndex[i] = static_cast<int>(best);
    p.labels[i] = p.classes[static_cast<size_t>(best)];
  }
  return p;
}

Evaluation Model::evaluate(const Table& table) const {
  const std::string& targetColumn = options_.target.column;
  require(table.indexOf(targetColumn) >= 0, ErrorCode::SCHEMA_MISMATCH,
          "evaluation data has no target column '" + targetColumn + "'");
  const Predictions p = predict(table);
  const std::vector<float> y = target_.encode(table);
  std::vector<Eigen::Index> keep;
  for (size_t i = 0; i < p.rows.size(); ++i)
    if (!std::isnan(y[p.rows[i]])) keep.push_back(static_cast<Eigen::Index>(i));
  require(!keep.empty(), ErrorCode::EMPTY_DATA, "no evaluation rows have a target value");
  Evaluation e;
  e.task = p.task;
  e.rows = keep.size();
  if (p.task == Task::Regression) {
    std::vector<double> yt, yp;
    for (Eigen::Index i : keep) {
      yt.push_back(y[p.rows[i]]);
      yp.push_back(p.values(i, 0));
    }
    e.regression = regressionReport(yt, yp);
    return e;
  }
  std::vector<int> yt;
  MatrixD probs(static_cast<Eigen::Index>(keep.size()), p.values.cols());
  for (size_t j = 0; j < keep.size(); ++j) {
    yt.push_back(static_cast<int>(y[p.rows[keep[j]]]));
    probs.row(static_cast<Eigen::Index>(j)) = p.values.row(keep[j]);
  }
  e.classification = classificationReport(yt, probs, p.task == Task::Binary ? 1 : -1);
  return e;
}

}  // namespace pathwise
