// Preprocessing fitted on training rows: imputation, scaling and one-hot encoding of a table's
// feature columns into a row-major float matrix. Knows nothing of targets or models.
#pragma once

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "core/matrix.h"
#include "data/table.h"

namespace pathwise {

class NumericReader;
class LevelReader;

enum class Impute { Drop, Mean, Median, MostFrequent, Constant };
enum class Scaling { ZScore, MinMax, None };

struct ColumnPreprocess {
  Impute impute = Impute::Mean;
  double constant = 0;               // fill for Impute::Constant on numeric/boolean columns
  std::string constantCategory;      // fill for Impute::Constant on categorical columns
  Scaling scaling = Scaling::ZScore; // numeric columns only
};

struct PreprocessOptions {
  Impute numericImpute = Impute::Mean;
  Impute categoricalImpute = Impute::MostFrequent;
  Scaling scaling = Scaling::ZScore;
  double constant = 0;
  std::string constantCategory = "missing";
  std::map<std::string, ColumnPreprocess> perColumn;  // overrides, by column name
};

// What a fitted feature looks like, for what-if explanations. Statistics are over the observed
// (non-missing) values of the fit rows, in raw units; booleans as 0/1; categorical: all 0.
struct FeatureInfo {
  std::string name;
  ColumnType type = ColumnType::Numeric;
  double min = 0, max = 0, mean = 0, sd = 0;  // sd: population
  std::vector<std::string> levels;            // categorical: one-hot order (sorted by text)
  ColumnPreprocess preprocess;                // the settings used
};

class Pipeline {
 public:
  // Fits on the given rows of `table` (training rows only; all when null).
  void fit(const Table& table, const std::vector<std::string>& features, const PreprocessOptions& opts,
           const std::vector<size_t>* rows = nullptr);
  // Transforms rows (all when null). Columns are found by name. With Impute::Drop, rows with a
  // missing value in such a column are skipped; keptRows receives the table indices transformed.
  MatrixF transform(const Table& table, const std::vector<size_t>* rows = nullptr,
                    std::vector<size_t>* keptRows = nullptr) const;
  // The features as floats, column after column in features() order (`rows` values each; NaN =
  // missing), written into `out` (resized): the fast path of predicting from numbers. False (out
  // unspecified) when a feature was not fitted as numeric, uses Impute::Drop, or a value overflows
  // — the caller then builds a Table and calls transform(), which reports the first bad cell.
  bool transformColumns(const float* values, size_t rows, MatrixF& out) const;
  size_t outputWidth() const { return outputSource_.size(); }
  std::vector<std::string> outputNames() const;  // "age", "Mjob=teacher", "schoolsup"
  std::vector<int> outputSource() const { return outputSource_; }  // output -> feature index
  const std::vector<std::string>& features() const { return features_; }
  const std::vector<FeatureInfo>& featureInfo() const { return info_; }
  bool fitted() const { return !features_.empty(); }

  void save(ByteWriter& w) const;
  static Pipeline load(ByteReader& r);  // BAD_MODEL_FILE on anything invalid

 private:
  // Fitted transformation of one feature: x -> (x - center) / scale, fill for missing.
  struct Fitted {
    double fill = 0;       // numeric/boolean fill value (unused with Drop)
    int fillLevel = -1;    // categorical fill: index into levels (-1 with Drop)
    double center = 0, scale = 1;
    // One numeric cell (NaN = missing) to its feature value; false when that overflows a float.
    // Every transform path goes through it, so all give the same floats.
    bool apply(double v, float& out) const {
      if (std::isnan(v)) v = fill;
      const double scaled = (v - center) / scale;
      if (!(std::fabs(scaled) <= std::numeric_limits<float>::max())) return false;
      out = static_cast<float>(scaled);
      return true;
    }
  };
  void fitFeature(const Table& table, size_t f, const std::vector<size_t>& rows);
  static void fitCategorical(const Column& col, FeatureInfo& info, Fitted& fit,
                             const std::vector<size_t>& rows);
  static void fitNumeric(const Column& col, FeatureInfo& info, Fitted& fit,
                         const std::vector<size_t>& rows);
  void rebuildOutputs();
  // transform()'s column-by-column fast path; false when it does not apply (see pipeline.cpp).
  bool transformByColumn(const std::vector<const Column*>& columns, const std::vector<size_t>& want,
                         const std::vector<LevelReader>& categorical, MatrixF& m) const;
  // Writes one output row; false when the row is skipped by Impute::Drop.
  bool transformRow(size_t row, const std::vector<NumericReader>& numeric,
                    const std::vector<LevelReader>& categorical, float* out) const;
  void loadFeature(ByteReader& r);
  std::vector<std::string> features_;
  std::vector<FeatureInfo> info_;
  std::vector<Fitted> fitted_;
  std::vector<int> outputSource_;
};

}  // namespace pathwise
