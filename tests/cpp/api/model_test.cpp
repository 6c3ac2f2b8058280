// Tests for the estimator (cpp/api/model.h): training from a table, prediction, evaluation,
// reproducibility, the steppable session, class weights and option/data errors.
#include <gtest/gtest.h>

#include <cmath>

#include "api/model.h"
#include "core/rng.h"
#include "core/text.h"
#include "support/test_csv.h"

using namespace pathwise;

namespace {

// Two noisy clusters: x1,x2 numeric, a categorical column that carries signal, label yes/no.
Table clusters(size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<std::string> header{"x1", "x2", "colour", "label"};
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < n; ++i) {
    const bool pos = rng.uniform() < 0.4;
    const double cx = pos ? 1.5 : -1.5;
    const double x1 = cx + rng.uniform(-1.2, 1.2), x2 = rng.uniform(-3, 3);
    const char* colour = rng.uniform() < (pos ? 0.7 : 0.3) ? "red" : "blue";
    rows.push_back({std::to_string(x1), std::to_string(x2), colour, pos ? "yes" : "no"});
  }
  return Table::fromRows(header, rows);
}

ModelOptions smallOptions() {
  ModelOptions o;
  o.target.column = "label";
  o.train.hidden = {16, 8};
  o.train.epochs = 60;
  o.train.seed = 7;
  return o;
}

}  // namespace

TEST(Model, LearnsSeparableClustersAndPredictsLabels) {
  const Table train = clusters(400, 1), test = clusters(200, 2);
  const Model m = Model::train(train, smallOptions());
  EXPECT_EQ(m.task(), Task::Binary);
  const Evaluation e = m.evaluate(test);
  EXPECT_EQ(e.rows, 200u);
  EXPECT_GT(e.classification.accuracy, 0.95);
  EXPECT_GT(e.classification.rocAuc, 0.98);
  const Predictions p = m.predict(test);
  ASSERT_EQ(p.values.rows(), 200);
  ASSERT_EQ(p.values.cols(), 2);
  for (Eigen::Index i = 0; i < p.values.rows(); ++i) {
    EXPECT_NEAR(p.values(i, 0) + p.values(i, 1), 1.0, 1e-6);
    EXPECT_EQ(p.labels[i], p.values(i, 1) >= 0.5 ? "yes" : "no");
  }
}

TEST(Model, SameSeedGivesBitIdenticalModelsAndDifferentSeedDiffers) {
  const Table t = clusters(200, 3);
  ModelOptions o = smallOptions();
  o.train.epochs = 5;
  const auto a = Model::train(t, o).save(), b = Model::train(t, o).save();
  EXPECT_EQ(a, b);
  o.train.seed = 8;
  EXPECT_NE(a, Model::train(t, o).save());
}

TEST(Model, SessionStepsReportEveryEpochAndMatchOneShotTraining) {
  const Table t = clusters(150, 4);
  ModelOptions o = smallOptions();
  o.train.epochs = 6;
  o.train.patience = 0;
  TrainingSession s(t, o);
  std::vector<EpochReport> seen;
  while (!s.step(3))
    for (auto& e : s.takeEpochs()) seen.push_back(e);
  for (auto& e : s.takeEpochs()) seen.push_back(e);
  ASSERT_EQ(seen.size(), 6u);
  for (int i = 0; i < 6; ++i) EXPECT_EQ(seen[i].epoch, i + 1);
  EXPECT_EQ(s.finish().save(), Model::train(t, o).save());
}

TEST(Model, CancellationThrowsCancelled) {
  const Table t = clusters(150, 5);
  TrainControl c;
  int calls = 0;
  c.cancelled = [&] { return ++calls > 3; };
  try {
    Model::train(t, smallOptions(), c);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::CANCELLED);
  }
}

TEST(Model, RegressionPredictsInOriginalUnits) {
  Rng rng(9);
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 300; ++i) {
    const double x = rng.uniform(0, 10);
    rows.push_back({std::to_string(x), std::to_string(100 + 5 * x)});
  }
  const Table t = Table::fromRows({"x", "y"}, rows);
  ModelOptions o;
  o.target = {"y", Task::Regression, ""};
  o.train.hidden = {16};
  o.train.epochs = 200;
  o.train.learningRate = 0.01;
  const Model m = Model::train(t, o);
  const Evaluation e = m.evaluate(t);
  EXPECT_GT(e.regression.r2, 0.99);
  EXPECT_LT(e.regression.mae, 2.0);  // the target spans 100..150
}

TEST(Model, MulticlassUsesSoftmaxOverAllLabels) {
  Rng rng(11);
  std::vector<std::vector<std::string>> rows;
  const char* names[3] = {"A", "B", "C"};
  for (int i = 0; i < 450; ++i) {
    const int c = i % 3;
    rows.push_back({std::to_string(c * 3 + rng.uniform(-1, 1)), std::to_string(rng.uniform(-1, 1)), names[c]});
  }
  const Table t = Table::fromRows({"a", "b", "grade"}, rows);
  ModelOptions o;
  o.target.column = "grade";
  o.train.hidden = {16};
  o.train.epochs = 80;
  const Model m = Model::train(t, o);
  EXPECT_EQ(m.task(), Task::Multiclass);
  EXPECT_EQ(m.target().classes(), (std::vector<std::string>{"A", "B", "C"}));
  EXPECT_GT(m.evaluate(t).classification.accuracy, 0.95);
}

TEST(Model, BalancedClassWeightsFollowScikitLearnFormula) {
  // 6 rows of class 0, 2 of class 1: n/(k·count) = 8/12 and 8/4.
  std::vector<float> y{0, 0, 0, 0, 0, 0, 1, 1};
  std::vector<std::vector<std::string>> rows;
  for (float v : y) rows.push_back({v ? "yes" : "no"});
  const Table t = Table::fromRows({"label"}, rows);
  TargetEncoder enc;
  enc.fit(t, {"label", Task::Auto, ""});
  ClassWeightSpec spec;
  spec.kind = ClassWeightSpec::Kind::Balanced;
  const auto w = classWeights(enc.encode(t), enc, spec);
  EXPECT_FLOAT_EQ(w[0], 8.0f / 12.0f);
  EXPECT_FLOAT_EQ(w[7], 2.0f);
}

TEST(Model, DataAndOptionErrorsHaveCodes) {
  const Table t = clusters(50, 6);
  auto codeOf = [&](ModelOptions o) {
    try {
      Model::train(t, o);
    } catch (const Error& e) {
      return std::string(e.codeName());
    }
    return std::string("none");
  };
  ModelOptions o = smallOptions();
  o.target.column = "nope";
  EXPECT_EQ(codeOf(o), "UNKNOWN_COLUMN");
  o = smallOptions();
  o.exclude = {"ghost"};
  EXPECT_EQ(codeOf(o), "UNKNOWN_COLUMN");
  o = smallOptions();
  o.exclude = {"x1", "x2", "colour"};
  EXPECT_EQ(codeOf(o), "EMPTY_DATA");
  o = smallOptions();
  o.train.epochs = 0;
  EXPECT_EQ(codeOf(o), "BAD_OPTION");
  o = smallOptions();
  o.train.hidden = {0};
  EXPECT_EQ(codeOf(o), "BAD_OPTION");
  o = smallOptions();
  o.target.positive = "x1 >= 1";  // rule names another column than the target
  EXPECT_EQ(codeOf(o), "BAD_RULE");
}

TEST(Model, PredictNeedsTheFeatureColumnsByName) {
  const Table t = clusters(100, 7);
  const Model m = Model::train(t, smallOptions());
  const Table missing = Table::fromRows({"x1", "colour"}, {{"1.0", "red"}});
  try {
    m.predict(missing);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::SCHEMA_MISMATCH);
    EXPECT_NE(std::string(e.what()).find("x2"), std::string::npos);
  }
  // Other order, extra column, no target: fine.
  const Table reordered = Table::fromRows({"extra", "colour", "x2", "x1"}, {{"z", "red", "0.5", "2.0"}});
  EXPECT_EQ(m.predict(reordered).labels.size(), 1u);
}

// predictColumns (features as floats, column after column) = predict(Table) of the same values:
// bit-identical on numeric features (the direct transform) with missing values (NaN), and through
// the Table fallback for a categorical feature; errors as for the table.
TEST(Model, PredictColumnsEqualsPredictOnATable) {
  const auto check = [](const Model& m, const std::vector<float>& values, size_t rows) {
    const std::vector<std::string>& features = m.pipeline().features();
    std::vector<std::vector<std::string>> cells(rows);
    for (size_t i = 0; i < rows; ++i)
      for (size_t c = 0; c < features.size(); ++c) {
        const float v = values[c * rows + i];
        cells[i].push_back(std::isnan(v) ? "" : formatG(v, 17));  // the float exactly
      }
    const Predictions want = m.predict(Table::fromRows(features, cells));
    const Predictions got = m.predictColumns(values.data(), rows);
    ASSERT_EQ(got.rows, want.rows);
    ASSERT_EQ(got.labelIndex, want.labelIndex);
    ASSERT_EQ(got.values.rows(), want.values.rows());
    for (Eigen::Index i = 0; i < got.values.size(); ++i) ASSERT_EQ(got.values.data()[i], want.values.data()[i]);
  };
  ModelOptions numeric = smallOptions();
  numeric.features = {"x1", "x2"};
  const Model m = Model::train(clusters(300, 3), numeric);
  Rng rng(4);
  std::vector<float> values(2 * 50);
  for (float& v : values) v = rng.uniform() < 0.1 ? NAN : static_cast<float>(rng.uniform(-3, 3));
  check(m, values, 50);
  check(m, {0.25f, -1.5f}, 1);
  // An overflowing value: the Table path's error, with its row number.
  const std::vector<float> huge{1.f, 3e38f, 0.f, 0.f};
  try {
    m.predictColumns(huge.data(), 2);
    FAIL() << "expected NON_FINITE_VALUE";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NON_FINITE_VALUE);
    EXPECT_NE(std::string(e.what()).find("row 2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(m.predictColumns(values.data(), 0), Error);  // no rows: EMPTY_DATA, as for a table
  // A categorical feature ('colour' given as numbers 0/1 matches no level): the Table fallback.
  ModelOptions mixed = smallOptions();
  mixed.features = {"x1", "colour"};
  const Model c = Model::train(clusters(300, 5), mixed);
  check(c, {0.5f, -0.5f, 1.f, 0.f}, 2);
}
