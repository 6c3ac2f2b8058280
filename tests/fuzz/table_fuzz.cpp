// libFuzzer target: bytes -> named columns of cells (as the bindings receive them) -> Table ->
// Pipeline fit/transform -> TargetEncoder -> optionally a tiny Model::train + predict.
// Any pathwise::Error is fine; a crash, sanitizer report, other exception or NaN in a transformed
// matrix / fitted model's prediction is a bug (trap).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/model.h"
#include "core/error.h"
#include "data/pipeline.h"
#include "data/table.h"
#include "data/target.h"

namespace {

using namespace pathwise;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// Same contract as bindings/convert.cpp splitCells: split on one separator; rowCount 0 = no cells.
std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

const Impute kImpute[] = {Impute::Drop, Impute::Mean, Impute::Median, Impute::MostFrequent,
                          Impute::Constant};
const Scaling kScaling[] = {Scaling::ZScore, Scaling::MinMax, Scaling::None};
const char* kOps[] = {">=", ">", "<=", "<", "==", "!=", "=>", ""};

void checkFinite(const MatrixF& m) {
  for (Eigen::Index i = 0; i < m.size(); ++i) check(std::isfinite(m.data()[i]));
}

}  // namespace

// Layout: 6 control bytes, then text. Text splits on ctrl[0] into columns; each column splits on
// ctrl[1] (U+001F unless that equals ctrl[0]) into name + cells.
// ctrl[2]: numeric impute (0-4), categorical impute (bits 3-5), ctrl[3]: scaling (0-2), target
// column (bits 2-4), type override (bits 5-7); ctrl[4]: positive rule kind; ctrl[5]: train bit,
// task, threshold digit.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 6 || size > 4096) return 0;
  const uint8_t* c = data;
  std::string_view text(reinterpret_cast<const char*>(data + 6), size - 6);
  const char colSep = static_cast<char>(c[0]);
  const char cellSep = c[1] == c[0] ? '\x1f' : static_cast<char>(c[1]);

  std::vector<std::string_view> segments = split(text, colSep);
  if (segments.size() > 16) return 0;

  try {
    // 1. Columns, as TableBuilder::addColumn/build do: row count = first column's cells.
    std::vector<Column> columns;
    size_t rowCount = 0;
    for (size_t i = 0; i < segments.size(); ++i) {
      std::vector<std::string_view> parts = split(segments[i], cellSep);
      std::string name(parts[0]);
      std::vector<std::string_view> cells(parts.begin() + 1, parts.end());
      if (i == 0) rowCount = cells.size();
      require(cells.size() == rowCount, ErrorCode::SHAPE_MISMATCH, "column cell count");
      const int ov = c[3] >> 5;
      ColumnType forced = ov == 1 ? ColumnType::Numeric : ov == 2 ? ColumnType::Categorical
                                                                  : ColumnType::Boolean;
      const bool useForced = ov >= 1 && ov <= 3 && i == (c[4] >> 6);
      columns.push_back(parseColumn(name, cells, useForced ? &forced : nullptr));
    }
    Table table = Table::fromParsedColumns(std::move(columns));
    check(table.cols() == segments.size());
    for (size_t j = 0; j < table.cols(); ++j) {
      check(table.column(j).size() == table.rows());
      for (size_t r = 0; r < table.rows(); ++r) (void)table.cellText(j, r);
    }

    // 2. Target and features.
    const size_t targetIdx = ((c[3] >> 2) & 7) % table.cols();
    const std::string target = table.column(targetIdx).name;
    std::vector<std::string> features;
    for (size_t j = 0; j < table.cols(); ++j)
      if (j != targetIdx) features.push_back(table.column(j).name);

    PreprocessOptions po;
    po.numericImpute = kImpute[(c[2] & 7) % 5];
    po.categoricalImpute = kImpute[((c[2] >> 3) & 7) % 5];
    po.scaling = kScaling[(c[3] & 3) % 3];
    po.constant = (c[2] >> 6) == 3 ? 1e30 : (c[2] >> 6);

    // 3. Pipeline fit/transform (needs at least one feature).
    if (!features.empty()) {
      Pipeline p;
      p.fit(table, features, po);
      std::vector<size_t> kept;
      MatrixF X = p.transform(table, nullptr, &kept);
      check(static_cast<size_t>(X.rows()) == kept.size());
      check(static_cast<size_t>(X.cols()) == p.outputWidth());
      check(p.outputNames().size() == p.outputWidth());
      checkFinite(X);
      for (size_t k : kept) check(k < table.rows());
      ByteWriter w;
      p.save(w);
      ByteReader r(w.data().data(), w.size());
      Pipeline q = Pipeline::load(r);
      check(q.outputWidth() == p.outputWidth());
    }

    // 4. Target with a positive label/rule chosen from the input.
    TargetSpec spec;
    spec.column = target;
    spec.task = static_cast<Task>((c[5] >> 1) & 3);
    const Column& tc = table.column(targetIdx);
    const int kind = c[4] & 7;
    const std::string number = std::to_string(static_cast<int>(c[5] >> 4) - 4);
    switch (kind) {
      case 1: spec.positive = table.rows() ? table.cellText(targetIdx, c[4] % table.rows()) : "x"; break;
      case 2: spec.positive = std::string(kOps[(c[4] >> 3) & 7]) + " " + number; break;
      case 3: spec.positive = tc.name + " " + kOps[(c[4] >> 3) & 7] + " " + number; break;
      case 4: spec.positive = std::string(segments.back().substr(0, 12)); break;
      case 5: spec.positive = std::string(kOps[(c[4] >> 3) & 7]) + number + "e40"; break;
      default: break;
    }
    TargetEncoder enc;
    enc.fit(table, spec);
    std::vector<float> y = enc.encode(table);
    check(y.size() == table.rows());
    for (float v : y) {
      if (std::isnan(v)) continue;
      check(std::isfinite(v));
      if (enc.task() != Task::Regression) check(v >= 0 && v < static_cast<float>(enc.numClasses()));
    }
    ByteWriter tw;
    enc.save(tw);
    ByteReader tr(tw.data().data(), tw.size());
    (void)TargetEncoder::load(tr);

    // 5. A tiny model: 1 epoch, one hidden layer of 2.
    if ((c[5] & 1) && !features.empty() && table.rows() <= 64) {
      ModelOptions mo;
      mo.target = spec;
      mo.preprocess = po;
      mo.train.hidden = {2};
      mo.train.epochs = 1;
      mo.train.batchSize = 8;
      mo.train.validationSplit = 0;
      Model m = Model::train(table, mo);
      Predictions pr = m.predict(table);
      check(pr.rows.size() == static_cast<size_t>(pr.values.rows()));
      for (Eigen::Index i = 0; i < pr.values.size(); ++i) check(std::isfinite(pr.values.data()[i]));
      std::vector<uint8_t> bytes = m.save();
      Model back = Model::load(bytes.data(), bytes.size());
      Predictions pr2 = back.predict(table);
      check(pr2.values.rows() == pr.values.rows());
    }
  } catch (const Error&) {
    // expected: every bad input ends in a pathwise::Error
  }
  return 0;
}
