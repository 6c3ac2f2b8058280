// Explanations that perturb the data rather than differentiate the network (see explain.h):
// permutation importance (one column's cells shuffled across rows) and one-step what-if changes.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"
#include "core/rng.h"
#include "data/cell_parse.h"
#include "personal/explain.h"

namespace pathwise {
namespace {

std::vector<Column> copyColumns(const Table& table) {
  std::vector<Column> cols;
  cols.reserve(table.cols());
  for (size_t c = 0; c < table.cols(); ++c) cols.push_back(table.column(c));
  return cols;
}

// Writes `text` into cell `row` of a column of whatever type the column has.
void setCell(Column& col, size_t row, const std::string& text) {
  if (col.type == ColumnType::Categorical) {
    auto it = std::find(col.levels.begin(), col.levels.end(), text);
    if (it == col.levels.end()) it = col.levels.insert(col.levels.end(), text);
    col.codes[row] = static_cast<int32_t>(it - col.levels.begin());
    return;
  }
  double v = 0;
  const int b = parseBooleanToken(text);
  if (b >= 0) v = b;
  else require(parseDecimal(text, v), ErrorCode::BAD_OPTION,
               "cannot write " + quoteCell(text) + " into " + columnTypeName(col.type) + " column '" + col.name + "'");
  col.values[row] = static_cast<float>(v);
}

struct Metric {
  const char* name;
  double value;
};

Metric metricOf(const Model& model, const Table& table) {
  const Evaluation e = model.evaluate(table);
  if (e.task == Task::Regression) return {"r2", e.regression.r2};
  if (e.task == Task::Multiclass) return {"accuracy", e.classification.accuracy};
  require(!std::isnan(e.classification.rocAuc), ErrorCode::SINGLE_CLASS_TARGET,
          "importance of a binary model needs both classes of '" + model.options().target.column +
              "' in the data (ROC-AUC is undefined)");
  return {"rocAuc", e.classification.rocAuc};
}

std::pair<double, double> meanSd(const std::vector<double>& v) {
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  return {mean, std::sqrt(ss / static_cast<double>(v.size()))};
}

// Value of a cell read as a number (a categorical column's level text is parsed; NaN if not).
double numericCell(const Column& col, size_t row) {
  if (col.isMissing(row)) return std::nan("");
  if (col.type != ColumnType::Categorical) return col.values[row];
  double v = 0;
  return parseDecimal(col.levels[static_cast<size_t>(col.codes[row])], v) ? v : std::nan("");
}

// Candidate cell texts for one what-if column (none when no step is possible).
std::vector<std::string> candidatesFor(const FeatureInfo& info, const Column& col, size_t row) {
  const bool missing = col.isMissing(row);
  if (info.type == ColumnType::Categorical) {
    std::vector<std::string> out;
    const std::string current = missing ? "" : (col.type == ColumnType::Categorical
                                                    ? col.levels[static_cast<size_t>(col.codes[row])]
                                                    : floatText(col.values[row]));
    for (const std::string& level : info.levels)
      if (level != current) out.push_back(level);
    return out;
  }
  if (info.type == ColumnType::Boolean) {
    const std::string f = col.levels.size() == 2 ? col.levels[0] : "false";
    const std::string t = col.levels.size() == 2 ? col.levels[1] : "true";
    if (missing) return {f, t};
    return {col.values[row] != 0 ? f : t};
  }
  bool integers = std::floor(info.min) == info.min && std::floor(info.max) == info.max;
  for (size_t r = 0; integers && r < col.size(); ++r)
    integers = col.isMissing(r) || std::floor(numericCell(col, r)) == numericCell(col, r);
  const double step = integers ? std::max(1.0, std::round(info.sd)) : info.sd;
  const double from = missing || std::isnan(numericCell(col, row)) ? info.mean : numericCell(col, row);
  std::vector<std::string> out;
  for (double to : {from + step, from - step}) {
    to = std::clamp(to, info.min, info.max);
    const std::string text = floatText(static_cast<float>(to));
    const bool fresh = std::find(out.begin(), out.end(), text) == out.end();
    if ((static_cast<float>(to) != static_cast<float>(from) || missing) && fresh) out.push_back(text);
  }
  return out;
}

}  // namespace

Table permuteColumn(const Table& table, size_t col, const std::vector<size_t>& perm) {
  require(perm.size() == table.rows(), ErrorCode::SHAPE_MISMATCH, "permutation size differs from the row count");
  std::vector<Column> cols = copyColumns(table);
  const Column& original = table.column(col);
  Column& c = cols[col];
  for (size_t i = 0; i < perm.size(); ++i) {
    if (c.type == ColumnType::Categorical) c.codes[i] = original.codes[perm[i]];
    else c.values[i] = original.values[perm[i]];
  }
  return Table::fromParsedColumns(std::move(cols));
}

Importance importance(const Model& model, const Table& table, const ImportanceOptions& options) {
  require(options.repeats >= 1 && options.repeats <= 1000, ErrorCode::BAD_OPTION,
          "option 'repeats' must be in [1, 1000] (got " + std::to_string(options.repeats) + ")");
  const Metric base = metricOf(model, table);
  Importance out;
  out.metric = base.name;
  out.baseline = base.value;
  Rng rng(options.seed);
  std::vector<size_t> perm(table.rows());
  for (const std::string& name : model.pipeline().features()) {
    const int col = table.indexOf(name);
    require(col >= 0, ErrorCode::SCHEMA_MISMATCH, "the data has no column '" + name + "', which the model was trained with");
    ColumnImportance ci;
    ci.column = name;
    for (int r = 0; r < options.repeats; ++r) {
      std::iota(perm.begin(), perm.end(), size_t{0});
      rng.shuffle(perm);
      ci.drops.push_back(base.value - metricOf(model, permuteColumn(table, static_cast<size_t>(col), perm)).value);
    }
    std::tie(ci.mean, ci.sd) = meanSd(ci.drops);
    out.columns.push_back(std::move(ci));
  }
  std::stable_sort(out.columns.begin(), out.columns.end(),
                   [](const ColumnImportance& a, const ColumnImportance& b) { return a.mean > b.mean; });
  return out;
}

std::vector<WhatIfChange> whatIf(const Model& model, const Table& table, size_t row, const WhatIfOptions& options) {
  checkRow(table, row);
  const Pipeline& p = model.pipeline();
  const std::vector<std::string> actionable = options.actionable.empty() ? p.features() : options.actionable;
  // Candidate rows: the original first, then every candidate of every column.
  struct Candidate { size_t change; std::string text; };
  std::vector<Candidate> candidates;
  std::vector<WhatIfChange> changes;
  std::vector<const FeatureInfo*> infos;
  for (const std::string& name : actionable) {
    const auto& all = p.featureInfo();
    const auto it = std::find_if(all.begin(), all.end(), [&](const FeatureInfo& f) { return f.name == name; });
    require(it != all.end(), ErrorCode::BAD_OPTION, "actionable column '" + name + "' is not a feature of the model");
    const int col = table.indexOf(name);
    require(col >= 0, ErrorCode::SCHEMA_MISMATCH, "the data has no column '" + name + "', which the model was trained with");
    WhatIfChange ch;
    ch.column = name;
    ch.from = ch.to = table.cellText(static_cast<size_t>(col), row);
    for (std::string& text : candidatesFor(*it, table.column(static_cast<size_t>(col)), row))
      candidates.push_back({changes.size(), std::move(text)});
    changes.push_back(std::move(ch));
  }
  std::vector<Column> cols = copyColumns(table.selectRows(std::vector<size_t>(candidates.size() + 1, row)));
  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    setCell(cols[static_cast<size_t>(table.indexOf(changes[c.change].column))], i + 1, c.text);
  }
  const Predictions pred = model.predict(Table::fromParsedColumns(std::move(cols)));
  require(pred.rows.size() == candidates.size() + 1, ErrorCode::BAD_OPTION,
          "row " + std::to_string(row + 1) + " has a missing value in a column set to impute 'drop'; no what-if for it");
  const std::vector<double> probs(pred.values.row(0).data(), pred.values.row(0).data() + pred.values.cols());
  const int cls = resolveClassIndex(model, options.classIndex,
                                    model.task() == Task::Multiclass ? probs.data() : nullptr);
  const double before = predictionScore(pred, 0, cls);
  const double sign = options.increase ? 1.0 : -1.0;
  for (WhatIfChange& ch : changes) ch.before = ch.after = before;
  std::vector<bool> tried(changes.size(), false);
  for (size_t i = 0; i < candidates.size(); ++i) {
    WhatIfChange& ch = changes[candidates[i].change];
    const double after = predictionScore(pred, static_cast<Eigen::Index>(i + 1), cls);
    const double gain = sign * (after - before);
    if (!tried[candidates[i].change] || gain > ch.gain) {
      tried[candidates[i].change] = true;
      ch.to = candidates[i].text;
      ch.after = after;
      ch.gain = gain;
    }
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const WhatIfChange& a, const WhatIfChange& b) { return a.gain > b.gain; });
  return changes;
}

}  // namespace pathwise
