// Test helper (not a test itself): a seeded synthetic attempt log where success grows with
// practice on a skill and with a per-student ability, for training small mastery models fast.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "core/rng.h"
#include "personal/attempt_log.h"

namespace pathwise {
namespace testing_kt {

inline AttemptLog simulatedLog(int students, int length, uint64_t seed,
                               const std::vector<std::string>& skills = {"count", "add", "mul"},
                               const std::string& prefix = "s") {
  Rng rng(seed);
  std::vector<std::string> stu, sk;
  std::vector<double> cor, ord;
  for (int s = 0; s < students; ++s) {
    const double ability = rng.uniform(-1.5, 1.5);
    std::vector<int> practice(skills.size(), 0);
    for (int t = 0; t < length; ++t) {
      const size_t k = rng.below(skills.size());
      const double z = ability - 0.6 * static_cast<double>(k) + 0.35 * practice[k];
      const int y = rng.uniform() < 1 / (1 + std::exp(-z)) ? 1 : 0;
      practice[k]++;
      stu.push_back(prefix + std::to_string(s));
      sk.push_back(skills[k]);
      cor.push_back(y);
      ord.push_back(t);
    }
  }
  return AttemptLog::fromColumns(stu, sk, cor, {}, ord);
}

}  // namespace testing_kt
}  // namespace pathwise
