// The founding benchmark of the issue: UCI student performance, pass = G3 >= 10, inputs = all
// other columns (the paper's setup A), default MLP, 10-fold stratified cross-validation.
// Reference on the same protocol: scikit-learn MLP 128-64 92.2 %, logistic regression 92.5 %,
// random forest 92.8 %; Cortez & Silva (2008) report 90.7 % for their neural network.
#include <gtest/gtest.h>

#include <cstdio>

#include "api/cross_validate.h"
#include "support/test_csv.h"

using namespace pathwise;

namespace {

CrossValidationResult runSetupA(const char* file) {
  const Table t = test::readCsvTable(std::string(PATHWISE_SHARED_DATA) + "/" + file, ';');
  ModelOptions o;  // defaults everywhere except the target
  o.target = {"G3", Task::Auto, "G3 >= 10"};
  const auto r = crossValidate(t, o, 10, 1);
  std::printf("%s setup A, 10-fold CV: accuracy %.4f ± %.4f, F1(pass) %.4f, F1(fail) %.4f, ROC-AUC %.4f\n",
              file, r.mean[0], r.sd[0], r.mean[1], r.mean[2], r.mean[3]);
  return r;
}

}  // namespace

TEST(StudentPerformance, PortugueseSetupAReachesNinetyPercent) {
  const auto r = runSetupA("student-por.csv");
  EXPECT_EQ(r.folds.size(), 10u);
  EXPECT_GE(r.mean[0], 0.90);
}

TEST(StudentPerformance, MathSetupAIsReported) {
  const auto r = runSetupA("student-mat.csv");
  EXPECT_GE(r.mean[0], 0.85);  // harder set (more borderline grades); reported in the README
}
