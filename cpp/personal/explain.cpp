// Integrated Gradients for pathwise::Model (see explain.h): the baseline point, the regression
// output map, and the path integral with a completeness check that doubles the step count.
#include "personal/explain.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"
#include "core/rng.h"
#include "data/cell_parse.h"

namespace pathwise {
namespace {

constexpr int kStartSteps = 64;
constexpr int kMaxSteps = 4096;
constexpr int kChunkRows = 512;  // gradient rows per batch (bounds memory on wide inputs)

// A table with the model's feature columns, typed as fitted, from cells[feature][row].
Table probeTable(const Pipeline& p, const std::vector<std::vector<std::string>>& cells) {
  std::map<std::string, ColumnType> types;
  for (const FeatureInfo& info : p.featureInfo()) types[info.name] = info.type;
  return Table::fromColumns(p.features(), cells, types);
}

std::string numberText(double v) { return floatText(static_cast<float>(v)); }

// Mean over the straight path from b to x of d output / d input (trapezoid rule, m intervals).
RowVector<double> averageGradient(const Mlp<float>& net, const RowVector<float>& b,
                                  const RowVector<float>& x, int m, int outputIndex) {
  const Eigen::Index d = b.cols();
  RowVector<double> sum = RowVector<double>::Zero(d);
  const RowVector<float> delta = x - b;
  for (int start = 0; start <= m; start += kChunkRows) {
    const int rows = std::min(kChunkRows, m + 1 - start);
    MatrixF Z(rows, d);
    for (int r = 0; r < rows; ++r)
      Z.row(r) = b + (static_cast<float>(start + r) / static_cast<float>(m)) * delta;
    const MatrixF G = net.inputGradient(Z, outputIndex);
    for (int r = 0; r < rows; ++r) {
      const int k = start + r;
      const double w = (k == 0 || k == m) ? 0.5 : 1.0;
      sum += w * G.row(r).cast<double>();
    }
  }
  return sum / static_cast<double>(m);
}

// How the explained output is read from the network's output row.
struct OutputReader {
  int netIndex = 0;
  double sign = 1, scale = 1, offset = 0;  // output = offset + sign · scale · net[netIndex]
  double read(const MatrixF& out) const { return offset + sign * scale * out(0, netIndex); }
};

OutputReader readerFor(const Model& model, int cls) {
  OutputReader r;
  if (model.task() == Task::Binary) {
    if (cls == 0) r.sign = -1, r.offset = 1;  // P(other class) = 1 − P(positive)
  } else if (model.task() == Task::Multiclass) {
    r.netIndex = cls;
  } else {
    const OutputMap map = outputMap(model);
    r.scale = map.scale;
    r.offset = map.offset;
  }
  return r;
}

}  // namespace

void checkRow(const Table& table, size_t row) {
  require(row < table.rows(), ErrorCode::SHAPE_MISMATCH,
          "row " + std::to_string(row + 1) + " is outside the data (" + std::to_string(table.rows()) + " rows)");
}

int resolveClassIndex(const Model& model, int classIndex, const double* rowProbabilities) {
  if (model.task() == Task::Regression) return 0;
  const int k = static_cast<int>(model.target().numClasses());
  require(classIndex >= -1 && classIndex < k, ErrorCode::BAD_OPTION,
          "option 'classIndex' must be -1 or a class index in [0, " + std::to_string(k) + ") (got " +
              std::to_string(classIndex) + ")");
  if (classIndex >= 0) return classIndex;
  if (model.task() == Task::Binary) return 1;
  return static_cast<int>(std::max_element(rowProbabilities, rowProbabilities + k) - rowProbabilities);
}

double predictionScore(const Predictions& p, Eigen::Index i, int classIndex) {
  return p.task == Task::Regression ? p.values(i, 0) : p.values(i, classIndex);
}

OutputMap outputMap(const Model& model) {
  if (model.task() != Task::Regression) return {};
  const Pipeline& p = model.pipeline();
  const auto& infos = p.featureInfo();
  constexpr size_t kProbes = 8;  // all-min, all-max, then seeded random points
  Rng rng(0x0b5e55edULL);
  std::vector<std::vector<std::string>> cells(infos.size(), std::vector<std::string>(kProbes));
  for (size_t r = 0; r < kProbes; ++r) {
    for (size_t f = 0; f < infos.size(); ++f) {
      const FeatureInfo& info = infos[f];
      const double u = r == 0 ? 0.0 : r == 1 ? 1.0 : rng.uniform();
      if (info.type == ColumnType::Numeric) cells[f][r] = numberText(info.min + u * (info.max - info.min));
      else if (info.type == ColumnType::Boolean) cells[f][r] = u < 0.5 ? "false" : "true";
      else cells[f][r] = info.levels[std::min(info.levels.size() - 1, static_cast<size_t>(u * info.levels.size()))];
    }
  }
  const Table probe = probeTable(p, cells);
  const MatrixF net = model.net().predict(p.transform(probe));
  const Predictions values = model.predict(probe);
  Eigen::Index lo = 0, hi = 0;
  net.col(0).minCoeff(&lo);
  net.col(0).maxCoeff(&hi);
  const double dn = static_cast<double>(net(hi, 0)) - net(lo, 0);
  OutputMap map;
  if (dn > 1e-6) map.scale = (values.values(hi, 0) - values.values(lo, 0)) / dn;
  map.offset = values.values(lo, 0) - map.scale * net(lo, 0);
  return map;
}

RowVector<float> explainBaseline(const Model& model, const Table* background) {
  const Pipeline& p = model.pipeline();
  const auto& infos = p.featureInfo();
  std::vector<std::vector<std::string>> cells(infos.size());
  for (size_t f = 0; f < infos.size(); ++f) {
    const FeatureInfo& info = infos[f];
    if (info.type == ColumnType::Numeric) cells[f] = {numberText(info.mean)};
    else if (info.type == ColumnType::Boolean) cells[f] = {"false"};
    else cells[f] = {info.levels.front()};
  }
  RowVector<float> b = p.transform(probeTable(p, cells)).row(0);
  MatrixF bg;
  if (background) bg = p.transform(*background);
  Eigen::Index o = 0;
  for (const FeatureInfo& info : infos) {
    if (info.type == ColumnType::Numeric) {
      ++o;  // the transformed training mean
    } else if (info.type == ColumnType::Boolean) {
      b(o++) = static_cast<float>(info.mean);
    } else {
      const Eigen::Index levels = static_cast<Eigen::Index>(info.levels.size());
      for (Eigen::Index k = 0; k < levels; ++k, ++o)
        b(o) = bg.rows() > 0 ? bg.col(o).mean() : 1.0f / static_cast<float>(levels);
    }
  }
  return b;
}

Explanation explain(const Model& model, const Table& table, size_t row, const ExplainOptions& options) {
  checkRow(table, row);
  require(options.steps >= 0 && options.steps <= 1000000, ErrorCode::BAD_OPTION,
          "option 'steps' must be 0 (auto) or in [1, 1000000] (got " + std::to_string(options.steps) + ")");
  const Pipeline& p = model.pipeline();
  const std::vector<size_t> rows{row};
  const MatrixF xm = p.transform(table, &rows);
  require(xm.rows() == 1, ErrorCode::BAD_OPTION,
          "row " + std::to_string(row + 1) + " has a missing value in a column set to impute 'drop'; it cannot be explained");
  const RowVector<float> x = xm.row(0);
  const MatrixF out = model.net().predict(xm);
  const std::vector<double> probs(out.data(), out.data() + out.cols());
  Explanation e;
  e.classIndex = resolveClassIndex(model, options.classIndex, probs.data());
  e.output = model.task() == Task::Regression ? model.options().target.column
                                              : model.target().classes()[static_cast<size_t>(e.classIndex)];
  const OutputReader reader = readerFor(model, e.classIndex);
  const RowVector<float> b = explainBaseline(model, options.background);
  e.prediction = reader.read(out);
  e.baselinePrediction = reader.read(model.net().predict(b));
  const double difference = e.prediction - e.baselinePrediction;
  const double tolerance = std::max(0.01 * std::abs(difference), 0.002);
  const RowVector<double> delta = (x - b).cast<double>();
  RowVector<double> attribution;
  for (int m = options.steps > 0 ? options.steps : kStartSteps;; m *= 2) {
    const RowVector<double> g = averageGradient(model.net(), b, x, m, reader.netIndex);
    attribution = delta.cwiseProduct(g) * (reader.sign * reader.scale);
    e.steps = m;
    e.completenessError = std::abs(attribution.sum() - difference);
    if (options.steps > 0 || e.completenessError <= tolerance || m >= kMaxSteps) break;
  }
  e.columns = p.features();
  e.contributions.assign(e.columns.size(), 0.0);
  const std::vector<int> source = p.outputSource();
  for (size_t o = 0; o < source.size(); ++o) e.contributions[static_cast<size_t>(source[o])] += attribution(o);
  for (const std::string& name : e.columns)
    e.values.push_back(table.cellText(static_cast<size_t>(table.indexOf(name)), row));
  return e;
}

}  // namespace pathwise
