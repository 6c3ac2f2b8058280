// Shared helpers for the model tests: seeded synthetic data sets (two moons, Gaussian blobs)
// and a central finite-difference gradient of a scalar function of a parameter array.
#pragma once

#include <cmath>
#include <cstddef>
#include <functional>
#include <vector>

#include "core/matrix.h"
#include "core/rng.h"

namespace pathwise::testutil {

// Standard normal from two uniforms (Box–Muller), so data is identical on every platform.
inline double gaussian(Rng& rng) {
  const double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

// sklearn-style two moons: half the points on each arc, Gaussian noise of sd `noise`.
template <typename T>
void twoMoons(int n, double noise, uint64_t seed, Matrix<T>& X, std::vector<float>& y) {
  Rng rng(seed);
  X.resize(n, 2);
  y.resize(n);
  for (int i = 0; i < n; ++i) {
    const double t = 3.141592653589793 * rng.uniform();
    const bool upper = i % 2 == 0;
    X(i, 0) = static_cast<T>((upper ? std::cos(t) : 1 - std::cos(t)) + noise * gaussian(rng));
    X(i, 1) = static_cast<T>((upper ? std::sin(t) : 0.5 - std::sin(t)) + noise * gaussian(rng));
    y[i] = upper ? 0.f : 1.f;
  }
}

// Three isotropic Gaussian blobs (sd `sd`) around fixed centres; y = blob index.
template <typename T>
void threeBlobs(int n, double sd, uint64_t seed, Matrix<T>& X, std::vector<float>& y) {
  const double cx[3] = {0, 4, 2}, cy[3] = {0, 0, 3.5};
  Rng rng(seed);
  X.resize(n, 2);
  y.resize(n);
  for (int i = 0; i < n; ++i) {
    const int c = i % 3;
    X(i, 0) = static_cast<T>(cx[c] + sd * gaussian(rng));
    X(i, 1) = static_cast<T>(cy[c] + sd * gaussian(rng));
    y[i] = static_cast<float>(c);
  }
}

// Central difference (f(p + h) − f(p − h)) / 2h for every element of p.
inline std::vector<double> numericGradient(double* p, size_t n, const std::function<double()>& f,
                                           double h = 1e-6) {
  std::vector<double> g(n);
  for (size_t i = 0; i < n; ++i) {
    const double keep = p[i];
    p[i] = keep + h;
    const double up = f();
    p[i] = keep - h;
    const double down = f();
    p[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

// |a − n| / max(|a|, |n|, floor): relative error with an absolute floor for near-zero entries.
inline double relativeError(double a, double n, double floor = 1e-7) {
  return std::fabs(a - n) / std::max({std::fabs(a), std::fabs(n), floor});
}

}  // namespace pathwise::testutil
