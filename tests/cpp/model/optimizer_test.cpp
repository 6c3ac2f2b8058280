// Tests for model/optimizer.h: SGD-momentum and Adam steps against hand-computed values after
// one and two steps, and convergence to the least-squares solution of a linear regression.
#include <gtest/gtest.h>

#include "model/optimizer.h"
#include "model/trainer.h"
#include "model_test_util.h"

using namespace pathwise;

namespace {
// One 1×1 layer: W = 1, b = 2.
std::vector<DenseLayer<double>> scalarLayer() {
  DenseLayer<double> L;
  L.W = MatrixD::Constant(1, 1, 1.0);
  L.b = RowVector<double>::Constant(1, 2.0);
  return {L};
}
Gradients<double> grad(double gW, double gb) {
  Gradients<double> g;
  g.dW = {MatrixD::Constant(1, 1, gW)};
  g.db = {RowVector<double>::Constant(1, gb)};
  return g;
}
}  // namespace

TEST(Sgd, MomentumStepsMatchHandComputation) {
  auto layers = scalarLayer();
  Sgd<double> sgd(0.1, 0.9);
  sgd.apply(layers, grad(0.5, -1.0));
  // v = −0.1·0.5 = −0.05 → W = 0.95; v_b = +0.1 → b = 2.1
  EXPECT_NEAR(layers[0].W(0, 0), 0.95, 1e-15);
  EXPECT_NEAR(layers[0].b(0), 2.1, 1e-15);
  sgd.apply(layers, grad(0.5, 0.0));
  // v = 0.9·(−0.05) − 0.05 = −0.095 → W = 0.855; v_b = 0.09 → b = 2.19
  EXPECT_NEAR(layers[0].W(0, 0), 0.855, 1e-15);
  EXPECT_NEAR(layers[0].b(0), 2.19, 1e-15);
  sgd.reset();
  sgd.apply(layers, grad(1.0, 0.0));  // fresh velocity: plain step of −0.1
  EXPECT_NEAR(layers[0].W(0, 0), 0.755, 1e-15);
}

TEST(Adam, StepsMatchHandComputationIncludingBiasCorrection) {
  auto layers = scalarLayer();
  Adam<double> adam(0.1, 0.9, 0.999, 1e-7);
  // t=1: m = 0.05, v = 0.00025, lr_t = 0.1·sqrt(0.001)/0.1 = 0.0316227766…,
  //      W = 1 − lr_t·0.05/(sqrt(0.00025) + 1e-7) = 0.9000006324515321
  adam.apply(layers, grad(0.5, 0.0));
  EXPECT_NEAR(layers[0].W(0, 0), 0.9000006324515321, 1e-15);
  EXPECT_EQ(layers[0].b(0), 2.0);  // zero gradient: m = v = 0, no move
  // t=2, g = −0.2: m = 0.025, v = 0.00028975, lr_t = 0.1·sqrt(1 − 0.999²)/(1 − 0.9²) = 0.0235316725…
  //      W = 0.9000006324515321 − lr_t·0.025/(sqrt(0.00028975) + 1e-7) = 0.8654402506933558
  adam.apply(layers, grad(-0.2, 0.0));
  EXPECT_NEAR(layers[0].W(0, 0), 0.8654402506933558, 1e-14);
  EXPECT_EQ(adam.steps(), 2);
}

TEST(Optimizers, RejectBadHyperparameters) {
  EXPECT_THROW(Sgd<float>(0.0, 0.9), Error);
  EXPECT_THROW(Sgd<float>(0.1, 1.0), Error);
  EXPECT_THROW(Adam<float>(0.1, 0.9, 1.0, 1e-7), Error);
  EXPECT_THROW(Adam<float>(0.1, 0.9, 0.999, 0.0), Error);
  EXPECT_THROW(Adam<float>(std::nan(""), 0.9, 0.999, 1e-7), Error);
}

namespace {
// y = 2·x1 − 3·x2 + 0.5 + small noise; returns the least-squares solution [w1, w2, b].
Eigen::Vector3d linearData(MatrixD& X, std::vector<float>& y) {
  Rng rng(17);
  const int n = 400;
  X.resize(n, 2);
  y.resize(n);
  Eigen::MatrixXd A(n, 3);
  Eigen::VectorXd t(n);
  for (int i = 0; i < n; ++i) {
    X(i, 0) = rng.uniform(-1, 1);
    X(i, 1) = rng.uniform(-1, 1);
    y[i] = static_cast<float>(2 * X(i, 0) - 3 * X(i, 1) + 0.5 + 0.05 * testutil::gaussian(rng));
    A.row(i) << X(i, 0), X(i, 1), 1.0;
    t(i) = y[i];
  }
  return A.colPivHouseholderQr().solve(t);
}

void expectReachesLeastSquares(TrainOptions::Optimizer which, double lr) {
  MatrixD X;
  std::vector<float> y;
  const Eigen::Vector3d ls = linearData(X, y);
  Mlp<double> net(2, {}, Activation::Linear, OutputKind::Linear, 1, 3);
  TrainOptions o;
  o.hidden = {};
  o.optimizer = which;
  o.learningRate = lr;
  o.l2 = 0;
  o.epochs = 150;
  o.batchSize = 400;  // full batch: the objective is exactly the convex least-squares loss
  const double before = net.loss(X, y, {}, 0);
  TrainResult r = train(net, X, y, {}, nullptr, nullptr, o);
  const double after = net.loss(X, y, {}, 0);
  EXPECT_LT(after, before);
  EXPECT_NEAR(net.layers()[0].W(0, 0), ls(0), 2e-3);
  EXPECT_NEAR(net.layers()[0].W(1, 0), ls(1), 2e-3);
  EXPECT_NEAR(net.layers()[0].b(0), ls(2), 2e-3);
  EXPECT_EQ(r.epochsRun, 150);
}
}  // namespace

TEST(Optimizers, AdamReachesLeastSquaresSolution) {
  expectReachesLeastSquares(TrainOptions::Optimizer::Adam, 0.05);
}

TEST(Optimizers, SgdMomentumReachesLeastSquaresSolution) {
  expectReachesLeastSquares(TrainOptions::Optimizer::Sgd, 0.1);
}
