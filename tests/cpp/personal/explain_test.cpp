// Tests for cpp/personal/explain.h: Integrated Gradients completeness (binary, multiclass,
// regression) and exact values on a linear model, the baseline, permutation importance of a
// planted column, and what-if steps that stay inside the observed range.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "core/rng.h"
#include "personal/explain.h"

using namespace pathwise;

namespace {

const char* colourOf(double u) { return u < 0.4 ? "red" : u < 0.7 ? "green" : "blue"; }

// Students: studytime (1–4, helps), absences (0–30, hurts), noise, colour (red helps a little),
// paid (yes helps a little); label pass/fail.
Table studentTable(size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < n; ++i) {
    const int study = 1 + static_cast<int>(rng.below(4));
    const int absences = static_cast<int>(rng.below(31));
    const double noise = rng.uniform(-5, 5);
    const char* colour = colourOf(rng.uniform());
    const bool paid = rng.uniform() < 0.5;
    const double z = 1.6 * (study - 2.5) - 0.12 * (absences - 15) + (colour[0] == 'r' ? 0.6 : 0) +
                     (paid ? 0.5 : 0) + rng.uniform(-1, 1);
    rows.push_back({std::to_string(study), std::to_string(absences), std::to_string(noise), colour,
                    paid ? "yes" : "no", z > 0 ? "pass" : "fail"});
  }
  return Table::fromRows({"studytime", "absences", "noise", "colour", "paid", "result"}, rows);
}

// Three grades from x and colour.
Table gradeTable(size_t n, uint64_t seed) {
  Rng rng(seed);
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < n; ++i) {
    const double x = rng.uniform(-3, 3), w = rng.uniform(-1, 1);
    const char* colour = colourOf(rng.uniform());
    const double z = x + (colour[0] == 'b' ? 1.0 : 0) + 0.3 * w;
    rows.push_back({std::to_string(x), std::to_string(w), colour, z < -0.8 ? "C" : z < 1.0 ? "B" : "A"});
  }
  return Table::fromRows({"x", "w", "colour", "grade"}, rows);
}

// A value in large units (so a missed target de-standardisation would show): 50 + 8a − 3b + 5·red.
Table scoreTable(size_t n, uint64_t seed, bool withColour) {
  Rng rng(seed);
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < n; ++i) {
    const double a = rng.uniform(-2, 2), b = rng.uniform(0, 4);
    const char* colour = colourOf(rng.uniform());
    const double y = 50 + 8 * a - 3 * b + (withColour && colour[0] == 'r' ? 5 : 0) + rng.uniform(-0.5, 0.5);
    rows.push_back({std::to_string(a), std::to_string(b), colour, std::to_string(y)});
  }
  return Table::fromRows({"a", "b", "colour", "score"}, rows);
}

ModelOptions optionsFor(const std::string& target, Task task = Task::Auto) {
  ModelOptions o;
  o.target.column = target;
  o.target.task = task;
  o.train.hidden = {16, 8};
  o.train.epochs = 60;
  o.train.seed = 7;
  return o;
}

void expectComplete(const Explanation& e) {
  double sum = 0;
  for (double c : e.contributions) sum += c;
  const double diff = e.prediction - e.baselinePrediction;
  EXPECT_LE(std::abs(sum - diff), std::max(0.01 * std::abs(diff), 0.002))
      << "sum " << sum << " prediction " << e.prediction << " baseline " << e.baselinePrediction;
  EXPECT_NEAR(e.completenessError, std::abs(sum - diff), 1e-9);
  EXPECT_LE(e.steps, 4096);
}

const Model& studentModel() {
  static const Model m = Model::train(studentTable(500, 1), optionsFor("result"));
  return m;
}

}  // namespace

TEST(Explain, BinaryContributionsSumToPredictionMinusBaseline) {
  const Model& m = studentModel();
  const Table test = studentTable(30, 2);
  const Predictions p = m.predict(test);
  for (size_t r = 0; r < test.rows(); ++r) {
    const Explanation e = explain(m, test, r);
    expectComplete(e);
    EXPECT_NEAR(e.prediction, p.values(static_cast<Eigen::Index>(r), 1), 1e-5);  // P(pass)
    EXPECT_EQ(e.output, "pass");
    ASSERT_EQ(e.columns, (std::vector<std::string>{"studytime", "absences", "noise", "colour", "paid"}));
    EXPECT_EQ(e.values[0], test.cellText(0, r));
  }
}

TEST(Explain, BinaryOtherClassIsTheMirrorImage) {
  const Model& m = studentModel();
  const Table test = studentTable(5, 3);
  ExplainOptions neg;
  neg.classIndex = 0;
  neg.steps = 256;
  ExplainOptions pos = neg;
  pos.classIndex = 1;
  const Explanation a = explain(m, test, 0, pos), b = explain(m, test, 0, neg);
  EXPECT_EQ(b.output, "fail");
  EXPECT_NEAR(a.prediction + b.prediction, 1.0, 1e-6);
  for (size_t c = 0; c < a.contributions.size(); ++c) EXPECT_NEAR(a.contributions[c], -b.contributions[c], 1e-6);
}

TEST(Explain, MulticlassCompletenessForThePredictedClass) {
  const Model m = Model::train(gradeTable(500, 4), optionsFor("grade"));
  ASSERT_EQ(m.task(), Task::Multiclass);
  const Table test = gradeTable(25, 5);
  const Predictions p = m.predict(test);
  for (size_t r = 0; r < test.rows(); ++r) {
    const Explanation e = explain(m, test, r);
    expectComplete(e);
    EXPECT_EQ(e.output, p.labels[r]);
    EXPECT_NEAR(e.prediction, p.values(static_cast<Eigen::Index>(r), e.classIndex), 1e-5);
  }
}

TEST(Explain, RegressionCompletenessInTargetUnits) {
  const Model m = Model::train(scoreTable(500, 6, true), optionsFor("score"));
  ASSERT_EQ(m.task(), Task::Regression);
  const Table test = scoreTable(25, 7, true);
  const Predictions p = m.predict(test);
  for (size_t r = 0; r < test.rows(); ++r) {
    const Explanation e = explain(m, test, r);
    expectComplete(e);
    EXPECT_NEAR(e.prediction, p.values(static_cast<Eigen::Index>(r), 0), 1e-3);
  }
}

TEST(Explain, BaselineIsTheTrainingMeanPoint) {
  // Numeric features only: the baseline is the row of training means, which predict() can score.
  ModelOptions o = optionsFor("score");
  o.exclude = {"colour"};
  const Table train = scoreTable(400, 8, false);
  const Model m = Model::train(train, o);
  const auto& info = m.pipeline().featureInfo();
  const Table meanRow = Table::fromRows({"a", "b"}, {{std::to_string(info[0].mean), std::to_string(info[1].mean)}});
  const Explanation e = explain(m, scoreTable(3, 9, false), 0);
  EXPECT_NEAR(e.baselinePrediction, m.predict(meanRow).values(0, 0), 1e-3);
  EXPECT_NEAR(info[0].mean, 0.0, 0.3);  // uniform(-2, 2)
  const RowVector<float> b = explainBaseline(m, nullptr);
  EXPECT_NEAR(b(0), 0.0, 1e-5);  // z-scored mean
  EXPECT_NEAR(b(1), 0.0, 1e-5);
}

TEST(Explain, CategoricalBaselineUsesBackgroundFrequenciesElseUniform) {
  const Table train = studentTable(500, 1);
  const Model& m = studentModel();
  const auto names = m.pipeline().outputNames();  // studytime absences noise colour=blue/green/red paid
  ASSERT_EQ(names[3], "colour=blue");
  const RowVector<float> uniform = explainBaseline(m, nullptr), freq = explainBaseline(m, &train);
  int red = 0, paid = 0;
  for (size_t r = 0; r < train.rows(); ++r) {
    red += train.cellText(3, r) == "red";
    paid += train.cellText(4, r) == "yes";
  }
  for (int k = 3; k < 6; ++k) EXPECT_NEAR(uniform(k), 1.0 / 3, 1e-6);
  EXPECT_NEAR(freq(5), red / 500.0, 1e-6);  // colour=red, all 500 rows as background
  // Boolean: its training mean (the fit rows are 80 % of the table: validation split).
  EXPECT_NEAR(uniform(6), m.pipeline().featureInfo()[4].mean, 1e-6);
  EXPECT_NEAR(uniform(6), paid / 500.0, 0.05);
}

TEST(Explain, LinearModelContributionsEqualExactValueChanges) {
  // No hidden layer: IG is exact, contribution of a = f(row) − f(row with a at its training mean).
  ModelOptions o = optionsFor("score");
  o.exclude = {"colour"};
  o.train.hidden = {};
  o.train.learningRate = 0.01;
  const Model m = Model::train(scoreTable(400, 10, false), o);
  const Table test = scoreTable(5, 11, false);
  const double meanA = m.pipeline().featureInfo()[0].mean;
  for (size_t r = 0; r < test.rows(); ++r) {
    const Explanation e = explain(m, test, r);
    const Table moved = Table::fromRows({"a", "b"}, {{std::to_string(meanA), test.cellText(1, r)}});
    const Table same = Table::fromRows({"a", "b"}, {{test.cellText(0, r), test.cellText(1, r)}});
    const double expected = m.predict(same).values(0, 0) - m.predict(moved).values(0, 0);
    EXPECT_NEAR(e.contributions[0], expected, 1e-3);
    EXPECT_EQ(e.steps, 64);  // completeness holds at once for a linear function
    // and it learned the planted slope 8 (in raw units, through the de-standardisation)
    EXPECT_NEAR(e.contributions[0] / (std::stod(test.cellText(0, r)) - meanA), 8.0, 0.5);
  }
}

TEST(Explain, RejectsBadRowsAndOptions) {
  const Model& m = studentModel();
  const Table test = studentTable(3, 12);
  try {
    explain(m, test, 3);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::SHAPE_MISMATCH);
    EXPECT_NE(e.detail().find("row 4"), std::string::npos);
  }
  ExplainOptions bad;
  bad.classIndex = 2;
  EXPECT_THROW(explain(m, test, 0, bad), Error);
  bad = {};
  bad.steps = -1;
  EXPECT_THROW(explain(m, test, 0, bad), Error);
}

TEST(Importance, RanksThePlantedColumnFirstAndIsSeeded) {
  const Model& m = studentModel();
  const Table test = studentTable(300, 13);
  ImportanceOptions o;
  o.repeats = 3;
  o.seed = 5;
  const Importance imp = importance(m, test, o);
  EXPECT_EQ(imp.metric, "rocAuc");
  EXPECT_DOUBLE_EQ(imp.baseline, m.evaluate(test).classification.rocAuc);
  ASSERT_EQ(imp.columns.size(), 5u);
  EXPECT_EQ(imp.columns[0].column, "studytime");
  EXPECT_GT(imp.columns[0].mean, 0.1);
  for (const auto& c : imp.columns) {
    ASSERT_EQ(c.drops.size(), 3u);
    if (c.column == "noise") {
      EXPECT_LT(std::abs(c.mean), 0.03);
    }
  }
  const Importance again = importance(m, test, o);
  for (size_t i = 0; i < imp.columns.size(); ++i) EXPECT_EQ(again.columns[i].drops, imp.columns[i].drops);
  o.repeats = 0;
  EXPECT_THROW(importance(m, test, o), Error);
}

TEST(Importance, PermuteColumnShufflesOneColumnOnly) {
  const Table t = studentTable(20, 14);
  std::vector<size_t> perm(20);
  for (size_t i = 0; i < 20; ++i) perm[i] = (i * 7) % 20;
  const Table p = permuteColumn(t, 3, perm);
  for (size_t r = 0; r < 20; ++r) {
    EXPECT_EQ(p.cellText(3, r), t.cellText(3, perm[r]));
    EXPECT_EQ(p.cellText(0, r), t.cellText(0, r));
    EXPECT_EQ(p.cellText(5, r), t.cellText(5, r));
  }
}

TEST(WhatIf, NeverLeavesTheObservedRange) {
  const Model& m = studentModel();
  // Rows at and beyond the extremes: studytime 1 and 4, absences 0, 30 and an unseen 45.
  const Table t = Table::fromRows({"studytime", "absences", "noise", "colour", "paid"},
                                  {{"1", "0", "-4.9", "red", "no"},
                                   {"4", "30", "4.9", "blue", "yes"},
                                   {"4", "45", "0", "green", ""},
                                   {"2", "", "9", "purple", "no"}});
  const auto& info = m.pipeline().featureInfo();
  for (size_t r = 0; r < t.rows(); ++r) {
    const auto changes = whatIf(m, t, r);
    ASSERT_EQ(changes.size(), 5u);
    for (size_t i = 0; i < changes.size(); ++i) {
      const WhatIfChange& c = changes[i];
      if (i > 0) {
        EXPECT_GE(changes[i - 1].gain, c.gain);
      }
      EXPECT_NEAR(c.gain, c.after - c.before, 1e-12);
      const FeatureInfo& f = *std::find_if(info.begin(), info.end(), [&](const FeatureInfo& x) { return x.name == c.column; });
      if (f.type == ColumnType::Numeric) {
        const double to = std::stod(c.to);
        EXPECT_GE(to, f.min) << c.column << " row " << r;
        EXPECT_LE(to, f.max) << c.column << " row " << r;
      } else if (f.type == ColumnType::Categorical) {
        EXPECT_NE(std::find(f.levels.begin(), f.levels.end(), c.to), f.levels.end());
      }
    }
  }
  // studytime 4 is the maximum: the only step is down to 3.
  for (const auto& c : whatIf(m, t, 1, {{"studytime"}}))
    EXPECT_EQ(c.to, "3");
}

TEST(WhatIf, MoreStudyTimeRaisesThePassProbability) {
  const Model& m = studentModel();
  const Table t = Table::fromRows({"studytime", "absences", "noise", "colour", "paid"},
                                  {{"2", "15", "0", "green", "no"}});
  WhatIfOptions o;
  o.actionable = {"studytime", "absences"};
  const auto changes = whatIf(m, t, 0, o);
  ASSERT_EQ(changes.size(), 2u);
  const double before = m.predict(t).values(0, 1);
  for (const auto& c : changes) {
    EXPECT_NEAR(c.before, before, 1e-6);
    EXPECT_GT(c.gain, 0) << c.column;
    if (c.column == "studytime") {  // sd ≈ 1.1 → one whole step up
      EXPECT_EQ(c.to, "3");
    }
    if (c.column == "absences") {  // fewer absences
      EXPECT_LT(std::stod(c.to), 15);
    }
  }
  // An independent check of `after`: predict the changed row directly.
  const auto& s = changes[0].column == "studytime" ? changes[0] : changes[1];
  const Table moved = Table::fromRows({"studytime", "absences", "noise", "colour", "paid"},
                                      {{s.to, "15", "0", "green", "no"}});
  EXPECT_NEAR(s.after, m.predict(moved).values(0, 1), 1e-6);
  o.increase = false;  // lowering the pass probability: study less, miss more
  for (const auto& c : whatIf(m, t, 0, o)) {
    if (c.column == "studytime") {
      EXPECT_EQ(c.to, "1");
    }
    EXPECT_NEAR(c.gain, c.before - c.after, 1e-12);
  }
  o.actionable = {"result"};
  EXPECT_THROW(whatIf(m, t, 0, o), Error);
}
