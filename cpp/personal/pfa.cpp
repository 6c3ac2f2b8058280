// PFA fit: per-skill damped Newton on the ridge-penalised logistic log-likelihood.
#include "personal/pfa.h"

#include <cmath>

#include "core/error.h"

namespace pathwise {
namespace {

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

struct Rows {
  std::vector<double> s, f;
  std::vector<int> y;
};

double objective(const Rows& rows, const Eigen::Vector3d& w, double ridge) {
  double loss = 0.5 * ridge * w.squaredNorm();
  for (size_t i = 0; i < rows.y.size(); ++i) {
    const double z = w[0] + w[1] * rows.s[i] + w[2] * rows.f[i];
    loss += softplus(z) - rows.y[i] * z;
  }
  return loss;
}

// Newton with step halving: the objective is strictly convex when ridge > 0.
Eigen::Vector3d newton(const Rows& rows, double ridge) {
  Eigen::Vector3d w = Eigen::Vector3d::Zero();
  double current = objective(rows, w, ridge);
  for (int iter = 0; iter < 100; ++iter) {
    Eigen::Vector3d g = ridge * w;
    Eigen::Matrix3d h = ridge * Eigen::Matrix3d::Identity();
    for (size_t i = 0; i < rows.y.size(); ++i) {
      const Eigen::Vector3d x(1.0, rows.s[i], rows.f[i]);
      const double p = sigmoid(w.dot(x));
      g += (p - rows.y[i]) * x;
      h += std::max(p * (1 - p), 1e-12) * x * x.transpose();
    }
    const Eigen::Vector3d step = h.ldlt().solve(g);
    double t = 1.0;
    Eigen::Vector3d next = w - step;
    double value = objective(rows, next, ridge);
    while (value > current && t > 1e-6) {
      t *= 0.5;
      next = w - t * step;
      value = objective(rows, next, ridge);
    }
    if (value > current) break;
    const double change = (next - w).cwiseAbs().maxCoeff();
    w = next;
    current = value;
    if (change < 1e-9) break;
  }
  return w;
}

}  // namespace

Pfa Pfa::fit(const PfaInputs& in, const std::vector<int>& y, size_t numSkills, double ridge) {
  require(in.skill.size() == y.size() && in.successes.size() == y.size() &&
              in.failures.size() == y.size(),
          ErrorCode::SHAPE_MISMATCH, "PFA inputs and labels differ in length");
  require(ridge >= 0 && std::isfinite(ridge), ErrorCode::BAD_OPTION,
          "option 'pfaRidge' must be >= 0");
  std::vector<Rows> bySkill(numSkills);
  double positives = 0, used = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    const int k = in.skill[i];
    if (k < 0) continue;
    require(static_cast<size_t>(k) < numSkills, ErrorCode::SHAPE_MISMATCH,
            "PFA skill index out of range");
    bySkill[k].s.push_back(in.successes[i]);
    bySkill[k].f.push_back(in.failures[i]);
    bySkill[k].y.push_back(y[i]);
    positives += y[i];
    used += 1;
  }
  require(used > 0, ErrorCode::EMPTY_DATA, "no attempts to fit PFA on");
  Pfa pfa;
  const double rate = (positives + 0.5) / (used + 1.0);
  pfa.fallbackLogit_ = std::log(rate / (1 - rate));
  pfa.params_.resize(numSkills);
  for (size_t k = 0; k < numSkills; ++k) {
    if (bySkill[k].y.empty()) {
      pfa.params_[k].beta = pfa.fallbackLogit_;
      continue;
    }
    const Eigen::Vector3d w = newton(bySkill[k], std::max(ridge, 1e-9));
    pfa.params_[k] = {w[0], w[1], w[2]};
  }
  return pfa;
}

double Pfa::predict(int skill, double successes, double failures) const {
  if (skill < 0 || static_cast<size_t>(skill) >= params_.size()) return sigmoid(fallbackLogit_);
  const SkillParams& p = params_[skill];
  return sigmoid(p.beta + p.gamma * successes + p.rho * failures);
}

std::vector<double> Pfa::predict(const PfaInputs& in) const {
  std::vector<double> out(in.skill.size());
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = predict(in.skill[i], in.successes[i], in.failures[i]);
  return out;
}

void Pfa::save(ByteWriter& w) const {
  w.f64(fallbackLogit_);
  w.u32(static_cast<uint32_t>(params_.size()));
  for (const auto& p : params_) {
    w.f64(p.beta);
    w.f64(p.gamma);
    w.f64(p.rho);
  }
}

Pfa Pfa::load(ByteReader& r) {
  Pfa pfa;
  pfa.fallbackLogit_ = r.f64();
  const uint32_t n = r.count(24, "PFA skill");
  pfa.params_.resize(n);
  for (auto& p : pfa.params_) {
    p.beta = r.f64();
    p.gamma = r.f64();
    p.rho = r.f64();
    if (!std::isfinite(p.beta) || !std::isfinite(p.gamma) || !std::isfinite(p.rho))
      r.fail("PFA parameter is not finite");
  }
  if (!std::isfinite(pfa.fallbackLogit_)) r.fail("PFA fallback is not finite");
  return pfa;
}

}  // namespace pathwise
