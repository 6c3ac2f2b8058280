// Tests for the attempt log and the causal knowledge-tracing features: hand-checked values on a
// tiny log, the no-look-ahead property, difficulty smoothing and validation errors.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "core/error.h"
#include "personal/attempt_log.h"
#include "personal/mastery_features.h"

using namespace pathwise;

namespace {

// Student a: add 1, add 0, mul 1, add 1 ; student b: add 0 (rows interleaved, order given).
AttemptLog tinyLog() {
  return AttemptLog::fromColumns({"a", "b", "a", "a", "a"}, {"add", "add", "add", "mul", "add"},
                                 {1, 0, 0, 1, 1}, {}, {1, 1, 2, 3, 4});
}

ErrorCode codeOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::INTERNAL;
}

}  // namespace

TEST(AttemptLog, SortsStablyByStudentThenOrder) {
  AttemptLog log = AttemptLog::fromColumns({"b", "a", "b", "a"}, {"x", "x", "y", "y"}, {1, 0, 0, 1},
                                           {}, {5, 9, 2, 1});
  ASSERT_EQ(log.size(), 4u);
  // Students in first-seen order: b (rows 3, 1 by order), then a (rows 4, 2).
  EXPECT_EQ(log.sourceRow(0), 2u);
  EXPECT_EQ(log.sourceRow(1), 0u);
  EXPECT_EQ(log.sourceRow(2), 3u);
  EXPECT_EQ(log.sourceRow(3), 1u);
  EXPECT_EQ(log.studentRanges()[0], std::make_pair(size_t{0}, size_t{2}));
  EXPECT_EQ(log.studentRanges()[1], std::make_pair(size_t{2}, size_t{4}));
  // Without order: file order within a student.
  AttemptLog noOrder = AttemptLog::fromColumns({"b", "a", "b"}, {"x", "x", "y"}, {1, 0, 0});
  EXPECT_EQ(noOrder.sourceRow(0), 0u);
  EXPECT_EQ(noOrder.sourceRow(1), 2u);
  EXPECT_EQ(noOrder.sourceRow(2), 1u);
}

TEST(AttemptLog, ValidatesInput) {
  EXPECT_EQ(codeOf([] { AttemptLog::fromColumns({}, {}, {}); }), ErrorCode::EMPTY_DATA);
  try {
    AttemptLog::fromColumns({"a", "a", "a"}, {"x", "x", "x"}, {1, 2, 0});
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NON_NUMERIC_VALUE);
    EXPECT_NE(e.detail().find("row 2"), std::string::npos) << e.detail();
  }
  EXPECT_EQ(codeOf([] { AttemptLog::fromColumns({"a"}, {"x", "y"}, {1}); }),
            ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(codeOf([] { AttemptLog::fromColumns({"a"}, {""}, {1}); }),
            ErrorCode::NON_NUMERIC_VALUE);
  EXPECT_EQ(codeOf([] { AttemptLog::fromColumns({"a"}, {"x"}, {1}, {}, {NAN}); }),
            ErrorCode::NON_FINITE_VALUE);
  EXPECT_EQ(AttemptLog::parseCorrect({"1", " TRUE ", "no", "0"}),
            (std::vector<double>{1, 1, 0, 0}));
  try {
    AttemptLog::parseCorrect({"1", "maybe"}, "is_correct");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::NON_NUMERIC_VALUE);
    EXPECT_NE(e.detail().find("'is_correct' row 2"), std::string::npos) << e.detail();
  }
}

TEST(DifficultyTable, SmoothedRatesByHand) {
  AttemptLog log = tinyLog();
  DifficultyTable t = DifficultyTable::fit(log, 10, 10);
  // Global: 3 of 5 correct. add: 2 of 4 (a:1,0,1 b:0), mul: 1 of 1.
  EXPECT_DOUBLE_EQ(t.globalRate(), 0.6);
  const int add = t.skillIndex("add"), mul = t.skillIndex("mul");
  EXPECT_DOUBLE_EQ(t.skillRate(add), (2 + 10 * 0.6) / (4 + 10));
  EXPECT_DOUBLE_EQ(t.skillRate(mul), (1 + 10 * 0.6) / (1 + 10));
  EXPECT_DOUBLE_EQ(t.skillRate(mul, /*excludeOutcome=*/1), 0.6);  // leave-one-out: no data left
  EXPECT_DOUBLE_EQ(t.skillRate(-1), 0.6);
  EXPECT_EQ(t.skillIndex("div"), -1);
}

TEST(MasteryFeatures, HandCheckedValues) {
  AttemptLog log = tinyLog();
  DifficultyTable t = DifficultyTable::fit(log);
  MatrixF X = masteryFeatures(log, t, false, false);
  ASSERT_EQ(X.rows(), 5);
  ASSERT_EQ(X.cols(), kBaseFeatures + 2);
  const double g = 0.6, addRate = t.skillRate(t.skillIndex("add"));
  // Sorted order: a@1 add 1, a@2 add 0, a@3 mul 1, a@4 add 1, b@1 add 0.
  // Row 3 (a's 4th attempt, add): prior add attempts 2 (1 success, 1 failure), last add outcomes
  // [wrong, right], one add attempt since the last add success, overall 2 of 3, previous = mul.
  auto r = X.row(3);
  EXPECT_FLOAT_EQ(r[kSkillAttempts], std::log1p(2.0));
  EXPECT_FLOAT_EQ(r[kSkillSuccesses], std::log1p(1.0));
  EXPECT_FLOAT_EQ(r[kSkillFailures], std::log1p(1.0));
  EXPECT_FLOAT_EQ(r[kSkillRate], (1 + 2 * addRate) / (2 + 2));
  EXPECT_FLOAT_EQ(r[kLast1], -1);
  EXPECT_FLOAT_EQ(r[kLast2], 1);
  EXPECT_FLOAT_EQ(r[kLast3], 0);
  EXPECT_FLOAT_EQ(r[kSinceSuccess], std::log1p(1.0));
  EXPECT_FLOAT_EQ(r[kNoSuccessYet], 0);
  EXPECT_FLOAT_EQ(r[kOverallRate], (2 + 2 * g) / (3 + 2));
  EXPECT_FLOAT_EQ(r[kOverallAttempts], std::log1p(3.0));
  EXPECT_FLOAT_EQ(r[kPrevOutcome], 1);
  EXPECT_FLOAT_EQ(r[kPrevSameSkill], 0);
  EXPECT_FLOAT_EQ(r[kSkillDifficulty], logit(addRate));
  EXPECT_FLOAT_EQ(r[kBaseFeatures + t.skillIndex("add")], 1);
  EXPECT_FLOAT_EQ(r[kBaseFeatures + t.skillIndex("mul")], 0);
  // Row 4 (b's first attempt): no past at all.
  auto b = X.row(4);
  EXPECT_FLOAT_EQ(b[kSkillAttempts], 0);
  EXPECT_FLOAT_EQ(b[kLast1], 0);
  EXPECT_FLOAT_EQ(b[kNoSuccessYet], 1);
  EXPECT_FLOAT_EQ(b[kOverallRate], g);
  EXPECT_FLOAT_EQ(b[kPrevOutcome], 0);
  // Row 1 (a's 2nd, add after a correct add): previous on the same skill.
  EXPECT_FLOAT_EQ(X(1, kPrevSameSkill), 1);
  EXPECT_FLOAT_EQ(X(1, kSinceSuccess), 0);
}

TEST(MasteryFeatures, UnseenSkillHasNoOneHotAndItemsUseTrainingRates) {
  AttemptLog train = AttemptLog::fromColumns({"a", "a", "b", "b"}, {"x", "x", "x", "x"},
                                             {1, 1, 0, 1}, {"q1", "q2", "q1", "q2"});
  DifficultyTable t = DifficultyTable::fit(train, 10, 4);
  AttemptLog test = AttemptLog::fromColumns({"c", "c"}, {"x", "new"}, {1, 0}, {"q1", "q9"});
  MatrixF X = masteryFeatures(test, t, true, false);
  ASSERT_EQ(X.cols(), kBaseFeatures + 1 + 1);
  const double xRate = t.skillRate(0);
  EXPECT_FLOAT_EQ(X(0, kItemDifficulty), logit((1 + 4 * xRate) / (2 + 4)));  // q1: 1 of 2
  EXPECT_FLOAT_EQ(X(0, kBaseFeatures + 1), 1);
  EXPECT_FLOAT_EQ(X(1, kBaseFeatures + 1), 0);                           // unseen skill
  EXPECT_FLOAT_EQ(X(1, kSkillDifficulty), logit(t.globalRate()));       // unseen → global
  EXPECT_FLOAT_EQ(X(1, kItemDifficulty), logit(t.globalRate()));        // unseen item
  EXPECT_FLOAT_EQ(X(1, kPrevSameSkill), 0);
  // Leave-one-out on the training log: q1's own outcome is excluded for its row.
  MatrixF L = masteryFeatures(train, t, true, true);
  const double xLoo = t.skillRate(0, 1);
  EXPECT_FLOAT_EQ(L(0, kItemDifficulty), logit((0 + 4 * xLoo) / (1 + 4)));
}

TEST(MasteryFeatures, NoLookAhead) {
  AttemptLog base = tinyLog();
  DifficultyTable t = DifficultyTable::fit(base);
  MatrixF before = masteryFeatures(base, t, false, false);
  // Append future attempts for both students (later order) and a new student.
  AttemptLog more = AttemptLog::fromColumns(
      {"a", "b", "a", "a", "a", "a", "b", "c", "a"},
      {"add", "add", "add", "mul", "add", "mul", "add", "add", "add"},
      {1, 0, 0, 1, 1, 0, 1, 1, 0}, {}, {1, 1, 2, 3, 4, 5, 2, 1, 6});
  MatrixF after = masteryFeatures(more, t, false, false);
  // Same students in the same first-seen order, so earlier attempts keep their sorted position
  // within each student's run: a = rows 0..3 before, 0..3 after; b = row 4 before, 6 after.
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(before.row(i).isApprox(after.row(i))) << "row " << i;
  EXPECT_TRUE(before.row(4).isApprox(after.row(6)));
}

TEST(FeatureScaler, RoundTripAndZScore) {
  MatrixF X(3, 2);
  X << 1, 5, 2, 5, 3, 5;
  FeatureScaler s;
  s.fit(X, 2);
  ByteWriter w;
  s.save(w);
  ByteReader r(w.data());
  FeatureScaler l = FeatureScaler::load(r);
  l.apply(X);
  EXPECT_NEAR(X(0, 0), -std::sqrt(1.5), 1e-6);
  EXPECT_FLOAT_EQ(X(1, 0), 0);
  EXPECT_FLOAT_EQ(X(2, 1), 0);  // constant column → 0 (sd 1)
}
