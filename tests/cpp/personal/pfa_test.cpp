// Tests for the PFA baseline: it recovers planted parameters from data simulated by the PFA
// model itself, matches a hand-computed prediction, and round-trips through save/load.
#include <gtest/gtest.h>

#include <cmath>

#include "core/rng.h"
#include "personal/pfa.h"

using namespace pathwise;

namespace {

struct Planted {
  std::string skill;
  double beta, gamma, rho;
};

// Students practise random skills; each outcome is drawn from the PFA model with planted values.
AttemptLog simulate(const std::vector<Planted>& skills, int students, int length, uint64_t seed) {
  Rng rng(seed);
  std::vector<std::string> stu, sk;
  std::vector<double> cor;
  for (int s = 0; s < students; ++s) {
    std::vector<int> succ(skills.size(), 0), fail(skills.size(), 0);
    for (int t = 0; t < length; ++t) {
      const size_t k = rng.below(skills.size());
      const Planted& p = skills[k];
      const double prob = 1 / (1 + std::exp(-(p.beta + p.gamma * succ[k] + p.rho * fail[k])));
      const int y = rng.uniform() < prob ? 1 : 0;
      (y ? succ : fail)[k]++;
      stu.push_back("s" + std::to_string(s));
      sk.push_back(p.skill);
      cor.push_back(y);
    }
  }
  return AttemptLog::fromColumns(stu, sk, cor);
}

std::vector<int> labels(const AttemptLog& log) {
  std::vector<int> y(log.size());
  for (size_t i = 0; i < log.size(); ++i) y[i] = log.correct(i);
  return y;
}

}  // namespace

TEST(Pfa, RecoversPlantedParameters) {
  const std::vector<Planted> planted = {
      {"fractions", -1.0, 0.30, -0.05}, {"algebra", 0.5, 0.10, -0.25}, {"geometry", 0.0, 0.20, 0.10}};
  AttemptLog log = simulate(planted, 3000, 24, 7);
  DifficultyTable table = DifficultyTable::fit(log);
  Pfa pfa = Pfa::fit(pfaInputs(log, table), labels(log), table.numSkills(), 0.01);
  for (const Planted& p : planted) {
    const Pfa::SkillParams& q = pfa.params()[table.skillIndex(p.skill)];
    EXPECT_NEAR(q.beta, p.beta, 0.08) << p.skill;
    EXPECT_NEAR(q.gamma, p.gamma, 0.03) << p.skill;
    EXPECT_NEAR(q.rho, p.rho, 0.03) << p.skill;
  }
}

TEST(Pfa, PredictionFormulaAndFallback) {
  AttemptLog log = AttemptLog::fromColumns({"a", "a", "a", "b", "b"}, {"x", "x", "x", "x", "x"},
                                           {0, 1, 1, 1, 0});
  DifficultyTable table = DifficultyTable::fit(log);
  PfaInputs in = pfaInputs(log, table);
  // Raw prior counts: a: (0,0) (0,1) (1,1); b: (0,0) (1,0).
  EXPECT_EQ(in.successes, (std::vector<float>{0, 0, 1, 0, 1}));
  EXPECT_EQ(in.failures, (std::vector<float>{0, 1, 1, 0, 0}));
  Pfa pfa = Pfa::fit(in, labels(log), 1, 0.5);
  const auto& p = pfa.params()[0];
  EXPECT_NEAR(pfa.predict(0, 2, 3), 1 / (1 + std::exp(-(p.beta + 2 * p.gamma + 3 * p.rho))), 1e-12);
  // Unseen skill: the smoothed training rate (3 + 0.5) / (5 + 1).
  EXPECT_NEAR(pfa.predict(-1, 4, 4), 3.5 / 6.0, 1e-12);
  // The ridge optimum has zero gradient: Σ (p − y)·x + ridge·w = 0.
  std::vector<double> pred = pfa.predict(in);
  double g0 = 0.5 * p.beta, g1 = 0.5 * p.gamma, g2 = 0.5 * p.rho;
  for (size_t i = 0; i < pred.size(); ++i) {
    g0 += pred[i] - log.correct(i);
    g1 += (pred[i] - log.correct(i)) * in.successes[i];
    g2 += (pred[i] - log.correct(i)) * in.failures[i];
  }
  EXPECT_NEAR(g0, 0, 1e-7);
  EXPECT_NEAR(g1, 0, 1e-7);
  EXPECT_NEAR(g2, 0, 1e-7);
}

TEST(Pfa, SaveLoadRoundTrip) {
  AttemptLog log = simulate({{"a", 0.2, 0.1, -0.1}, {"b", -0.3, 0.2, 0.0}}, 50, 10, 3);
  DifficultyTable table = DifficultyTable::fit(log);
  PfaInputs in = pfaInputs(log, table);
  Pfa pfa = Pfa::fit(in, labels(log), table.numSkills());
  ByteWriter w;
  pfa.save(w);
  ByteReader r(w.data());
  Pfa back = Pfa::load(r);
  EXPECT_EQ(back.predict(in), pfa.predict(in));
  std::vector<uint8_t> bytes = w.data();
  bytes.resize(bytes.size() - 3);
  ByteReader truncated(bytes);
  EXPECT_THROW(Pfa::load(truncated), Error);
}
