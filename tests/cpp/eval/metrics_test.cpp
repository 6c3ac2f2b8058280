// Tests for eval/metrics.h: every metric on small cases worked by hand (the working is in the
// comments), ROC-AUC with ties, one-vs-rest AUC, log-loss clipping, zero-division and errors.
#include <gtest/gtest.h>

#include <cmath>

#include "core/error.h"
#include "eval/metrics.h"

using namespace pathwise;

namespace {

MatrixD binaryProbabilities(const std::vector<double>& pPositive) {
  MatrixD p(pPositive.size(), 2);
  for (size_t i = 0; i < pPositive.size(); ++i) {
    p(i, 0) = 1 - pPositive[i];
    p(i, 1) = pPositive[i];
  }
  return p;
}

template <typename F>
ErrorCode codeOf(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  ADD_FAILURE() << "expected a pathwise::Error";
  return ErrorCode::INTERNAL;
}

}  // namespace

// y = {1,1,1,0,0}, P(pos) = {.8,.3,.2,.6,.1} → predicted {1,0,0,1,0}.
// Positive: TP=1 (row 1), FN=2 (rows 2,3), FP=1 (row 4), TN=1 (row 5).
//   precision = 1/2, recall = 1/3, F1 = 2·1/(2·1+1+2) = 2/5.
// Class 0: TP0=1, predicted0=3, actual0=2 → precision 1/3, recall 1/2, F1 = 2/(2+2+1) = 2/5.
// accuracy 2/5; macro P = R = (1/2+1/3)/2 = 5/12, macro F1 = 2/5;
// weighted P = (3·1/2 + 2·1/3)/5 = 13/30, weighted R = (3·1/3 + 2·1/2)/5 = 2/5, weighted F1 = 2/5.
// AUC: positives {.8,.3,.2} vs negatives {.6,.1}: .8 beats 2, .3 beats 1, .2 beats 1 → 4/6.
// log-loss = −(ln .8 + ln .3 + ln .2 + ln .4 + ln .9)/5.
TEST(ClassificationReport, BinaryHandWorked) {
  const std::vector<int> y{1, 1, 1, 0, 0};
  const auto r = classificationReport(y, binaryProbabilities({.8, .3, .2, .6, .1}), 1);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.4);
  EXPECT_DOUBLE_EQ(r.precision, 0.5);
  EXPECT_DOUBLE_EQ(r.recall, 1.0 / 3);
  EXPECT_DOUBLE_EQ(r.f1, 0.4);
  EXPECT_DOUBLE_EQ(r.perClassPrecision[0], 1.0 / 3);
  EXPECT_DOUBLE_EQ(r.perClassRecall[0], 0.5);
  EXPECT_DOUBLE_EQ(r.perClassF1[0], 0.4);
  EXPECT_DOUBLE_EQ(r.macroPrecision, 5.0 / 12);
  EXPECT_DOUBLE_EQ(r.macroRecall, 5.0 / 12);
  EXPECT_DOUBLE_EQ(r.macroF1, 0.4);
  EXPECT_DOUBLE_EQ(r.weightedPrecision, 13.0 / 30);
  EXPECT_DOUBLE_EQ(r.weightedRecall, 0.4);
  EXPECT_DOUBLE_EQ(r.weightedF1, 0.4);
  EXPECT_DOUBLE_EQ(r.rocAuc, 4.0 / 6);
  EXPECT_NEAR(r.logLoss, -(std::log(.8) + std::log(.3) + std::log(.2) + std::log(.4) + std::log(.9)) / 5,
              1e-12);
  const std::vector<std::vector<int64_t>> confusion{{1, 1}, {2, 1}};  // [true][pred]
  EXPECT_EQ(r.confusion, confusion);
  EXPECT_EQ(r.support, (std::vector<int64_t>{2, 3}));
}

// The same data seen from class 0 as positive: the headline values are class 0's per-class ones
// (precision 1/3, recall 1/2), and AUC of P(class 0) is the same ranking reversed: 4/6.
// P(class 0) = {.2,.7,.8,.4,.9}: predicted 0 where ≥ .5 → rows 2,3,5 → the same predictions.
TEST(ClassificationReport, PositiveClassZero) {
  const auto r = classificationReport({1, 1, 1, 0, 0}, binaryProbabilities({.8, .3, .2, .6, .1}), 0);
  EXPECT_DOUBLE_EQ(r.precision, 1.0 / 3);
  EXPECT_DOUBLE_EQ(r.recall, 0.5);
  EXPECT_DOUBLE_EQ(r.accuracy, 0.4);
  EXPECT_DOUBLE_EQ(r.rocAuc, 4.0 / 6);
}

// P(pos) exactly 0.5 is predicted positive (threshold is >=).
TEST(ClassificationReport, BinaryThresholdIsInclusive) {
  const auto r = classificationReport({1, 0}, binaryProbabilities({0.5, 0.4999}), 1);
  EXPECT_DOUBLE_EQ(r.accuracy, 1.0);
}

// y = {1,0,1}, P(pos) = .2 everywhere → nothing predicted positive.
// Positive: precision 0/0 → 0, recall 0/2 = 0, F1 0. Class 0: TP=1, predicted 3, actual 1 →
// precision 1/3, recall 1, F1 = 2/(2+2+0) = 1/2. Macro P over both (present) classes = 1/6.
// AUC: all scores tied → every pair counts 1/2 → 0.5.
TEST(ClassificationReport, ZeroPredictedPositivesGivesZeroNotNaN) {
  const auto r = classificationReport({1, 0, 1}, binaryProbabilities({.2, .2, .2}), 1);
  EXPECT_EQ(r.precision, 0.0);
  EXPECT_EQ(r.recall, 0.0);
  EXPECT_EQ(r.f1, 0.0);
  EXPECT_DOUBLE_EQ(r.perClassPrecision[0], 1.0 / 3);
  EXPECT_DOUBLE_EQ(r.perClassRecall[0], 1.0);
  EXPECT_DOUBLE_EQ(r.perClassF1[0], 0.5);
  EXPECT_DOUBLE_EQ(r.macroPrecision, 1.0 / 6);
  EXPECT_DOUBLE_EQ(r.accuracy, 1.0 / 3);
  EXPECT_DOUBLE_EQ(r.rocAuc, 0.5);
}

// rows (true: probabilities)      argmax
//  0 (0: .7 .2 .1)                 0
//  1 (1: .2 .5 .3)                 1
//  2 (2: .1 .3 .6)                 2
//  3 (0: .3 .4 .3)                 1
//  4 (1: .5 .3 .2)                 0
//  5 (2: .2 .2 .6)                 2
// confusion [[1,1,0],[1,1,0],[0,0,2]]; accuracy 4/6; class 0, 1: P = R = F1 = 1/2; class 2: 1.
// macro = (1/2+1/2+1)/3 = 2/3; weighted (support 2 each) = 2/3.
// OvR AUC: class 0 pos {.7,.3} vs neg {.2,.1,.5,.2}: 4 + 3 = 7/8;
//          class 1 pos {.5,.3} vs neg {.2,.3,.4,.2}: 4 + (2 + tie ½) = 6.5/8;
//          class 2 pos {.6,.6} vs neg {.1,.3,.3,.2}: 8/8.  macro = (7/8 + 6.5/8 + 1)/3.
// log-loss = −(ln .7 + ln .5 + ln .6 + ln .3 + ln .3 + ln .6)/6.
TEST(ClassificationReport, MulticlassHandWorked) {
  MatrixD p(6, 3);
  p << .7, .2, .1, .2, .5, .3, .1, .3, .6, .3, .4, .3, .5, .3, .2, .2, .2, .6;
  const auto r = classificationReport({0, 1, 2, 0, 1, 2}, p, -1);
  EXPECT_DOUBLE_EQ(r.accuracy, 4.0 / 6);
  const std::vector<std::vector<int64_t>> confusion{{1, 1, 0}, {1, 1, 0}, {0, 0, 2}};
  EXPECT_EQ(r.confusion, confusion);
  EXPECT_EQ(r.perClassF1, (std::vector<double>{0.5, 0.5, 1.0}));
  EXPECT_DOUBLE_EQ(r.macroPrecision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.macroRecall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.macroF1, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.weightedF1, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r.f1, r.macroF1);  // multiclass headline = macro
  EXPECT_DOUBLE_EQ(r.rocAuc, (7.0 / 8 + 6.5 / 8 + 1.0) / 3);
  EXPECT_NEAR(r.logLoss,
              -(std::log(.7) + std::log(.5) + std::log(.6) + std::log(.3) + std::log(.3) + std::log(.6)) / 6,
              1e-12);
}

// Class 2 never occurs (not true, not predicted): it is left out of the macro averages like
// scikit-learn's default label set, so perfect predictions give macro F1 = 1, not 2/3; its
// one-vs-rest AUC is undefined, so the multiclass AUC is NaN. Argmax ties pick the first class.
TEST(ClassificationReport, MulticlassAbsentClassAndArgmaxTie) {
  MatrixD p(4, 3);
  p << .4, .4, .2, .1, .8, .1, .9, .05, .05, .2, .7, .1;
  const auto r = classificationReport({0, 1, 0, 1}, p, -1);
  EXPECT_DOUBLE_EQ(r.accuracy, 1.0);  // row 1 tie .4/.4 → class 0 (correct)
  EXPECT_DOUBLE_EQ(r.macroF1, 1.0);
  EXPECT_EQ(r.support, (std::vector<int64_t>{2, 2, 0}));
  EXPECT_TRUE(std::isnan(r.rocAuc));
}

// The brief's example: positives {.35,.8} vs negatives {.1,.4}: .35 beats 1, .8 beats 2 → 3/4.
TEST(RocAuc, PublishedExample) { EXPECT_DOUBLE_EQ(rocAuc({0, 0, 1, 1}, {0.1, 0.4, 0.35, 0.8}), 0.75); }

// labels {0,1,0,1,1}, scores {.2,.5,.5,.5,.9}. Sorted: .2 (rank 1), three .5 (ranks 2,3,4 →
// midrank 3), .9 (rank 5). Positive ranks 3+3+5 = 11; U = 11 − 3·4/2 = 5; AUC = 5/(3·2) = 5/6.
// Pairwise check: each positive .5 beats .2 and ties .5 (1.5 each, 3 total), .9 beats both (2).
TEST(RocAuc, TiesUseMidranks) { EXPECT_DOUBLE_EQ(rocAuc({0, 1, 0, 1, 1}, {.2, .5, .5, .5, .9}), 5.0 / 6); }

TEST(RocAuc, PerfectReversedAndSingleClass) {
  EXPECT_DOUBLE_EQ(rocAuc({0, 0, 1}, {1, 2, 3}), 1.0);
  EXPECT_DOUBLE_EQ(rocAuc({1, 1, 0}, {1, 2, 3}), 0.0);
  EXPECT_TRUE(std::isnan(rocAuc({1, 1, 1}, {1, 2, 3})));
}

TEST(RocAuc, Errors) {
  EXPECT_EQ(codeOf([] { rocAuc({}, {}); }), ErrorCode::EMPTY_DATA);
  EXPECT_EQ(codeOf([] { rocAuc({0, 1}, {0.5}); }), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(codeOf([] { rocAuc({0, 2}, {0.1, 0.5}); }), ErrorCode::BAD_OPTION);
  EXPECT_EQ(codeOf([] { rocAuc({0, 1}, {0.1, NAN}); }), ErrorCode::NON_FINITE_VALUE);
}

// Row [1, 0] with true class 1: 0 is clipped to 1e-15, the row sums to 1 → −ln(1e-15) = 34.5388.
// Row [.1, .3] with true class 1 renormalises to .3/.4 = .75 → −ln .75 = 0.287682.
// Row [.2, .2] with true class 0 → .5 → ln 2.
TEST(LogLoss, ClipsAndRenormalises) {
  MatrixD a(1, 2);
  a << 1.0, 0.0;
  EXPECT_NEAR(logLoss({1}, a), 34.538776394910684, 1e-9);
  MatrixD b(2, 2);
  b << .1, .3, .2, .2;
  EXPECT_NEAR(logLoss({1, 0}, b), (0.2876820724517809 + std::log(2.0)) / 2, 1e-12);
}

TEST(ClassificationReport, Errors) {
  const MatrixD p = binaryProbabilities({.2, .7});
  EXPECT_EQ(codeOf([&] { classificationReport({}, MatrixD(0, 2), 1); }), ErrorCode::EMPTY_DATA);
  EXPECT_EQ(codeOf([&] { classificationReport({0, 1, 1}, p, 1); }), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(codeOf([&] { classificationReport({0, 2}, p, 1); }), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(codeOf([&] { classificationReport({0, 1}, MatrixD::Constant(2, 1, .5), -1); }),
            ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(codeOf([&] { classificationReport({0, 1}, p, 2); }), ErrorCode::BAD_OPTION);
  MatrixD bad = p;
  bad(1, 1) = NAN;
  EXPECT_EQ(codeOf([&] { classificationReport({0, 1}, bad, 1); }), ErrorCode::NON_FINITE_VALUE);
  try {
    classificationReport({0, 5}, p, 1);
    ADD_FAILURE() << "label 5 accepted";
  } catch (const Error& e) {
    EXPECT_NE(e.detail().find("row 2"), std::string::npos) << e.detail();
  }
}

// scikit-learn documentation example: y = {3, −0.5, 2, 7}, ŷ = {2.5, 0, 2, 8}.
// errors .5 .5 0 1 → MAE 0.5; SSres = 1.5 → RMSE = √0.375; mean 2.875,
// SStot = .125² + 3.375² + .875² + 4.125² = 29.1875 → R² = 1 − 1.5/29.1875 = 0.948608137...
TEST(RegressionReport, ScikitLearnDocExample) {
  const auto r = regressionReport({3, -0.5, 2, 7}, {2.5, 0.0, 2, 8});
  EXPECT_DOUBLE_EQ(r.mae, 0.5);
  EXPECT_DOUBLE_EQ(r.rmse, std::sqrt(0.375));
  EXPECT_NEAR(r.r2, 0.9486081370449679, 1e-12);
}

// Constant target (SStot = 0): R² is 1 for exact predictions, 0 otherwise (never NaN/−Inf).
// 0.1 is not exactly representable, so a computed mean could leave SStot slightly above 0.
TEST(RegressionReport, ConstantTarget) {
  EXPECT_EQ(regressionReport({0.1, 0.1, 0.1}, {0.1, 0.1, 0.1}).r2, 1.0);
  const auto r = regressionReport({0.1, 0.1, 0.1}, {0.1, 0.4, 0.1});
  EXPECT_EQ(r.r2, 0.0);
  EXPECT_NEAR(r.mae, 0.1, 1e-12);  // |0.3|/3
}

TEST(RegressionReport, Errors) {
  EXPECT_EQ(codeOf([] { regressionReport({}, {}); }), ErrorCode::EMPTY_DATA);
  EXPECT_EQ(codeOf([] { regressionReport({1, 2}, {1}); }), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(codeOf([] { regressionReport({1, INFINITY}, {1, 2}); }), ErrorCode::NON_FINITE_VALUE);
}
