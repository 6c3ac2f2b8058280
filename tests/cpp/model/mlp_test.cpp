// Tests for model/mlp.h: initialisation, hand-computed losses, analytic gradients of every loss
// and activation against central finite differences (double), inputGradient, save/load.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "model/mlp.h"
#include "model_test_util.h"

using namespace pathwise;
using testutil::relativeError;

namespace {

MatrixD randomMatrix(int rows, int cols, uint64_t seed) {
  Rng rng(seed);
  MatrixD m(rows, cols);
  for (Eigen::Index i = 0; i < m.size(); ++i) m.data()[i] = rng.uniform(-1.5, 1.5);
  return m;
}

std::vector<float> targetsFor(OutputKind kind, int rows, int k, uint64_t seed) {
  Rng rng(seed);
  std::vector<float> y(rows);
  for (auto& v : y)
    v = kind == OutputKind::Softmax   ? static_cast<float>(rng.below(k))
        : kind == OutputKind::Sigmoid ? static_cast<float>(rng.below(2))
                                      : static_cast<float>(rng.uniform(-2, 2));
  return y;
}

// Every analytic gradient entry against (L(p+h) − L(p−h)) / 2h.
void expectGradientsMatch(Mlp<double> net, const MatrixD& X, const std::vector<float>& y,
                          const std::vector<float>& w, double l2, const std::string& what) {
  Gradients<double> g;
  const double value = net.lossAndGradient(X, y, w, l2, g);
  EXPECT_DOUBLE_EQ(value, net.loss(X, y, w, l2)) << what;
  auto f = [&] { return net.loss(X, y, w, l2); };
  double worst = 0;
  for (size_t l = 0; l < net.layers().size(); ++l) {
    auto& L = net.layers()[l];
    auto nW = testutil::numericGradient(L.W.data(), L.W.size(), f, 1e-5);
    auto nb = testutil::numericGradient(L.b.data(), L.b.size(), f, 1e-5);
    for (Eigen::Index i = 0; i < L.W.size(); ++i) worst = std::max(worst, relativeError(g.dW[l].data()[i], nW[i], 1e-4));
    for (Eigen::Index i = 0; i < L.b.size(); ++i) worst = std::max(worst, relativeError(g.db[l].data()[i], nb[i], 1e-4));
  }
  EXPECT_LT(worst, 1e-6) << what;
}

Mlp<double> singleLayer(OutputKind kind, const MatrixD& W, const RowVector<double>& b) {
  DenseLayer<double> L;
  L.W = W;
  L.b = b;
  return Mlp<double>({L}, kind);
}

}  // namespace

TEST(Mlp, InitUsesHeForReluGlorotOtherwiseAndZeroBiases) {
  Mlp<double> relu(50, {200}, Activation::Relu, OutputKind::Sigmoid, 1, 3);
  Mlp<double> tanh(50, {200}, Activation::Tanh, OutputKind::Sigmoid, 1, 3);
  const double he = std::sqrt(6.0 / 50), glorot = std::sqrt(6.0 / 250), out = std::sqrt(6.0 / 201);
  EXPECT_LE(relu.layers()[0].W.cwiseAbs().maxCoeff(), he);
  EXPECT_GT(relu.layers()[0].W.cwiseAbs().maxCoeff(), 0.99 * he);  // 10,000 draws reach the limit
  EXPECT_LE(tanh.layers()[0].W.cwiseAbs().maxCoeff(), glorot);
  EXPECT_GT(tanh.layers()[0].W.cwiseAbs().maxCoeff(), 0.99 * glorot);
  EXPECT_LE(relu.layers()[1].W.cwiseAbs().maxCoeff(), out);  // output layer: Glorot
  EXPECT_NEAR(relu.layers()[0].W.mean(), 0.0, 0.02);
  EXPECT_TRUE(relu.layers()[0].b.isZero(0));
  EXPECT_EQ(relu.parameterCount(), 50u * 200 + 200 + 200 + 1);
}

TEST(Mlp, InitOptionForcesGlorotOrHeOnHiddenLayersOnly) {
  Mlp<double> glorotRelu(50, {200}, Activation::Relu, OutputKind::Sigmoid, 1, 3, WeightInit::Glorot);
  Mlp<double> heTanh(50, {200}, Activation::Tanh, OutputKind::Sigmoid, 1, 3, WeightInit::He);
  const double he = std::sqrt(6.0 / 50), glorot = std::sqrt(6.0 / 250), out = std::sqrt(6.0 / 201);
  EXPECT_LE(glorotRelu.layers()[0].W.cwiseAbs().maxCoeff(), glorot);
  EXPECT_GT(glorotRelu.layers()[0].W.cwiseAbs().maxCoeff(), 0.99 * glorot);
  EXPECT_LE(heTanh.layers()[0].W.cwiseAbs().maxCoeff(), he);
  EXPECT_GT(heTanh.layers()[0].W.cwiseAbs().maxCoeff(), 0.99 * he);
  // The output layer stays Glorot whatever the option.
  EXPECT_LE(heTanh.layers()[1].W.cwiseAbs().maxCoeff(), out);
  // Same draws, scaled: Glorot = He · sqrt(fan_in / (fan_in + fan_out)) for the same seed.
  Mlp<double> heRelu(50, {200}, Activation::Relu, OutputKind::Sigmoid, 1, 3, WeightInit::He);
  EXPECT_NEAR((glorotRelu.layers()[0].W - heRelu.layers()[0].W * (glorot / he)).cwiseAbs().maxCoeff(), 0.0, 1e-12);
}

TEST(Mlp, SameSeedIdenticalDifferentSeedDifferent) {
  Mlp<float> a(4, {8, 6}, Activation::Relu, OutputKind::Softmax, 3, 11);
  Mlp<float> b(4, {8, 6}, Activation::Relu, OutputKind::Softmax, 3, 11);
  Mlp<float> c(4, {8, 6}, Activation::Relu, OutputKind::Softmax, 3, 12);
  for (size_t l = 0; l < 3; ++l) EXPECT_EQ(a.layers()[l].W, b.layers()[l].W);
  EXPECT_NE(a.layers()[0].W, c.layers()[0].W);
}

TEST(Mlp, BinaryCrossEntropyHandValuesWeightedAndL2) {
  MatrixD W(2, 1);
  W << 0.5, -1;
  auto net = singleLayer(OutputKind::Sigmoid, W, RowVector<double>::Constant(1, 0.25));
  MatrixD X(2, 2);
  X << 1, 2, 0, -1;  // logits −1.25 and 1.25
  const std::vector<float> y{1, 1};
  EXPECT_NEAR(net.loss(X, y, {}, 0), (1.501929081345373 + 0.25192908134537295) / 2, 1e-14);
  EXPECT_NEAR(net.loss(X, y, {1, 3}, 0), 0.564429081345373, 1e-14);
  EXPECT_NEAR(net.loss(X, y, {1, 3}, 0.01), 0.564429081345373 + 0.01 * 1.25, 1e-14);
  auto p = net.predict(X);
  EXPECT_NEAR(p(1, 0), 1 / (1 + std::exp(-1.25)), 1e-15);
  // Stable for huge logits: z = ±100 with the wrong label costs 100, not inf.
  auto big = singleLayer(OutputKind::Sigmoid, MatrixD::Zero(2, 1), RowVector<double>::Constant(1, 100));
  EXPECT_NEAR(big.loss(X, {0, 0}, {}, 0), 100.0, 1e-12);
}

TEST(Mlp, SoftmaxAndMseHandValues) {
  RowVector<double> b(3);
  b << 1, 2, 3;
  auto soft = singleLayer(OutputKind::Softmax, MatrixD::Zero(2, 3), b);
  MatrixD X = MatrixD::Ones(1, 2);
  EXPECT_NEAR(soft.loss(X, {0}, {}, 0), 2.40760596444438, 1e-13);
  EXPECT_NEAR(soft.predict(X).sum(), 1.0, 1e-15);
  b << 1000, 0, 0;
  auto huge = singleLayer(OutputKind::Softmax, MatrixD::Zero(2, 3), b);
  EXPECT_NEAR(huge.loss(X, {1}, {}, 0), 1000.0, 1e-9);

  auto lin = singleLayer(OutputKind::Linear, MatrixD::Ones(2, 1), RowVector<double>::Zero(1));
  MatrixD X2(2, 2);
  X2 << 1, 2, 0.5, 0;  // predictions 3 and 0.5
  EXPECT_NEAR(lin.loss(X2, {1, 1}, {}, 0), (4 + 0.25) / 2, 1e-15);  // mean of (z − y)², no ½
}

TEST(Mlp, GradientsMatchFiniteDifferencesForEveryLossAndActivation) {
  const Activation acts[] = {Activation::Relu, Activation::Tanh, Activation::Sigmoid, Activation::Linear};
  const OutputKind kinds[] = {OutputKind::Sigmoid, OutputKind::Softmax, OutputKind::Linear};
  const MatrixD X = randomMatrix(9, 4, 5);
  std::vector<float> w(9);
  Rng rng(8);
  for (auto& v : w) v = static_cast<float>(rng.uniform(0.2, 2.0));
  for (OutputKind kind : kinds) {
    const int k = kind == OutputKind::Softmax ? 3 : 1;
    const auto y = targetsFor(kind, 9, k, 6);
    for (Activation act : acts) {
      Mlp<double> net(4, {5, 3}, act, kind, k, 21);
      for (auto& L : net.layers()) L.b.setConstant(0.05);  // nonzero biases are checked too
      const std::string what = std::string(activationName(act)) + " output " + std::to_string(int(kind));
      expectGradientsMatch(net, X, y, {}, 0.0, what);
      expectGradientsMatch(net, X, y, w, 0.0, what + " weighted");
      expectGradientsMatch(net, X, y, w, 0.003, what + " weighted+l2");
    }
  }
}

TEST(Mlp, InputGradientMatchesFiniteDifferencesOfPredict) {
  const OutputKind kinds[] = {OutputKind::Sigmoid, OutputKind::Softmax, OutputKind::Linear};
  for (OutputKind kind : kinds) {
    const int k = kind == OutputKind::Softmax ? 3 : 1;
    Mlp<double> net(3, {6}, Activation::Tanh, kind, k, 4);
    MatrixD X = randomMatrix(4, 3, 9);
    for (int out = 0; out < k; ++out) {
      const MatrixD G = net.inputGradient(X, out);
      ASSERT_EQ(G.rows(), 4);
      ASSERT_EQ(G.cols(), 3);
      for (Eigen::Index i = 0; i < X.rows(); ++i) {
        MatrixD row = X.row(i);
        auto num = testutil::numericGradient(row.data(), 3, [&] { return net.predict(row)(0, out); }, 1e-5);
        for (int j = 0; j < 3; ++j) EXPECT_LT(relativeError(G(i, j), num[j], 1e-4), 1e-6);
      }
    }
  }
  EXPECT_THROW(Mlp<double>(3, {6}, Activation::Tanh, OutputKind::Sigmoid, 1, 4).inputGradient(MatrixD::Zero(1, 3), 1),
               Error);
}

TEST(Mlp, BadConstructionAndShapesAreReported) {
  auto code = [](auto f) {
    try {
      f();
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::INTERNAL;
  };
  EXPECT_EQ(code([] { Mlp<float>(0, {4}, Activation::Relu, OutputKind::Sigmoid, 1, 1); }), ErrorCode::BAD_OPTION);
  EXPECT_EQ(code([] { Mlp<float>(3, {4, 0}, Activation::Relu, OutputKind::Sigmoid, 1, 1); }), ErrorCode::BAD_OPTION);
  EXPECT_EQ(code([] { Mlp<float>(3, {4}, Activation::Relu, OutputKind::Softmax, 1, 1); }), ErrorCode::BAD_OPTION);
  EXPECT_EQ(code([] { Mlp<float>(3, {4}, Activation::Relu, OutputKind::Sigmoid, 2, 1); }), ErrorCode::BAD_OPTION);
  Mlp<float> net(3, {4}, Activation::Relu, OutputKind::Softmax, 3, 1);
  EXPECT_EQ(code([&] { net.predict(MatrixF::Zero(2, 4)); }), ErrorCode::SHAPE_MISMATCH);
  Gradients<float> g;
  EXPECT_EQ(code([&] { net.lossAndGradient(MatrixF::Zero(2, 3), {0}, {}, 0, g); }), ErrorCode::SHAPE_MISMATCH);
  EXPECT_EQ(code([&] { net.loss(MatrixF::Zero(2, 3), {0, 3}, {}, 0); }), ErrorCode::BAD_OPTION);  // class 3 of 3
  EXPECT_EQ(code([&] { net.loss(MatrixF::Zero(2, 3), {0, 1}, {1, -1}, 0); }), ErrorCode::BAD_OPTION);
}

template <typename T>
void expectRoundTrip() {
  Mlp<T> net(5, {7, 4}, Activation::Tanh, OutputKind::Softmax, 3, 99);
  net.layers()[1].b.setConstant(T(0.3));
  ByteWriter out;
  net.save(out);
  ByteReader in(out.data());
  Mlp<T> back = Mlp<T>::load(in);
  EXPECT_TRUE(in.atEnd());
  Matrix<T> X = randomMatrix(6, 5, 1).template cast<T>();
  const Matrix<T> p0 = net.predict(X), p1 = back.predict(X);
  EXPECT_EQ(0, std::memcmp(p0.data(), p1.data(), sizeof(T) * p0.size()));  // bit-identical
  EXPECT_EQ(back.outputKind(), OutputKind::Softmax);
  EXPECT_EQ(back.layers()[0].activation, Activation::Tanh);
}

TEST(Mlp, SaveLoadGivesBitIdenticalPredictions) {
  expectRoundTrip<float>();
  expectRoundTrip<double>();
}

TEST(Mlp, TruncatedOrGarbledPayloadIsBadModelFile) {
  Mlp<float> net(3, {4}, Activation::Relu, OutputKind::Sigmoid, 1, 5);
  ByteWriter out;
  net.save(out);
  const std::vector<uint8_t> good = out.data();
  auto loadCode = [](const std::vector<uint8_t>& bytes) {
    try {
      ByteReader in(bytes);
      Mlp<float>::load(in);
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::INTERNAL;  // loaded fine
  };
  for (size_t n = 0; n < good.size(); ++n)
    EXPECT_EQ(loadCode(std::vector<uint8_t>(good.begin(), good.begin() + n)), ErrorCode::BAD_MODEL_FILE) << n;
  auto garbled = [&](size_t at, uint8_t value) {
    auto bad = good;
    bad[at] = value;
    return loadCode(bad);
  };
  EXPECT_EQ(garbled(0, 'X'), ErrorCode::BAD_MODEL_FILE);   // tag
  EXPECT_EQ(garbled(4, 3), ErrorCode::BAD_MODEL_FILE);     // scalar size
  EXPECT_EQ(garbled(5, 7), ErrorCode::BAD_MODEL_FILE);     // output kind
  EXPECT_EQ(garbled(9, 0xff), ErrorCode::BAD_MODEL_FILE);  // input count (huge)
  EXPECT_EQ(garbled(13, 0xff), ErrorCode::BAD_MODEL_FILE); // layer count (huge)
  EXPECT_EQ(garbled(18, 9), ErrorCode::BAD_MODEL_FILE);    // activation of layer 1
  auto nan = good;  // first weight := NaN (0x7fc00000)
  nan[19] = 0x00;
  nan[20] = 0x00;
  nan[21] = 0xc0;
  nan[22] = 0x7f;
  EXPECT_EQ(loadCode(nan), ErrorCode::BAD_MODEL_FILE);
  EXPECT_EQ(garbled(good.size() - 4 - 4 * 4 - 1 - 4, 2), ErrorCode::BAD_MODEL_FILE);
}

// logits() on many rows packs the weights for the inference kernel and works in 256-row blocks;
// every row's logits must equal, bit for bit, those of the per-batch forward pass the trainer
// uses (here: chunks of 5 rows, below the packing threshold), for relu and tanh hidden layers,
// widths with and without a remainder of 8, and a row count that leaves a partial block.
TEST(Mlp, PackedInferenceLogitsAreBitIdenticalToSmallBatches) {
  for (Activation act : {Activation::Relu, Activation::Tanh}) {
    for (const std::vector<int>& hidden : {std::vector<int>{128, 64}, std::vector<int>{19, 8, 5}}) {
      const Mlp<float> net(13, hidden, act, OutputKind::Softmax, 3, 5);
      const MatrixF X = randomMatrix(601, 13, 9).cast<float>();
      const MatrixF all = net.logits(X);
      ASSERT_EQ(all.rows(), 601);
      for (Eigen::Index r = 0; r < X.rows(); r += 5) {
        const Eigen::Index n = std::min<Eigen::Index>(5, X.rows() - r);
        const MatrixF part = net.logits(X.middleRows(r, n));
        for (Eigen::Index i = 0; i < part.size(); ++i)
          ASSERT_EQ(std::memcmp(part.data() + i, all.data() + r * 3 + i, sizeof(float)), 0)
              << activationName(act) << " row " << r + i / 3;
      }
    }
  }
}
