// Learning-path recommendations from a MasteryModel: a resource catalog, the documented policy
// (prerequisites mastered, weakest skill first, predicted success closest to a target, completed
// resources skipped, unknown skills flagged) and a class view of unmastered skills.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "personal/attempt_log.h"
#include "personal/mastery.h"

namespace pathwise {

struct Resource {
  std::string id, skill;
  // Probability that a typical training student fails it, in (0, 1); NaN = a typical item.
  double difficulty = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::string> prerequisites;  // skills that must be mastered first
  double duration = std::numeric_limits<double>::quiet_NaN();  // optional, carried through
};

// Catalog from CSV-like columns (difficulties, prerequisites, durations may be empty = absent;
// a cell may be empty = missing). Prerequisite cells list skills separated by ';' or '|'.
// Errors name the column and 1-based row: empty id/skill or duplicate id → BAD_OPTION,
// non-numeric → NON_NUMERIC_VALUE, difficulty outside (0, 1) or negative duration → BAD_OPTION.
std::vector<Resource> catalogFromColumns(const std::vector<std::string>& ids,
                                         const std::vector<std::string>& skills,
                                         const std::vector<std::string>& difficulties = {},
                                         const std::vector<std::string>& prerequisites = {},
                                         const std::vector<std::string>& durations = {});

struct RecommendOptions {
  int n = 5;                 // path length
  double threshold = 0.95;   // a skill is mastered when its mastery >= threshold
  // A prerequisite counts as met at mastery >= min(prerequisiteThreshold, threshold): a student
  // can build on a skill before mastering it fully (with 0.95 for both, paths stay on the first
  // skills for too long; see bench/simulator/RESULTS.md).
  double prerequisiteThreshold = 0.8;
  double target = 0.7;       // preferred predicted success on a resource
  std::vector<std::string> completed;  // resource ids already done: never recommended
  int maxPerSkill = 3;       // consecutive steps on one skill before moving to the next
};

struct StepReason {
  std::string skill;
  double mastery = 0;           // current mastery of the skill
  double predictedSuccess = 0;  // on this resource
  std::string note;
};

struct PathStep {
  std::string resource;
  double duration = std::numeric_limits<double>::quiet_NaN();
  StepReason reason;
};

struct FlaggedResource {
  std::string resource, skill, reason;
};

struct LearningPath {
  std::vector<PathStep> steps;
  std::vector<FlaggedResource> flagged;     // resources of skills unknown to the model: not used
  std::vector<std::string> blockedSkills;   // unmastered skills whose prerequisites are not met
  std::vector<std::string> masteredSkills;  // catalog skills already at or above the threshold
};

// Policy: candidate skills = catalog skills known to the model, below the threshold, whose every
// prerequisite is a known skill at or above min(prerequisiteThreshold, threshold); weakest first (ties by name). Within
// a skill, resources not completed, ordered by |predicted success − target| (ties: catalog
// order). Up to maxPerSkill steps per skill, then the next skill; further rounds when the skills
// run out before n. Options out of range → BAD_OPTION.
LearningPath recommendPath(const MasteryModel& model, const AttemptLog& history,
                           const std::string& student, const std::vector<Resource>& catalog,
                           const RecommendOptions& opts = {});
// The same from a student's replayed state (MasteryModel::replay, or built up attempt by attempt).
LearningPath recommendPath(const MasteryModel& model, const StudentState& state,
                           const std::vector<Resource>& catalog, const RecommendOptions& opts = {});

struct SkillClassSummary {
  std::string skill;
  int notMastered = 0, students = 0;
  double meanMastery = 0;
};

// Every model skill with the number of students of `histories` below the threshold, most
// unmastered first (ties: lower mean mastery first).
std::vector<SkillClassSummary> classView(const MasteryModel& model, const AttemptLog& histories,
                                         double threshold = 0.95);

}  // namespace pathwise
