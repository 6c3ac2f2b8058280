// Native/wasm driver for profiling the trainer (issue 6): trains the founding model
// (32 -> 128 relu -> 64 relu -> 1 sigmoid, Adam 0.001, batch 32, l2 0) on seeded synthetic data
// through pathwise::train and prints throughput, loss, hold-out accuracy and a weight checksum
// (to check that speed work keeps the numerics). Usage: driver [epochs=10] [rows=20000]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "model/trainer.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/em_asm.h>  // clock() is wall time under Emscripten; ask Node for CPU time
#endif

using namespace pathwise;

namespace {

// Standard-normal features and a logistic target with interactions (like bench/lib/data.mjs).
void makeData(int n, uint64_t seed, MatrixF& X, std::vector<float>& y) {
  Rng rng(seed);
  auto normal = [&] {
    const double u = std::max(rng.uniform(), 1e-12), v = rng.uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v);
  };
  X.resize(n, 32);
  y.resize(n);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < 32; ++j) X(i, j) = static_cast<float>(normal());
    auto s = [&](int j) { return static_cast<double>(X(i, j)); };
    const double z = 2.6 * (1.1 * s(0) + 0.8 * s(1) - 0.7 * s(2) - 0.9 * s(3) + 0.6 * s(4) + 0.5 * s(5) +
                            0.6 * s(0) * s(4) - 0.5 * s(2) * s(6) - 0.4 * (s(7) * s(7) - 1) + 0.5 * std::tanh(2 * s(8)));
    y[i] = rng.uniform() < 1 / (1 + std::exp(-z)) ? 1.f : 0.f;
  }
}

double cpuNow() {
#ifdef __EMSCRIPTEN__
  return EM_ASM_DOUBLE({ const u = process.cpuUsage(); return (u.user + u.system) / 1e6; });
#else
  return static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
#endif
}
double wallNow() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int epochs = argc > 1 ? std::atoi(argv[1]) : 10;
  const int rows = argc > 2 ? std::atoi(argv[2]) : 20000;
  MatrixF X, Xt;
  std::vector<float> y, yt;
  makeData(rows, 11, X, y);
  makeData(4000, 12, Xt, yt);
  Mlp<float> net(32, {128, 64}, Activation::Relu, OutputKind::Sigmoid, 1, 1);
  TrainOptions o;
  o.epochs = epochs;
  o.l2 = 0;
  o.validationSplit = 0;
  o.patience = 0;
  const double c0 = cpuNow(), w0 = wallNow();
  const TrainResult r = train<float>(net, X, y, {}, nullptr, nullptr, o);
  const double cpu = cpuNow() - c0, wall = wallNow() - w0;
  const MatrixF p = net.predict(Xt);
  int correct = 0;
  for (int i = 0; i < Xt.rows(); ++i) correct += (p(i, 0) >= 0.5f) == (yt[i] >= 0.5f);
  double checksum = 0;
  for (const auto& l : net.layers()) checksum += l.W.cast<double>().sum() + l.b.cast<double>().sum();
  const double samples = static_cast<double>(rows) * epochs;
  std::printf("samples/cpu-s %.0f  samples/wall-s %.0f  cpu %.3f s  loss %.6f  acc %.4f  checksum %.9g\n",
              samples / cpu, samples / wall, cpu, r.finalLoss, correct / 4000.0, checksum);
  return 0;
}
