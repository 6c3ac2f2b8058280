// Tests for model/trainer.h: learning XOR, two moons, three blobs and a regression; determinism;
// early stopping with restored best weights; cancellation; divergence; option validation.
#include <gtest/gtest.h>

#include <cmath>

#include "model/trainer.h"
#include "model_test_util.h"

using namespace pathwise;

namespace {

template <typename T>
double accuracy(const Mlp<T>& net, const Matrix<T>& X, const std::vector<float>& y) {
  const Matrix<T> p = net.predict(X);
  int correct = 0;
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    Eigen::Index cls;
    if (p.cols() == 1)
      cls = p(i, 0) >= T(0.5) ? 1 : 0;
    else
      p.row(i).maxCoeff(&cls);
    correct += cls == static_cast<Eigen::Index>(y[i]);
  }
  return static_cast<double>(correct) / X.rows();
}

ErrorCode codeOf(const std::function<void()>& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (message) *message = e.detail();
    return e.code();
  }
  return ErrorCode::INTERNAL;
}

template <typename T>
bool sameWeights(const std::vector<DenseLayer<T>>& a, const std::vector<DenseLayer<T>>& b) {
  for (size_t l = 0; l < a.size(); ++l)
    if (a[l].W != b[l].W || a[l].b != b[l].b) return false;
  return true;
}

}  // namespace

TEST(Trainer, LearnsXor) {
  MatrixF X(4, 2);
  X << 0, 0, 0, 1, 1, 0, 1, 1;
  const std::vector<float> y{0, 1, 1, 0};
  Mlp<float> net(2, {8}, Activation::Tanh, OutputKind::Sigmoid, 1, 2);
  TrainOptions o;
  o.learningRate = 0.05;
  o.epochs = 400;
  o.batchSize = 4;
  o.l2 = 0;
  train(net, X, y, {}, nullptr, nullptr, o);
  EXPECT_EQ(accuracy(net, X, y), 1.0);
}

TEST(Trainer, LearnsTwoMoonsOnHeldOutPoints) {
  MatrixF X, Xtest;
  std::vector<float> y, ytest;
  testutil::twoMoons(500, 0.1, 1, X, y);
  testutil::twoMoons(500, 0.1, 2, Xtest, ytest);
  Mlp<float> net(2, {32, 32}, Activation::Relu, OutputKind::Sigmoid, 1, 3);
  TrainOptions o;
  o.learningRate = 0.01;
  o.epochs = 150;
  TrainResult r = train(net, X, y, {}, nullptr, nullptr, o);
  EXPECT_EQ(r.epochsRun, 150);
  EXPECT_GT(accuracy(net, Xtest, ytest), 0.97);
}

TEST(Trainer, LearnsThreeBlobsWithSoftmax) {
  MatrixF X, Xtest;
  std::vector<float> y, ytest;
  testutil::threeBlobs(300, 0.7, 4, X, y);
  testutil::threeBlobs(300, 0.7, 5, Xtest, ytest);
  Mlp<float> net(2, {16}, Activation::Relu, OutputKind::Softmax, 3, 6);
  TrainOptions o;
  o.learningRate = 0.01;
  o.epochs = 60;
  train(net, X, y, {}, nullptr, nullptr, o);
  EXPECT_GT(accuracy(net, Xtest, ytest), 0.95);
}

TEST(Trainer, FitsSineRegression) {
  Rng rng(9);
  MatrixF X(400, 1);
  std::vector<float> y(400);
  for (int i = 0; i < 400; ++i) {
    X(i, 0) = static_cast<float>(rng.uniform(-3, 3));
    y[i] = std::sin(X(i, 0));
  }
  Mlp<float> net(1, {32, 32}, Activation::Tanh, OutputKind::Linear, 1, 7);
  TrainOptions o;
  o.learningRate = 0.01;
  o.epochs = 200;
  o.l2 = 0;
  const double before = net.loss(X, y, {}, 0);
  train(net, X, y, {}, nullptr, nullptr, o);
  const double mse = net.loss(X, y, {}, 0);
  EXPECT_GT(before, 0.1);  // sin has variance ≈ 0.5: the untrained net is far off
  EXPECT_LT(mse, 1e-2);  // < 2% of the target variance
}

TEST(Trainer, FirstEpochLossOfOneFullBatchIsTheInitialLoss) {
  MatrixD X;
  std::vector<float> y;
  testutil::twoMoons(64, 0.1, 3, X, y);
  Mlp<double> net(2, {5}, Activation::Tanh, OutputKind::Sigmoid, 1, 1);
  const double initial = net.loss(X, y, {}, 1e-3);
  TrainOptions o;
  o.batchSize = 64;
  o.epochs = 1;
  o.l2 = 1e-3;
  Trainer<double> t(net, X, y, {}, nullptr, nullptr, o);
  EXPECT_TRUE(t.step(5));
  auto reports = t.takeEpochs();
  ASSERT_EQ(reports.size(), 1u);
  EXPECT_NEAR(reports[0].loss, initial, 1e-12);
  EXPECT_TRUE(std::isnan(reports[0].valLoss));
  EXPECT_TRUE(t.takeEpochs().empty());
}

TEST(Trainer, SameSeedBitIdenticalDifferentSeedDifferentEvenWithDropout) {
  MatrixF X;
  std::vector<float> y;
  testutil::twoMoons(200, 0.1, 1, X, y);
  auto run = [&](uint64_t seed, int chunk) {
    Mlp<float> net(2, {16, 8}, Activation::Relu, OutputKind::Sigmoid, 1, seed);
    TrainOptions o;
    o.seed = seed;
    o.epochs = 5;
    o.dropout = 0.3;
    Trainer<float> t(net, X, y, {}, nullptr, nullptr, o);
    while (!t.step(chunk)) {
    }
    return net.layers();
  };
  const auto a = run(5, 1), b = run(5, 1000), c = run(6, 1);
  EXPECT_TRUE(sameWeights(a, b));  // step granularity does not change anything either
  EXPECT_FALSE(sameWeights(a, c));
}

TEST(Trainer, UniformSampleWeightsChangeNothing) {
  MatrixF X;
  std::vector<float> y;
  testutil::twoMoons(100, 0.1, 1, X, y);
  auto run = [&](const std::vector<float>& w) {
    Mlp<float> net(2, {8}, Activation::Relu, OutputKind::Sigmoid, 1, 1);
    TrainOptions o;
    o.epochs = 3;
    train(net, X, y, w, nullptr, nullptr, o);
    return net.layers();
  };
  EXPECT_TRUE(sameWeights(run({}), run(std::vector<float>(100, 2.0f))));  // weighted mean: Σw·l/Σw
}

TEST(Trainer, EarlyStoppingRestoresBestWeights) {
  MatrixD X, Xval;
  std::vector<float> y, yval;
  testutil::twoMoons(40, 0.35, 1, X, y);  // few noisy points + big net + high lr = overfitting
  testutil::twoMoons(200, 0.35, 2, Xval, yval);
  Mlp<double> net(2, {64, 64}, Activation::Relu, OutputKind::Sigmoid, 1, 1);
  TrainOptions o;
  o.learningRate = 0.02;
  o.l2 = 0;
  o.epochs = 500;
  o.patience = 10;
  std::vector<EpochReport> reports;
  TrainControl control;
  control.onEpoch = [&](const EpochReport& r) { reports.push_back(r); };
  TrainResult r = train(net, X, y, {}, &Xval, &yval, o, control);
  ASSERT_TRUE(r.stoppedEarly);
  ASSERT_EQ(static_cast<int>(reports.size()), r.epochsRun);
  EXPECT_LT(r.epochsRun, 500);
  EXPECT_EQ(r.epochsRun - r.bestEpoch, 10);
  double best = reports[0].valLoss;
  int bestEpoch = 1;
  for (const auto& e : reports) {
    if (e.valLoss < best) best = e.valLoss, bestEpoch = e.epoch;
    EXPECT_GE(e.valAccuracy, 0.0);
    EXPECT_LE(e.valAccuracy, 1.0);
  }
  EXPECT_EQ(bestEpoch, r.bestEpoch);
  EXPECT_EQ(best, r.bestValLoss);
  EXPECT_NEAR(net.loss(Xval, yval, {}, 0), best, 1e-12);  // the restored weights are the best ones
  EXPECT_GT(reports.back().valLoss, best);
}

TEST(Trainer, CancellationLeavesWeightsUnchanged) {
  MatrixF X;
  std::vector<float> y;
  testutil::twoMoons(200, 0.1, 1, X, y);
  Mlp<float> net(2, {8}, Activation::Relu, OutputKind::Sigmoid, 1, 1);
  const auto before = net.layers();
  int polls = 0;
  TrainControl control;
  control.cancelled = [&] { return ++polls > 10; };  // 10 batches run, then cancel
  TrainOptions o;
  EXPECT_EQ(codeOf([&] { train(net, X, y, {}, nullptr, nullptr, o, control); }), ErrorCode::CANCELLED);
  EXPECT_EQ(polls, 11);
  EXPECT_TRUE(sameWeights(before, net.layers()));
}

TEST(Trainer, HugeLearningRateDivergesAndRestoresFiniteWeights) {
  Rng rng(3);
  MatrixF X(200, 3);
  std::vector<float> y(200);
  for (int i = 0; i < 200; ++i) {
    for (int j = 0; j < 3; ++j) X(i, j) = static_cast<float>(rng.uniform(-10, 10));
    y[i] = 1000 * X(i, 0);
  }
  Mlp<float> net(3, {16}, Activation::Relu, OutputKind::Linear, 1, 1);
  TrainOptions o;
  o.optimizer = TrainOptions::Optimizer::Sgd;
  o.learningRate = 10;
  std::string message;
  EXPECT_EQ(codeOf([&] { train(net, X, y, {}, nullptr, nullptr, o); }, &message), ErrorCode::DIVERGED);
  EXPECT_NE(message.find("epoch"), std::string::npos);
  EXPECT_NE(message.find("batch"), std::string::npos);
  for (const auto& L : net.layers()) EXPECT_TRUE(L.W.allFinite() && L.b.allFinite());
  EXPECT_TRUE(std::isfinite(net.loss(X, y, {}, 0)));
}

TEST(Trainer, ClippingKeepsADivergingRunFinite) {
  Rng rng(3);
  MatrixF X(200, 3);
  std::vector<float> y(200);
  for (int i = 0; i < 200; ++i) {
    for (int j = 0; j < 3; ++j) X(i, j) = static_cast<float>(rng.uniform(-10, 10));
    y[i] = 1000 * X(i, 0);
  }
  Mlp<float> net(3, {16}, Activation::Relu, OutputKind::Linear, 1, 1);
  TrainOptions o;
  o.optimizer = TrainOptions::Optimizer::Sgd;
  o.momentum = 0;
  o.learningRate = 10;
  o.epochs = 5;
  Mlp<float> unclipped = net;
  EXPECT_EQ(codeOf([&] { train(unclipped, X, y, {}, nullptr, nullptr, o); }), ErrorCode::DIVERGED);
  o.clipNorm = 1e-3;  // each step now moves the parameters by at most lr·clipNorm = 0.01
  const auto before = net.layers();
  TrainResult r = train(net, X, y, {}, nullptr, nullptr, o);
  EXPECT_TRUE(std::isfinite(r.finalLoss));
  double moved = 0;
  for (size_t l = 0; l < before.size(); ++l)
    moved += (net.layers()[l].W - before[l].W).squaredNorm() + (net.layers()[l].b - before[l].b).squaredNorm();
  EXPECT_LE(std::sqrt(moved), 5 * 7 * 0.01 + 1e-4);  // 35 steps of at most 0.01 each
  EXPECT_GT(std::sqrt(moved), 0.0);
}

TEST(Trainer, InvalidOptionsAndDataAreReported) {
  MatrixF X(10, 2);
  X.setRandom();
  std::vector<float> y(10, 1.0f);
  Mlp<float> net(2, {4}, Activation::Relu, OutputKind::Sigmoid, 1, 1);
  auto check = [&](const std::function<void(TrainOptions&)>& set, const std::string& name) {
    TrainOptions o;
    set(o);
    std::string msg;
    EXPECT_EQ(codeOf([&] { Trainer<float>(net, X, y, {}, nullptr, nullptr, o); }, &msg), ErrorCode::BAD_OPTION) << name;
    EXPECT_NE(msg.find("'" + name + "'"), std::string::npos) << msg;
  };
  check([](TrainOptions& o) { o.hidden = {4, 0}; }, "hidden");
  check([](TrainOptions& o) { o.epochs = 0; }, "epochs");
  check([](TrainOptions& o) { o.batchSize = 0; }, "batchSize");
  check([](TrainOptions& o) { o.learningRate = 0; }, "learningRate");
  check([](TrainOptions& o) { o.learningRate = INFINITY; }, "learningRate");
  check([](TrainOptions& o) { o.dropout = 1; }, "dropout");
  check([](TrainOptions& o) { o.l2 = -1e-4; }, "l2");
  check([](TrainOptions& o) { o.patience = -1; }, "patience");
  check([](TrainOptions& o) { o.momentum = 1; }, "momentum");
  check([](TrainOptions& o) { o.beta2 = 1.5; }, "beta2");
  check([](TrainOptions& o) { o.epsilon = 0; }, "epsilon");
  check([](TrainOptions& o) { o.validationSplit = 1; }, "validationSplit");
  check([](TrainOptions& o) { o.clipNorm = -1; }, "clipNorm");
  TrainOptions o;
  EXPECT_EQ(codeOf([&] { Trainer<float>(net, MatrixF(0, 2), {}, {}, nullptr, nullptr, o); }), ErrorCode::EMPTY_DATA);
  EXPECT_EQ(codeOf([&] { Trainer<float>(net, MatrixF::Zero(10, 3), y, {}, nullptr, nullptr, o); }), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(codeOf([&] { Trainer<float>(net, X, std::vector<float>(9, 1), {}, nullptr, nullptr, o); }), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(codeOf([&] { Trainer<float>(net, X, y, std::vector<float>(10, 0), nullptr, nullptr, o); }), ErrorCode::BAD_OPTION);
  EXPECT_EQ(codeOf([&] { Trainer<float>(net, X, std::vector<float>(10, 2), {}, nullptr, nullptr, o); }), ErrorCode::BAD_OPTION);
  MatrixF bad = X;
  bad(3, 1) = NAN;
  EXPECT_EQ(codeOf([&] { Trainer<float>(net, bad, y, {}, nullptr, nullptr, o); }), ErrorCode::NON_FINITE_VALUE);
  Trainer<float> t(net, X, y, {}, nullptr, nullptr, o);
  EXPECT_EQ(codeOf([&] { t.step(0); }), ErrorCode::BAD_OPTION);
}
