// Pipeline fit/transform: per-feature statistics on the fit rows, then impute → scale → encode.
#include "data/pipeline.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "core/error.h"
#include "data/column_reader.h"

namespace pathwise {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<size_t> resolveRows(const Table& table, const std::vector<size_t>* rows) {
  std::vector<size_t> out;
  if (!rows) {
    out.resize(table.rows());
    for (size_t r = 0; r < out.size(); ++r) out[r] = r;
    return out;
  }
  for (size_t r : *rows)
    if (r >= table.rows())
      throw Error(ErrorCode::SHAPE_MISMATCH, "row index " + std::to_string(r) + " out of range (" +
                                                 std::to_string(table.rows()) + " rows)");
  return *rows;
}

// Settings for one column: the per-column override, else the defaults for its type.
ColumnPreprocess settingsFor(const Column& col, const PreprocessOptions& opts) {
  ColumnPreprocess s;
  const auto it = opts.perColumn.find(col.name);
  if (it != opts.perColumn.end()) {
    s = it->second;
  } else if (col.type == ColumnType::Numeric) {
    s = {opts.numericImpute, opts.constant, "", opts.scaling};
  } else if (col.type == ColumnType::Categorical) {
    s = {opts.categoricalImpute, 0, opts.constantCategory, Scaling::None};
  } else {
    s = {Impute::MostFrequent, opts.constant, "", Scaling::None};
  }
  if (col.type != ColumnType::Numeric) s.scaling = Scaling::None;  // one-hot and 0/1 stay as is
  if (col.type == ColumnType::Categorical && (s.impute == Impute::Mean || s.impute == Impute::Median))
    throw Error(ErrorCode::BAD_OPTION, "column '" + col.name +
                                           "' is categorical: impute must be drop, most_frequent or constant");
  if (!std::isfinite(s.constant))
    throw Error(ErrorCode::BAD_OPTION, "column '" + col.name + "': impute constant must be finite");
  return s;
}

void checkFeatures(const Table& table, const std::vector<std::string>& features,
                   const PreprocessOptions& opts) {
  if (features.empty()) throw Error(ErrorCode::EMPTY_DATA, "no feature columns were given");
  std::set<std::string> seen;
  for (const std::string& f : features) {
    table.column(f);  // UNKNOWN_COLUMN
    if (!seen.insert(f).second)
      throw Error(ErrorCode::DUPLICATE_COLUMN, "feature '" + f + "' is listed twice");
  }
  for (const auto& entry : opts.perColumn)
    if (table.indexOf(entry.first) < 0)
      throw Error(ErrorCode::UNKNOWN_COLUMN, "perColumn option names column '" + entry.first +
                                                 "', which is not in the table");
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double mode(std::vector<double> v) {  // most frequent value; ties → smallest
  std::sort(v.begin(), v.end());
  double best = v[0];
  size_t bestCount = 0;
  for (size_t i = 0; i < v.size();) {
    size_t j = i;
    while (j < v.size() && v[j] == v[i]) ++j;
    if (j - i > bestCount) best = v[i], bestCount = j - i;
    i = j;
  }
  return best;
}

// Population mean and sd of v (two passes).
std::pair<double, double> meanSd(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  const double mean = sum / static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return {mean, std::sqrt(ss / static_cast<double>(v.size()))};
}

[[noreturn]] void allMissing(const std::string& name, size_t rows) {
  throw Error(ErrorCode::ALL_MISSING_COLUMN, "column '" + name + "' has no values in the " +
                                                 std::to_string(rows) + " training rows");
}

}  // namespace

void Pipeline::fit(const Table& table, const std::vector<std::string>& features,
                   const PreprocessOptions& opts, const std::vector<size_t>* rows) {
  checkFeatures(table, features, opts);
  const std::vector<size_t> fitRows = resolveRows(table, rows);
  if (fitRows.empty()) throw Error(ErrorCode::EMPTY_DATA, "no training rows to fit on");
  Pipeline p;
  p.features_ = features;
  for (const std::string& f : features) {
    const Column& col = table.column(f);
    if (std::all_of(fitRows.begin(), fitRows.end(), [&](size_t r) { return col.isMissing(r); }))
      allMissing(f, fitRows.size());
    FeatureInfo info;
    info.name = f;
    info.type = col.type;
    info.preprocess = settingsFor(col, opts);
    p.info_.push_back(std::move(info));
  }
  std::vector<const Column*> dropColumns;
  for (const FeatureInfo& info : p.info_)
    if (info.preprocess.impute == Impute::Drop) dropColumns.push_back(&table.column(info.name));
  std::vector<size_t> kept;  // rows without a missing value in a Drop column
  for (size_t r : fitRows)
    if (std::none_of(dropColumns.begin(), dropColumns.end(), [r](const Column* c) { return c->isMissing(r); }))
      kept.push_back(r);
  if (kept.empty())
    throw Error(ErrorCode::EMPTY_DATA, "every training row has a missing value in a column set to 'drop'");
  p.fitted_.resize(features.size());
  for (size_t f = 0; f < features.size(); ++f) p.fitFeature(table, f, kept);
  p.rebuildOutputs();
  *this = std::move(p);
}

void Pipeline::fitFeature(const Table& table, size_t f, const std::vector<size_t>& rows) {
  const Column& col = table.column(info_[f].name);
  if (col.type == ColumnType::Categorical) fitCategorical(col, info_[f], fitted_[f], rows);
  else fitNumeric(col, info_[f], fitted_[f], rows);
}

// Levels seen in the fit rows (sorted), and the fill level for missing cells.
void Pipeline::fitCategorical(const Column& col, FeatureInfo& info, Fitted& fit,
                              const std::vector<size_t>& rows) {
  const ColumnPreprocess& s = info.preprocess;
  std::map<std::string, size_t> counts;  // sorted by level text
  for (size_t r : rows)
    if (!col.isMissing(r)) ++counts[col.levels[static_cast<size_t>(col.codes[r])]];
  if (counts.empty()) allMissing(info.name, rows.size());
  std::string fill;
  size_t best = 0;
  for (const auto& [level, n] : counts)
    if (n > best) fill = level, best = n;  // ties → first in sorted order
  if (s.impute == Impute::Constant) fill = s.constantCategory, counts.emplace(fill, 0);
  for (const auto& entry : counts) info.levels.push_back(entry.first);
  if (s.impute != Impute::Drop)
    fit.fillLevel = static_cast<int>(std::find(info.levels.begin(), info.levels.end(), fill) -
                                     info.levels.begin());
}

// Observed statistics, fill value, then the scaler on the imputed values.
void Pipeline::fitNumeric(const Column& col, FeatureInfo& info, Fitted& fit,
                          const std::vector<size_t>& rows) {
  const ColumnPreprocess& s = info.preprocess;
  std::vector<double> observed;
  size_t missing = 0;
  for (size_t r : rows) {
    if (col.isMissing(r)) ++missing;
    else observed.push_back(col.values[r]);
  }
  if (observed.empty()) allMissing(info.name, rows.size());
  const auto [mn, mx] = std::minmax_element(observed.begin(), observed.end());
  info.min = *mn;
  info.max = *mx;
  std::tie(info.mean, info.sd) = meanSd(observed);
  switch (s.impute) {
    case Impute::Mean: fit.fill = info.mean; break;
    case Impute::Median: fit.fill = median(observed); break;
    case Impute::MostFrequent: fit.fill = mode(observed); break;
    case Impute::Constant: fit.fill = s.constant; break;
    case Impute::Drop: fit.fill = 0; break;
  }
  // The scaler sees the imputed column (as scikit-learn's SimpleImputer → StandardScaler).
  std::vector<double> imputed = observed;
  if (s.impute != Impute::Drop) imputed.insert(imputed.end(), missing, fit.fill);
  const auto [lo, hi] = std::minmax_element(imputed.begin(), imputed.end());
  const bool constant = *lo == *hi;  // sd / range 0 → divide by 1 (output 0)
  if (s.scaling == Scaling::ZScore) {
    const auto [m, sd] = meanSd(imputed);
    fit.center = constant ? *lo : m;
    fit.scale = constant ? 1.0 : sd;
  } else if (s.scaling == Scaling::MinMax) {
    fit.center = *lo;
    fit.scale = constant ? 1.0 : *hi - *lo;
  }
}

void Pipeline::rebuildOutputs() {
  outputSource_.clear();
  for (size_t f = 0; f < info_.size(); ++f) {
    const size_t width = info_[f].type == ColumnType::Categorical ? info_[f].levels.size() : 1;
    outputSource_.insert(outputSource_.end(), width, static_cast<int>(f));
  }
}

std::vector<std::string> Pipeline::outputNames() const {
  std::vector<std::string> names;
  for (const FeatureInfo& info : info_) {
    if (info.type != ColumnType::Categorical) names.push_back(info.name);
    for (const std::string& level : info.levels) names.push_back(info.name + "=" + level);
  }
  return names;
}

MatrixF Pipeline::transform(const Table& table, const std::vector<size_t>* rows,
                            std::vector<size_t>* keptRows) const {
  if (!fitted()) throw Error(ErrorCode::BAD_OPTION, "the pipeline is not fitted");
  std::vector<NumericReader> numeric;
  std::vector<LevelReader> categorical;
  std::vector<const Column*> columns(info_.size());
  for (size_t f = 0; f < info_.size(); ++f) {
    const FeatureInfo& info = info_[f];
    // Tables built for prediction usually hold the features in the model's order.
    const int c = f < table.cols() && table.column(f).name == info.name ? static_cast<int>(f) : table.indexOf(info.name);
    if (c < 0)
      throw Error(ErrorCode::SCHEMA_MISMATCH, "the data has no column '" + info.name +
                                                  "', which the model was trained with");
    columns[f] = &table.column(c);
    if (info.type == ColumnType::Categorical) categorical.emplace_back(table, c, info.levels);
    else numeric.emplace_back(table.column(c), info.type);
  }
  const std::vector<size_t> want = resolveRows(table, rows);
  const Eigen::Index width = static_cast<Eigen::Index>(outputWidth());
  MatrixF m(static_cast<Eigen::Index>(want.size()), width);
  if (transformByColumn(columns, want, categorical, m)) {
    if (keptRows) *keptRows = want;
    return m;
  }
  // Rows are written straight into the result (row-major), so the design matrix exists once; only
  // when 'drop' imputation left rows out is it copied to its final size.
  std::vector<size_t> kept;
  kept.reserve(want.size());
  for (size_t r : want) {
    if (!transformRow(r, numeric, categorical, m.data() + static_cast<Eigen::Index>(kept.size()) * width)) continue;
    kept.push_back(r);
  }
  if (kept.size() < want.size()) m = MatrixF(m.topRows(static_cast<Eigen::Index>(kept.size())));
  if (keptRows) *keptRows = std::move(kept);
  return m;
}

// The common case, column by column in blocks of rows (each feature's cells read once, no reader
// call per cell): no 'drop' imputation (every row is kept) and every numeric/boolean feature's
// column already has that type. Same arithmetic as transformRow. Returns false (m untouched or partly written) when
// it does not apply or a value overflows — transformRow then redoes the work row by row and
// reports the first bad cell in row order, as always.
bool Pipeline::transformByColumn(const std::vector<const Column*>& columns, const std::vector<size_t>& want,
                                 const std::vector<LevelReader>& categorical, MatrixF& m) const {
  for (size_t f = 0; f < info_.size(); ++f) {
    if (info_[f].preprocess.impute == Impute::Drop) return false;
    if (info_[f].type != ColumnType::Categorical && columns[f]->type != info_[f].type) return false;
  }
  const size_t n = want.size();
  const Eigen::Index width = m.cols();
  float* out = m.data();
  // Blocks of rows, so the part of the matrix being written stays in cache across the features.
  constexpr size_t kBlock = 128;
  for (size_t i0 = 0; i0 < n; i0 += kBlock) {
    const size_t i1 = std::min(n, i0 + kBlock);
    size_t ci = 0;
    Eigen::Index o = 0;
    for (size_t f = 0; f < info_.size(); ++f) {
      const FeatureInfo& info = info_[f];
      const Fitted& fit = fitted_[f];
      if (info.type == ColumnType::Categorical) {
        const LevelReader& reader = categorical[ci++];
        const Eigen::Index k = static_cast<Eigen::Index>(info.levels.size());
        for (size_t i = i0; i < i1; ++i) {
          int level = reader.at(want[i]);
          if (level == LevelReader::kMissing) level = fit.fillLevel;
          float* row = out + static_cast<Eigen::Index>(i) * width + o;
          for (Eigen::Index j = 0; j < k; ++j) row[j] = j == level ? 1.f : 0.f;
        }
        o += k;
        continue;
      }
      const float* values = columns[f]->values.data();
      for (size_t i = i0; i < i1; ++i)
        if (!fit.apply(values[want[i]], out[static_cast<Eigen::Index>(i) * width + o])) return false;
      ++o;
    }
  }
  return true;
}

bool Pipeline::transformColumns(const float* values, size_t rows, MatrixF& out) const {
  if (!fitted()) throw Error(ErrorCode::BAD_OPTION, "the pipeline is not fitted");
  for (const FeatureInfo& info : info_)
    if (info.type != ColumnType::Numeric || info.preprocess.impute == Impute::Drop) return false;
  const size_t width = info_.size();
  out.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(width));
  float* m = out.data();
  for (size_t i = 0; i < rows; ++i)
    for (size_t f = 0; f < width; ++f)
      if (!fitted_[f].apply(values[f * rows + i], m[i * width + f])) return false;
  return true;
}

bool Pipeline::transformRow(size_t r, const std::vector<NumericReader>& numeric,
                            const std::vector<LevelReader>& categorical, float* out) const {
  size_t ni = 0, ci = 0, o = 0;
  for (size_t f = 0; f < info_.size(); ++f) {
    const FeatureInfo& info = info_[f];
    const Fitted& fit = fitted_[f];
    const bool drop = info.preprocess.impute == Impute::Drop;
    if (info.type == ColumnType::Categorical) {
      int level = categorical[ci++].at(r);
      if (level == LevelReader::kMissing && drop) return false;
      if (level == LevelReader::kMissing) level = fit.fillLevel;
      for (size_t k = 0; k < info.levels.size(); ++k) out[o++] = static_cast<int>(k) == level ? 1.f : 0.f;
      continue;
    }
    double v = numeric[ni++].at(r);
    if (std::isnan(v) && drop) return false;
    if (std::isnan(v)) v = fit.fill;
    // A value far outside the fitted range (or a huge fill) must not become an infinite feature.
    if (!fit.apply(v, out[o++]))
      throw Error(ErrorCode::NON_FINITE_VALUE,
                  "column '" + info.name + "' row " + std::to_string(r + 1) + ": value " + std::to_string(v) +
                      " is out of range after preprocessing (scaled value overflows a float)");
  }
  return true;
}

}  // namespace pathwise
