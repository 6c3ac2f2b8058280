// Causal knowledge-tracing features: difficulty table, per-student running state, feature
// matrices, PFA counts and the z-score scaler.
#include "personal/mastery_features.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace pathwise {
namespace {

constexpr double kStudentPrior = 2.0;  // pseudo-attempts pulling a student's rates to the prior
constexpr uint32_t kTableVersion = 1;

float signedOutcome(int correct) { return correct ? 1.0f : -1.0f; }

}  // namespace

double logit(double p) {
  const double q = std::min(std::max(p, 1e-4), 1.0 - 1e-4);
  return std::log(q / (1.0 - q));
}

// ---- DifficultyTable -------------------------------------------------------------------------

DifficultyTable DifficultyTable::fit(const AttemptLog& train, double skillPrior, double itemPrior) {
  require(train.size() > 0, ErrorCode::EMPTY_DATA, "the training log has no attempts");
  require(skillPrior > 0 && itemPrior > 0 && std::isfinite(skillPrior) && std::isfinite(itemPrior),
          ErrorCode::BAD_OPTION, "difficulty priors must be positive");
  DifficultyTable t;
  t.skillPrior_ = skillPrior;
  t.itemPrior_ = itemPrior;
  t.skillNames_ = train.skillNames();
  t.itemNames_ = train.itemNames();
  t.skills_.assign(t.skillNames_.size(), {});
  t.items_.assign(t.itemNames_.size(), {});
  for (size_t i = 0; i < train.size(); ++i) {
    const int y = train.correct(i);
    t.global_.attempts++;
    t.global_.successes += y;
    t.skills_[train.skill(i)].attempts++;
    t.skills_[train.skill(i)].successes += y;
    if (train.hasItems()) {
      t.items_[train.item(i)].attempts++;
      t.items_[train.item(i)].successes += y;
    }
  }
  t.buildIndex();
  return t;
}

void DifficultyTable::buildIndex() {
  skillIndex_.clear();
  itemIndex_.clear();
  for (size_t i = 0; i < skillNames_.size(); ++i) skillIndex_[skillNames_[i]] = static_cast<int>(i);
  for (size_t i = 0; i < itemNames_.size(); ++i) itemIndex_[itemNames_[i]] = static_cast<int>(i);
}

int DifficultyTable::skillIndex(const std::string& skill) const {
  auto it = skillIndex_.find(skill);
  return it == skillIndex_.end() ? -1 : it->second;
}

int DifficultyTable::itemIndex(const std::string& item) const {
  auto it = itemIndex_.find(item);
  return it == itemIndex_.end() ? -1 : it->second;
}

double DifficultyTable::smoothed(Counts c, double prior, double priorRate, int excludeOutcome) {
  double n = static_cast<double>(c.attempts), s = static_cast<double>(c.successes);
  if (excludeOutcome >= 0 && n >= 1) {
    n -= 1;
    s -= excludeOutcome;
  }
  return (s + prior * priorRate) / (n + prior);
}

double DifficultyTable::globalRate() const {
  return global_.attempts ? static_cast<double>(global_.successes) / global_.attempts : 0.5;
}

double DifficultyTable::skillRate(int skill, int excludeOutcome) const {
  if (skill < 0 || static_cast<size_t>(skill) >= skills_.size()) return globalRate();
  return smoothed(skills_[skill], skillPrior_, globalRate(), excludeOutcome);
}

double DifficultyTable::itemRate(int item, int skill, int excludeOutcome) const {
  const double base = skillRate(skill, excludeOutcome);
  if (item < 0 || static_cast<size_t>(item) >= items_.size()) return base;
  return smoothed(items_[item], itemPrior_, base, excludeOutcome);
}

void DifficultyTable::save(ByteWriter& w) const {
  w.u32(kTableVersion);
  w.f64(skillPrior_);
  w.f64(itemPrior_);
  w.u64(global_.attempts);
  w.u64(global_.successes);
  auto put = [&w](const std::vector<std::string>& names, const std::vector<Counts>& counts) {
    w.u32(static_cast<uint32_t>(names.size()));
    for (size_t i = 0; i < names.size(); ++i) {
      w.str(names[i]);
      w.u64(counts[i].attempts);
      w.u64(counts[i].successes);
    }
  };
  put(skillNames_, skills_);
  put(itemNames_, items_);
}

DifficultyTable DifficultyTable::load(ByteReader& r) {
  if (r.u32() != kTableVersion) r.fail("unknown difficulty-table version");
  DifficultyTable t;
  t.skillPrior_ = r.f64();
  t.itemPrior_ = r.f64();
  if (!(t.skillPrior_ > 0 && std::isfinite(t.skillPrior_) && t.itemPrior_ > 0 &&
        std::isfinite(t.itemPrior_)))
    r.fail("difficulty priors must be positive and finite");
  t.global_.attempts = r.u64();
  t.global_.successes = r.u64();
  if (t.global_.successes > t.global_.attempts) r.fail("more successes than attempts");
  auto get = [&r](std::vector<std::string>& names, std::vector<Counts>& counts, const char* what) {
    const uint32_t n = r.count(20, what);
    names.resize(n);
    counts.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      names[i] = r.str();
      counts[i].attempts = r.u64();
      counts[i].successes = r.u64();
      if (counts[i].successes > counts[i].attempts) r.fail("more successes than attempts");
    }
  };
  get(t.skillNames_, t.skills_, "skill");
  get(t.itemNames_, t.items_, "item");
  t.buildIndex();
  if (t.skillIndex_.size() != t.skillNames_.size() || t.itemIndex_.size() != t.itemNames_.size())
    r.fail("duplicate skill or item name");
  return t;
}

// ---- StudentState ----------------------------------------------------------------------------

SkillCounts StudentState::counts(int skillKey) const {
  auto it = skills_.find(skillKey);
  return it == skills_.end() ? SkillCounts{} : it->second;
}

void StudentState::writeFeatures(int skillKey, double skillLogit, double itemLogit, bool useItems,
                                 float* out) const {
  const SkillCounts c = counts(skillKey);
  const double skillRate = 1.0 / (1.0 + std::exp(-skillLogit));
  out[kSkillAttempts] = static_cast<float>(std::log1p(c.attempts));
  out[kSkillSuccesses] = static_cast<float>(std::log1p(c.successes));
  out[kSkillFailures] = static_cast<float>(std::log1p(c.failures));
  out[kSkillRate] = static_cast<float>((c.successes + kStudentPrior * skillRate) /
                                       (c.attempts + kStudentPrior));
  out[kLast1] = c.last[0];
  out[kLast2] = c.last[1];
  out[kLast3] = c.last[2];
  out[kSinceSuccess] = static_cast<float>(std::log1p(c.sinceSuccess));
  out[kNoSuccessYet] = c.successes == 0 ? 1.0f : 0.0f;
  out[kOverallRate] = static_cast<float>((successes_ + kStudentPrior * table_->globalRate()) /
                                         (attempts_ + kStudentPrior));
  out[kOverallAttempts] = static_cast<float>(std::log1p(attempts_));
  out[kPrevOutcome] = static_cast<float>(prevOutcome_);
  out[kPrevSameSkill] = (attempts_ > 0 && prevSkill_ == skillKey) ? 1.0f : 0.0f;
  out[kSkillDifficulty] = static_cast<float>(skillLogit);
  const int width = continuousWidth(useItems);
  if (useItems) out[kItemDifficulty] = static_cast<float>(itemLogit);
  const int k = static_cast<int>(table_->numSkills());
  std::fill(out + width, out + width + k, 0.0f);
  if (skillKey >= 0 && skillKey < k) out[width + skillKey] = 1.0f;
}

void StudentState::observe(int skillKey, int correct) {
  SkillCounts& c = skills_[skillKey];
  c.attempts++;
  if (correct) {
    c.successes++;
    c.sinceSuccess = 0;
  } else {
    c.failures++;
    c.sinceSuccess++;
  }
  c.last[2] = c.last[1];
  c.last[1] = c.last[0];
  c.last[0] = static_cast<int8_t>(signedOutcome(correct));
  attempts_++;
  successes_ += correct;
  prevOutcome_ = static_cast<int>(signedOutcome(correct));
  prevSkill_ = skillKey;
}

// ---- matrices --------------------------------------------------------------------------------

int featureWidth(const DifficultyTable& table, bool useItems) {
  return continuousWidth(useItems) + static_cast<int>(table.numSkills());
}

std::vector<std::string> featureNames(const DifficultyTable& table, bool useItems) {
  std::vector<std::string> names = {"skillAttempts", "skillSuccesses", "skillFailures", "skillRate",
                                    "last1", "last2", "last3", "sinceSuccess", "noSuccessYet",
                                    "overallRate", "overallAttempts", "prevOutcome",
                                    "prevSameSkill", "skillDifficulty"};
  if (useItems) names.push_back("itemDifficulty");
  for (const auto& s : table.skillNames()) names.push_back("skill=" + s);
  return names;
}

std::vector<int> skillKeys(const AttemptLog& log, const DifficultyTable& table) {
  std::vector<int> map(log.skillNames().size());
  for (size_t s = 0; s < map.size(); ++s) {
    const int idx = table.skillIndex(log.skillNames()[s]);
    map[s] = idx >= 0 ? idx : -1 - static_cast<int>(s);
  }
  std::vector<int> keys(log.size());
  for (size_t i = 0; i < log.size(); ++i) keys[i] = map[log.skill(i)];
  return keys;
}

MatrixF masteryFeatures(const AttemptLog& log, const DifficultyTable& table, bool useItems,
                        bool leaveOneOut) {
  const std::vector<int> keys = skillKeys(log, table);
  std::vector<int> itemMap;
  if (useItems && log.hasItems()) {
    itemMap.resize(log.itemNames().size());
    for (size_t i = 0; i < itemMap.size(); ++i) itemMap[i] = table.itemIndex(log.itemNames()[i]);
  }
  MatrixF X(static_cast<Eigen::Index>(log.size()), featureWidth(table, useItems));
  for (const auto& range : log.studentRanges()) {
    StudentState state(table);
    for (size_t i = range.first; i < range.second; ++i) {
      const int skill = keys[i] >= 0 ? keys[i] : -1;
      const int exclude = leaveOneOut ? log.correct(i) : -1;
      const double skillLogit = logit(table.skillRate(skill, exclude));
      const int item = itemMap.empty() ? -1 : itemMap[log.item(i)];
      const double itemLogit = logit(table.itemRate(item, skill, exclude));
      state.writeFeatures(keys[i], skillLogit, itemLogit, useItems, X.row(i).data());
      state.observe(keys[i], log.correct(i));
    }
  }
  return X;
}

PfaInputs pfaInputs(const AttemptLog& log, const DifficultyTable& table) {
  const std::vector<int> keys = skillKeys(log, table);
  PfaInputs in;
  in.skill.resize(log.size());
  in.successes.resize(log.size());
  in.failures.resize(log.size());
  for (const auto& range : log.studentRanges()) {
    StudentState state(table);
    for (size_t i = range.first; i < range.second; ++i) {
      const SkillCounts c = state.counts(keys[i]);
      in.skill[i] = keys[i] >= 0 ? keys[i] : -1;
      in.successes[i] = static_cast<float>(c.successes);
      in.failures[i] = static_cast<float>(c.failures);
      state.observe(keys[i], log.correct(i));
    }
  }
  return in;
}

// ---- FeatureScaler ---------------------------------------------------------------------------

void FeatureScaler::fit(const MatrixF& X, int continuousColumns) {
  require(X.rows() > 0, ErrorCode::EMPTY_DATA, "no rows to fit the feature scaler on");
  mean_.assign(continuousColumns, 0.0f);
  sd_.assign(continuousColumns, 1.0f);
  for (int j = 0; j < continuousColumns; ++j) {
    const double m = X.col(j).cast<double>().mean();
    const double v = (X.col(j).cast<double>().array() - m).square().mean();
    mean_[j] = static_cast<float>(m);
    sd_[j] = v > 1e-12 ? static_cast<float>(std::sqrt(v)) : 1.0f;
  }
}

void FeatureScaler::apply(float* row) const {
  for (size_t j = 0; j < mean_.size(); ++j) row[j] = (row[j] - mean_[j]) / sd_[j];
}

void FeatureScaler::apply(MatrixF& X) const {
  for (Eigen::Index i = 0; i < X.rows(); ++i) apply(X.row(i).data());
}

void FeatureScaler::save(ByteWriter& w) const {
  w.u32(static_cast<uint32_t>(mean_.size()));
  w.f32s(mean_.data(), mean_.size());
  w.f32s(sd_.data(), sd_.size());
}

FeatureScaler FeatureScaler::load(ByteReader& r) {
  FeatureScaler s;
  const uint32_t n = r.count(8, "scaler column");
  s.mean_.resize(n);
  s.sd_.resize(n);
  r.f32s(s.mean_.data(), n);
  r.f32s(s.sd_.data(), n);
  for (uint32_t j = 0; j < n; ++j)
    if (!std::isfinite(s.mean_[j]) || !(s.sd_[j] > 0) || !std::isfinite(s.sd_[j]))
      r.fail("scaler mean/sd not finite or sd not positive");
  return s;
}

}  // namespace pathwise
