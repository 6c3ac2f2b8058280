// Causal per-attempt features for knowledge tracing: every feature of an attempt is computed
// from that student's earlier attempts only (no look-ahead), plus skill/item difficulties that a
// DifficultyTable estimates from the TRAINING log and that are saved with the model.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/bytes.h"
#include "core/matrix.h"
#include "personal/attempt_log.h"

namespace pathwise {

// Smoothed success rates per skill and per item, from the training log only.
//   skill rate = (successes + skillPrior·globalRate) / (attempts + skillPrior)
//   item rate  = (successes + itemPrior·skillRate)   / (attempts + itemPrior)
// With `excludeOutcome` (0/1) the attempt's own outcome is left out of the counts (leave-one-out),
// used when featurizing the training log itself so a rare item's rate does not leak its label.
class DifficultyTable {
 public:
  static DifficultyTable fit(const AttemptLog& train, double skillPrior = 10, double itemPrior = 10);

  size_t numSkills() const { return skillNames_.size(); }
  const std::vector<std::string>& skillNames() const { return skillNames_; }
  int skillIndex(const std::string& skill) const;  // −1 when not in the training log
  int itemIndex(const std::string& item) const;    // −1 when not in the training log
  double globalRate() const;
  double skillRate(int skill, int excludeOutcome = -1) const;  // skill −1 → global rate
  double itemRate(int item, int skill, int excludeOutcome = -1) const;  // item −1 → skill rate
  double skillPrior() const { return skillPrior_; }

  void save(ByteWriter& w) const;
  static DifficultyTable load(ByteReader& r);

 private:
  struct Counts {
    uint64_t attempts = 0, successes = 0;
  };
  static double smoothed(Counts c, double prior, double priorRate, int excludeOutcome);
  void buildIndex();

  double skillPrior_ = 10, itemPrior_ = 10;
  Counts global_;
  std::vector<std::string> skillNames_, itemNames_;
  std::vector<Counts> skills_, items_;
  std::unordered_map<std::string, int> skillIndex_, itemIndex_;
};

// Column layout of the feature matrix (one row per attempt). Continuous columns first, then the
// skill one-hot over the training skills (an unseen skill → all zeros).
enum MasteryFeature : int {
  kSkillAttempts = 0,    // log1p(prior attempts on this skill)
  kSkillSuccesses,       // log1p(prior successes on this skill)        (PFA γ count)
  kSkillFailures,        // log1p(prior failures on this skill)         (PFA ρ count)
  kSkillRate,            // (successes + 2·skillRate) / (attempts + 2)
  kLast1,                // last outcome on this skill: +1 correct, −1 wrong, 0 none
  kLast2,                // the one before
  kLast3,                // the one before that
  kSinceSuccess,         // log1p(attempts on this skill since the last success, or all of them)
  kNoSuccessYet,         // 1 when the student never succeeded on this skill yet
  kOverallRate,          // (prior successes + 2·globalRate) / (prior attempts + 2), any skill
  kOverallAttempts,      // log1p(prior attempts), any skill
  kPrevOutcome,          // outcome of the student's previous attempt (any skill): ±1, 0 none
  kPrevSameSkill,        // 1 when the previous attempt was on the same skill
  kSkillDifficulty,      // logit of the training success rate of the skill (higher = easier)
  kItemDifficulty,       // logit of the training success rate of the item (only with items)
};
constexpr int kBaseFeatures = kItemDifficulty;  // continuous columns without the item column

// Raw prior counts per skill that PFA uses (not log-scaled).
struct SkillCounts {
  int attempts = 0, successes = 0, failures = 0, sinceSuccess = 0;
  int8_t last[3] = {0, 0, 0};  // most recent first
};

// One student's running state. Keys are training-skill indices (≥ 0) or, for skills unseen in
// training, any negative key the caller chooses consistently.
class StudentState {
 public:
  explicit StudentState(const DifficultyTable& table) : table_(&table) {}
  // Features of a next attempt on `skillKey` whose item has success-rate logit `itemLogit`;
  // writes continuousWidth(useItems) + numSkills values into out.
  void writeFeatures(int skillKey, double skillLogit, double itemLogit, bool useItems,
                     float* out) const;
  void observe(int skillKey, int correct);
  SkillCounts counts(int skillKey) const;
  int attempts() const { return attempts_; }

 private:
  const DifficultyTable* table_;
  std::unordered_map<int, SkillCounts> skills_;
  int attempts_ = 0, successes_ = 0, prevOutcome_ = 0, prevSkill_ = INT32_MIN;
};

inline int continuousWidth(bool useItems) { return useItems ? kBaseFeatures + 1 : kBaseFeatures; }
int featureWidth(const DifficultyTable& table, bool useItems);
std::vector<std::string> featureNames(const DifficultyTable& table, bool useItems);

// Per attempt of the log, the training-skill index or −(1 + log skill code) when unseen.
std::vector<int> skillKeys(const AttemptLog& log, const DifficultyTable& table);

// Feature matrix of every attempt of `log` (rows in the log's sorted order). `leaveOneOut`: the
// log is the training log the table was fitted on (see DifficultyTable).
MatrixF masteryFeatures(const AttemptLog& log, const DifficultyTable& table, bool useItems,
                        bool leaveOneOut);

// Per-attempt PFA counts (raw prior successes/failures on the attempt's skill) and skill keys.
struct PfaInputs {
  std::vector<int> skill;  // training-skill index, −1 unseen
  std::vector<float> successes, failures;
};
PfaInputs pfaInputs(const AttemptLog& log, const DifficultyTable& table);

// Z-scores the continuous columns with means/sds of the training rows (sd 0 → 1).
class FeatureScaler {
 public:
  void fit(const MatrixF& X, int continuousColumns);
  void apply(MatrixF& X) const;
  void apply(float* row) const;
  size_t width() const { return mean_.size(); }
  void save(ByteWriter& w) const;
  static FeatureScaler load(ByteReader& r);

 private:
  std::vector<float> mean_, sd_;
};

double logit(double p);

}  // namespace pathwise
