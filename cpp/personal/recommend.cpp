// Learning paths: catalog parsing, the recommendation policy and the class view.
#include "personal/recommend.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "core/error.h"

namespace pathwise {
namespace {

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string where(const char* column, size_t row) {
  return std::string("column '") + column + "' row " + std::to_string(row + 1);
}

double parseOptional(const std::vector<std::string>& cells, size_t row, const char* column) {
  if (cells.empty()) return std::numeric_limits<double>::quiet_NaN();
  const std::string t = trim(cells[row]);
  if (t.empty()) return std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  require(end && *end == '\0' && std::isfinite(v), ErrorCode::NON_NUMERIC_VALUE,
          where(column, row) + ": '" + cells[row] + "' is not a number");
  return v;
}

std::vector<std::string> splitSkills(const std::string& cell) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : cell + ";") {
    if (c == ';' || c == '|') {
      const std::string t = trim(cur);
      if (!t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  return out;
}

std::string fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

void validate(const RecommendOptions& o) {
  require(o.n >= 1, ErrorCode::BAD_OPTION, "option 'n' must be >= 1");
  require(o.threshold > 0 && o.threshold <= 1, ErrorCode::BAD_OPTION,
          "option 'threshold' must be in (0, 1]");
  require(o.prerequisiteThreshold > 0 && o.prerequisiteThreshold <= 1, ErrorCode::BAD_OPTION,
          "option 'prerequisiteThreshold' must be in (0, 1]");
  require(o.target > 0 && o.target < 1, ErrorCode::BAD_OPTION, "option 'target' must be in (0, 1)");
  require(o.maxPerSkill >= 1, ErrorCode::BAD_OPTION, "option 'maxPerSkill' must be >= 1");
}

struct Candidate {
  size_t index;  // into the catalog
  double predicted;
};

}  // namespace

std::vector<Resource> catalogFromColumns(const std::vector<std::string>& ids,
                                         const std::vector<std::string>& skills,
                                         const std::vector<std::string>& difficulties,
                                         const std::vector<std::string>& prerequisites,
                                         const std::vector<std::string>& durations) {
  const size_t n = ids.size();
  require(n > 0, ErrorCode::EMPTY_DATA, "the resource catalog has no rows");
  auto ok = [n](size_t m) { return m == n || m == 0; };
  require(skills.size() == n && ok(difficulties.size()) && ok(prerequisites.size()) &&
              ok(durations.size()),
          ErrorCode::SHAPE_MISMATCH, "resource catalog columns differ in length");
  std::vector<Resource> out(n);
  std::set<std::string> seen;
  for (size_t i = 0; i < n; ++i) {
    Resource& r = out[i];
    r.id = trim(ids[i]);
    r.skill = trim(skills[i]);
    require(!r.id.empty(), ErrorCode::BAD_OPTION, where("id", i) + " is empty");
    require(!r.skill.empty(), ErrorCode::BAD_OPTION, where("skill", i) + " is empty");
    require(seen.insert(r.id).second, ErrorCode::BAD_OPTION,
            where("id", i) + ": resource '" + r.id + "' appears twice");
    r.difficulty = parseOptional(difficulties, i, "difficulty");
    require(std::isnan(r.difficulty) || (r.difficulty > 0 && r.difficulty < 1),
            ErrorCode::BAD_OPTION,
            where("difficulty", i) + " must be a failure probability in (0, 1)");
    r.duration = parseOptional(durations, i, "duration");
    require(std::isnan(r.duration) || r.duration >= 0, ErrorCode::BAD_OPTION,
            where("duration", i) + " must be >= 0");
    if (!prerequisites.empty()) r.prerequisites = splitSkills(prerequisites[i]);
  }
  return out;
}

LearningPath recommendPath(const MasteryModel& model, const AttemptLog& history,
                           const std::string& student, const std::vector<Resource>& catalog,
                           const RecommendOptions& opts) {
  return recommendPath(model, model.replay(history, student), catalog, opts);
}

namespace {

// Working state of one recommendPath call.
class PathBuilder {
 public:
  PathBuilder(const MasteryModel& model, const StudentState& state,
              const std::vector<Resource>& catalog, const RecommendOptions& opts)
      : model_(model), state_(state), catalog_(catalog), opts_(opts) {
    for (const SkillMastery& m : model.mastery(state)) mastery_[m.skill] = m.mastery;
  }

  LearningPath build() {
    groupCatalog();
    selectEligible();
    fillSteps();
    return std::move(path_);
  }

 private:
  // Usable resources by skill (catalog order); resources of unknown skills are flagged.
  void groupCatalog() {
    const std::set<std::string> completed(opts_.completed.begin(), opts_.completed.end());
    for (size_t i = 0; i < catalog_.size(); ++i) {
      const Resource& r = catalog_[i];
      if (!mastery_.count(r.skill)) {
        path_.flagged.push_back(
            {r.id, r.skill, "skill '" + r.skill + "' is unknown to the mastery model; not recommended"});
        continue;
      }
      if (!bySkill_.count(r.skill)) skillOrder_.push_back(r.skill);
      auto& pre = prereqs_[r.skill];
      for (const auto& p : r.prerequisites)
        if (std::find(pre.begin(), pre.end(), p) == pre.end()) pre.push_back(p);
      auto& list = bySkill_[r.skill];
      if (!completed.count(r.id))
        list.push_back({i, model_.predictAttempt(state_, r.skill, r.difficulty)});
    }
  }

  // "p (0.41), q (unknown skill)" for prerequisites below the threshold; "" when all are met.
  std::string missingPrerequisites(const std::string& skill) const {
    std::string missing;
    for (const auto& p : prereqs_.at(skill)) {
      auto it = mastery_.find(p);
      if (it != mastery_.end() && it->second >= std::min(opts_.prerequisiteThreshold, opts_.threshold)) continue;
      missing += (missing.empty() ? "" : ", ") + p +
                 (it == mastery_.end() ? " (unknown skill)" : " (" + fmt(it->second) + ")");
    }
    return missing;
  }

  // Eligible skills: unmastered with prerequisites mastered, weakest first; candidates of each
  // ordered by distance of predicted success to the target.
  void selectEligible() {
    for (const auto& skill : skillOrder_) {
      if (mastery_[skill] >= opts_.threshold) {
        path_.masteredSkills.push_back(skill);
        continue;
      }
      const std::string missing = missingPrerequisites(skill);
      if (!missing.empty()) {
        path_.blockedSkills.push_back(skill + ": needs " + missing);
        continue;
      }
      eligible_.push_back(skill);
    }
    std::sort(eligible_.begin(), eligible_.end(), [&](const std::string& a, const std::string& b) {
      return mastery_[a] != mastery_[b] ? mastery_[a] < mastery_[b] : a < b;
    });
    for (const auto& skill : eligible_)
      std::stable_sort(bySkill_[skill].begin(), bySkill_[skill].end(),
                       [&](const Candidate& a, const Candidate& b) {
                         return std::abs(a.predicted - opts_.target) <
                                std::abs(b.predicted - opts_.target);
                       });
  }

  // Blocks of up to maxPerSkill steps per skill in weakness order, repeated until n or exhausted.
  void fillSteps() {
    std::map<std::string, size_t> used;
    bool progress = true;
    while (!full() && progress) {
      progress = false;
      for (size_t rank = 0; rank < eligible_.size(); ++rank) {
        const std::string& skill = eligible_[rank];
        const auto& list = bySkill_[skill];
        for (int k = 0; k < opts_.maxPerSkill && used[skill] < list.size() && !full(); ++k) {
          addStep(skill, rank, list[used[skill]++]);
          progress = true;
        }
      }
    }
  }

  bool full() const { return static_cast<int>(path_.steps.size()) >= opts_.n; }

  void addStep(const std::string& skill, size_t rank, const Candidate& c) {
    const Resource& r = catalog_[c.index];
    std::string note = "skill ranked " + std::to_string(rank + 1) + " of " +
                       std::to_string(eligible_.size()) +
                       " unmastered with prerequisites met (mastery " + fmt(mastery_[skill]) +
                       " < " + fmt(opts_.threshold) + "); predicted success " + fmt(c.predicted) +
                       ", target " + fmt(opts_.target);
    if (std::isnan(r.difficulty)) note += "; no difficulty given, treated as a typical item";
    path_.steps.push_back({r.id, r.duration, {skill, mastery_[skill], c.predicted, note}});
  }

  const MasteryModel& model_;
  const StudentState& state_;
  const std::vector<Resource>& catalog_;
  const RecommendOptions& opts_;
  std::map<std::string, double> mastery_;
  std::map<std::string, std::vector<Candidate>> bySkill_;
  std::map<std::string, std::vector<std::string>> prereqs_;
  std::vector<std::string> skillOrder_, eligible_;
  LearningPath path_;
};

}  // namespace

LearningPath recommendPath(const MasteryModel& model, const StudentState& state,
                           const std::vector<Resource>& catalog, const RecommendOptions& opts) {
  validate(opts);
  return PathBuilder(model, state, catalog, opts).build();
}

std::vector<SkillClassSummary> classView(const MasteryModel& model, const AttemptLog& histories,
                                         double threshold) {
  require(threshold > 0 && threshold <= 1, ErrorCode::BAD_OPTION,
          "option 'threshold' must be in (0, 1]");
  std::vector<SkillClassSummary> out(model.skills().size());
  for (size_t k = 0; k < out.size(); ++k) out[k].skill = model.skills()[k];
  const std::vector<int> keys = skillKeys(histories, model.difficulty());
  for (const auto& range : histories.studentRanges()) {
    StudentState state(model.difficulty());
    for (size_t i = range.first; i < range.second; ++i) state.observe(keys[i], histories.correct(i));
    const std::vector<SkillMastery> m = model.mastery(state);
    for (size_t k = 0; k < m.size(); ++k) {
      out[k].students++;
      out[k].meanMastery += m[k].mastery;
      if (m[k].mastery < threshold) out[k].notMastered++;
    }
  }
  for (auto& s : out)
    if (s.students) s.meanMastery /= s.students;
  std::stable_sort(out.begin(), out.end(), [](const SkillClassSummary& a, const SkillClassSummary& b) {
    return a.notMastered != b.notMastered ? a.notMastered > b.notMastered
                                          : a.meanMastery < b.meanMastery;
  });
  return out;
}

}  // namespace pathwise
