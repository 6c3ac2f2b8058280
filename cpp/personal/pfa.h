// Performance Factors Analysis (Pavlik, Cen & Koedinger 2009), the knowledge-tracing baseline:
//   P(correct) = σ(β_k + γ_k·s + ρ_k·f)
// with s, f the student's prior successes and failures on skill k. The parameters of different
// skills never share a row, so the ridge-penalised fit splits into one exact 3-parameter Newton
// solve per skill (deterministic, no learning rate).
#pragma once

#include <vector>

#include "core/bytes.h"
#include "personal/mastery_features.h"

namespace pathwise {

class Pfa {
 public:
  struct SkillParams {
    double beta = 0, gamma = 0, rho = 0;
  };

  // y: 0/1 per row of `in`. Rows whose skill is −1 are ignored. ridge ≥ 0 penalises
  // ridge/2·(β² + γ² + ρ²) on the summed log-loss of each skill.
  static Pfa fit(const PfaInputs& in, const std::vector<int>& y, size_t numSkills,
                 double ridge = 0.01);

  // Unseen skill (−1) → the training success rate.
  double predict(int skill, double successes, double failures) const;
  std::vector<double> predict(const PfaInputs& in) const;
  const std::vector<SkillParams>& params() const { return params_; }

  void save(ByteWriter& w) const;
  static Pfa load(ByteReader& r);

 private:
  std::vector<SkillParams> params_;
  double fallbackLogit_ = 0;
};

}  // namespace pathwise
