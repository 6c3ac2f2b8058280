// Tests for model/activation.h: known values of each activation and its derivative (expressed
// through the output) against central finite differences.
#include <gtest/gtest.h>

#include <cmath>

#include "model/activation.h"
#include "model_test_util.h"

using namespace pathwise;

namespace {
const Activation kAll[] = {Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear};

double f(Activation a, double z) {
  Matrix<double> m(1, 1);
  m(0, 0) = z;
  applyActivation(a, m);
  return m(0, 0);
}
}  // namespace

TEST(Activation, KnownValues) {
  EXPECT_EQ(f(Activation::Relu, -1.5), 0.0);
  EXPECT_EQ(f(Activation::Relu, 2.25), 2.25);
  EXPECT_NEAR(f(Activation::Tanh, 0.5), 0.46211715726000974, 1e-15);
  EXPECT_EQ(f(Activation::Sigmoid, 0.0), 0.5);
  EXPECT_NEAR(f(Activation::Sigmoid, 2.0), 0.8807970779778823, 1e-15);
  EXPECT_NEAR(f(Activation::Sigmoid, -800.0), 0.0, 1e-300);  // no NaN from overflow
  EXPECT_EQ(f(Activation::Linear, -3.5), -3.5);
}

TEST(Activation, DerivativeMatchesFiniteDifferences) {
  const double points[] = {-2.3, -0.7, -0.05, 0.1, 0.6, 1.9};
  for (Activation a : kAll) {
    for (double z : points) {
      Matrix<double> delta = Matrix<double>::Ones(1, 1), out(1, 1);
      out(0, 0) = f(a, z);
      multiplyByDerivative(a, delta, out);
      const double h = 1e-6;
      const double numeric = (f(a, z + h) - f(a, z - h)) / (2 * h);
      EXPECT_LT(testutil::relativeError(delta(0, 0), numeric), 1e-6) << activationName(a) << " at " << z;
    }
  }
}

TEST(Activation, DerivativeScalesExistingDeltaOnBlocks) {
  Matrix<double> z(2, 3);
  z << -1, 0.5, 2, 0.3, -0.2, 1;
  Matrix<double> out = z;
  applyActivation(Activation::Tanh, out.rightCols(2));  // block: first column untouched
  EXPECT_EQ(out(0, 0), -1);
  EXPECT_DOUBLE_EQ(out(1, 2), std::tanh(1.0));
  Matrix<double> delta = Matrix<double>::Constant(2, 3, 3.0);
  multiplyByDerivative(Activation::Relu, delta, z);
  EXPECT_EQ(delta(0, 0), 0.0);
  EXPECT_EQ(delta(0, 1), 3.0);
  EXPECT_EQ(delta(1, 1), 0.0);
}

TEST(Activation, NamesRoundTripAndBadNameIsBadOption) {
  for (Activation a : kAll) EXPECT_EQ(parseActivation(activationName(a)), a);
  try {
    parseActivation("gelu");
    FAIL() << "expected BAD_OPTION";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BAD_OPTION);
    EXPECT_NE(e.detail().find("activation"), std::string::npos);
  }
}
