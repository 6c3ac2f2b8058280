// Numerics at the edges (issue 4): training on extreme but finite inputs (values ±1e30 reaching the
// network with scaling 'none', learning rate 10) ends with finite weights or a DIVERGED error —
// never NaN weights or NaN predictions; values that overflow after preprocessing are
// NON_FINITE_VALUE naming column and row.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "api/model.h"
#include "core/error.h"

using namespace pathwise;

namespace {

// 40 rows: x alternates between -1e30·k and +1e30·k, y = x > 0, plus a small normal column.
Table extremeTable(double magnitude) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 40; ++i) {
    const bool pos = i % 2 == 0;
    const double x = (pos ? 1 : -1) * magnitude * (1 + i % 5);
    rows.push_back({std::to_string(x), std::to_string(i % 7), pos ? "yes" : "no"});
  }
  return Table::fromRows({"x", "small", "y"}, rows);
}

bool weightsFinite(const Mlp<float>& net) {
  for (const auto& l : net.layers())
    if (!l.W.allFinite() || !l.b.allFinite()) return false;
  return true;
}

ModelOptions extremeOptions(TrainOptions::Optimizer opt, double clipNorm) {
  ModelOptions o;
  o.target = {"y", Task::Auto, "yes"};
  o.preprocess.scaling = Scaling::None;
  o.train.hidden = {4};
  o.train.epochs = 5;
  o.train.batchSize = 8;
  o.train.learningRate = 10;
  o.train.optimizer = opt;
  o.train.clipNorm = clipNorm;
  o.train.validationSplit = 0;
  return o;
}

// Outcome of one training run: "finite" (trained, finite weights and predictions) or the error code.
std::string outcome(const Table& t, const ModelOptions& o) {
  try {
    const Model m = Model::train(t, o);
    if (!weightsFinite(m.net())) return "NaN weights";
    const Predictions p = m.predict(t);
    if (!p.values.allFinite()) return "NaN predictions";
    return "finite";
  } catch (const Error& e) {
    return e.codeName();
  }
}

}  // namespace

TEST(Numerics, SgdWithHugeInputsAndLearningRate10Diverges) {
  EXPECT_EQ(outcome(extremeTable(1e30), extremeOptions(TrainOptions::Optimizer::Sgd, 0)), "DIVERGED");
}

TEST(Numerics, AdamWithHugeInputsAndLearningRate10NeverGivesNaN) {
  const std::string r = outcome(extremeTable(1e30), extremeOptions(TrainOptions::Optimizer::Adam, 0));
  EXPECT_TRUE(r == "finite" || r == "DIVERGED" || r == "NON_FINITE_VALUE") << r;
}

TEST(Numerics, ClippedSgdWithHugeInputsNeverGivesNaN) {
  const std::string r = outcome(extremeTable(1e30), extremeOptions(TrainOptions::Optimizer::Sgd, 1.0));
  EXPECT_TRUE(r == "finite" || r == "DIVERGED" || r == "NON_FINITE_VALUE") << r;
}

TEST(Numerics, ModerateInputsWithZScoreTrainFinite) {
  ModelOptions o = extremeOptions(TrainOptions::Optimizer::Adam, 0);
  o.preprocess.scaling = Scaling::ZScore;  // the scaler brings ±1e30 back to ~±1
  o.train.learningRate = 0.01;
  EXPECT_EQ(outcome(extremeTable(1e30), o), "finite");
}

TEST(Numerics, ValueFarOutsideTheFittedRangeIsNonFiniteNamingColumnAndRow) {
  // Fitted on a nearly constant column (sd ~ 1e-7), asked about 1e38: the scaled value overflows.
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 20; ++i) rows.push_back({i % 2 ? "1" : "1.0000001", i % 2 ? "yes" : "no"});
  ModelOptions o;
  o.target = {"y", Task::Auto, "yes"};
  o.train.hidden = {2};
  o.train.epochs = 1;
  o.train.validationSplit = 0;
  const Model m = Model::train(Table::fromRows({"x", "y"}, rows), o);
  const Table probe = Table::fromRows({"x", "y"}, {{"1", "yes"}, {"3e38", "no"}});
  try {
    m.predict(probe);
    FAIL() << "expected NON_FINITE_VALUE";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NON_FINITE_VALUE);
    EXPECT_NE(e.detail().find("column 'x' row 2"), std::string::npos) << e.detail();
  }
}

TEST(Numerics, HugeImputeConstantIsNonFiniteNotAnInfiniteFeature) {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 20; ++i) rows.push_back({i == 3 ? "NA" : std::to_string(i), i % 2 ? "yes" : "no"});
  ModelOptions o;
  o.target = {"y", Task::Auto, "yes"};
  o.preprocess.numericImpute = Impute::Constant;
  o.preprocess.constant = 1e300;
  o.preprocess.scaling = Scaling::None;
  o.train.hidden = {2};
  o.train.epochs = 1;
  try {
    Model::train(Table::fromRows({"x", "y"}, rows), o);
    FAIL() << "expected NON_FINITE_VALUE";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NON_FINITE_VALUE);
    EXPECT_NE(e.detail().find("column 'x' row 4"), std::string::npos) << e.detail();
  }
}

TEST(Numerics, OverflowingGradientOnTheLastBatchIsDivergedNotNaNWeights) {
  // One batch, one epoch, raw inputs ~3e19: the loss is still finite but the gradient overflows,
  // so the single update would leave non-finite weights with no later batch to notice.
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 16; ++i) rows.push_back({std::to_string(3e19 * (1 + i % 4)), std::to_string(i * 0.37)});
  for (auto opt : {TrainOptions::Optimizer::Sgd, TrainOptions::Optimizer::Adam}) {
    ModelOptions o;
    o.target = {"y", Task::Regression, ""};
    o.preprocess.scaling = Scaling::None;
    o.train.hidden = {};
    o.train.epochs = 1;
    o.train.batchSize = 64;
    o.train.l2 = 0;
    o.train.learningRate = 10;
    o.train.optimizer = opt;
    o.train.validationSplit = 0;
    EXPECT_EQ(outcome(Table::fromRows({"x", "y"}, rows), o), "DIVERGED");
  }
}
