// Explanations of a tabular pathwise::Model: per-row Integrated Gradients summed back to the
// original columns, global permutation importance, and one-step what-if changes of actionable
// columns. Depends on api/ (Model) only; knows nothing of JS.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "api/model.h"
#include "core/matrix.h"
#include "data/table.h"

namespace pathwise {

// ---- Integrated Gradients ------------------------------------------------------------------

struct ExplainOptions {
  // Riemann-trapezoid steps along the path. 0 = auto: 64, doubled until completeness holds
  // (|Σ contributions − (prediction − baseline prediction)| ≤ max(1 % of the difference, 0.002)),
  // at most 4096. > 0: exactly that many (no completeness loop).
  int steps = 0;
  // The output explained. Binary: −1 or 1 = P(positive class), 0 = P(other class). Multiclass:
  // −1 = the row's predicted class, else a class index. Regression: ignored (the value).
  int classIndex = -1;
  // Rows whose one-hot level frequencies form the baseline of categorical columns (the fitted
  // pipeline does not store them): pass the training table to get the training distribution's
  // mean point. nullptr: each level weighs 1/L. Numeric and boolean parts never use it.
  const Table* background = nullptr;
};

struct Explanation {
  std::vector<std::string> columns;   // the model's feature columns, in training order
  std::vector<std::string> values;    // the row's cell text per column ("" = missing)
  std::vector<double> contributions;  // per column, signed, in output units
  double prediction = 0;              // P(explained class), or the value in target units
  double baselinePrediction = 0;      // the same at the baseline point
  int classIndex = 0;                 // class explained (0 for regression)
  std::string output;                 // its label (regression: the target column)
  int steps = 0;
  double completenessError = 0;       // |Σ contributions − (prediction − baselinePrediction)|
};

// Integrated Gradients of the model's output for data row `row` (0-based) of `table`, against the
// baseline below, with each one-hot block summed back to its column.
// Baseline (explainBaseline), in the pipeline's output space: numeric → the training mean passed
// through the fitted imputer/scaler (0 under z-score with mean imputation); boolean → its training
// mean (share of true); categorical → level frequencies of options.background, or 1/L each.
// Errors: SHAPE_MISMATCH (row out of range), BAD_OPTION (steps, classIndex, a row skipped by
// impute 'drop'), SCHEMA_MISMATCH (missing feature column).
Explanation explain(const Model& model, const Table& table, size_t row, const ExplainOptions& options = {});

// The baseline point (1 × pipeline output width).
RowVector<float> explainBaseline(const Model& model, const Table* background);

// Regression targets are standardised for training: value = net · scale + offset. Recovered from
// the model's own predictions on probe points (identity for classification).
struct OutputMap {
  double scale = 1, offset = 0;
};
OutputMap outputMap(const Model& model);

// ---- Permutation importance ----------------------------------------------------------------

struct ImportanceOptions {
  int repeats = 5;     // permutations per column (≥ 1)
  uint64_t seed = 1;
};

struct ColumnImportance {
  std::string column;
  double mean = 0, sd = 0;     // drop of the metric over repeats (sd: population, as scikit-learn)
  std::vector<double> drops;   // one per repeat
};

struct Importance {
  std::string metric;   // "rocAuc" (binary), "accuracy" (multiclass), "r2" (regression)
  double baseline = 0;  // metric on the unpermuted table
  std::vector<ColumnImportance> columns;  // sorted by mean drop, largest first (ties: feature order)
};

// Drop of the metric when one feature column's cells are shuffled across the table's rows
// (seeded, pathwise::Rng), for every feature column. The table needs the target column.
// Errors: BAD_OPTION (repeats), SINGLE_CLASS_TARGET (binary with one class present), evaluate's.
Importance importance(const Model& model, const Table& table, const ImportanceOptions& options = {});

// A copy of the table with column `col`'s cells reordered: new cell i = old cell perm[i].
Table permuteColumn(const Table& table, size_t col, const std::vector<size_t>& perm);

// ---- What-if -------------------------------------------------------------------------------

struct WhatIfOptions {
  std::vector<std::string> actionable;  // feature columns a student can change; empty = all
  int classIndex = -1;   // as ExplainOptions::classIndex
  bool increase = true;  // helpful = raises the output (false: lowers it, e.g. a risk class)
};

struct WhatIfChange {
  std::string column;
  std::string from, to;   // cell text ("" = missing); to == from when no step is possible
  double before = 0, after = 0;
  double gain = 0;        // after − before (increase) or before − after; best of the tried steps
};

// For each actionable column, one realistic step from the row's value, keeping the better:
// numeric ±1 sd (rounded to a whole step, at least 1, when the column holds integers) clipped to
// the observed training [min, max] (a missing value starts from the training mean); categorical:
// every other training level; boolean: the other value. Never leaves the observed range.
// Sorted by gain, largest first. Errors: BAD_OPTION (a column that is not a feature, dropped row),
// SHAPE_MISMATCH (row out of range).
std::vector<WhatIfChange> whatIf(const Model& model, const Table& table, size_t row,
                                 const WhatIfOptions& options = {});

// ---- shared by the files above -------------------------------------------------------------

// The output of the model a row is judged by: resolves classIndex (BAD_OPTION when out of range);
// for multiclass −1 needs the row's class probabilities.
int resolveClassIndex(const Model& model, int classIndex, const double* rowProbabilities);
// Score of prediction row i for the resolved class (binary: P(class), multiclass: P(class),
// regression: value).
double predictionScore(const Predictions& p, Eigen::Index i, int classIndex);
// SHAPE_MISMATCH unless row < table.rows() (message with the 1-based row).
void checkRow(const Table& table, size_t row);

}  // namespace pathwise
