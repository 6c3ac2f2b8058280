// Tests for learning-path recommendations: prerequisites, the mastery threshold, completed
// resources, unknown skills, the predicted-success target, ordering, and the class view.
#include <gtest/gtest.h>

#include <set>

#include <algorithm>
#include <cmath>
#include <map>

#include "core/error.h"
#include "kt_sim.h"
#include "personal/recommend.h"

using namespace pathwise;
using testing_kt::simulatedLog;

namespace {

const MasteryModel& model() {
  static const MasteryModel m = [] {
    MasteryOptions o;
    o.hidden = {16};
    o.epochs = 6;
    o.batchSize = 64;
    o.seed = 5;
    return MasteryModel::train(simulatedLog(300, 40, 21), o);
  }();
  return m;
}

// One student: strong on count, middling on add, weak on mul.
AttemptLog history() {
  std::vector<std::string> stu, sk;
  std::vector<double> cor;
  auto add = [&](const std::string& skill, int right, int wrong) {
    for (int i = 0; i < right + wrong; ++i) {
      stu.push_back("kim");
      sk.push_back(skill);
      cor.push_back(i < right ? 1 : 0);
    }
  };
  add("count", 10, 0);
  add("add", 3, 3);
  add("mul", 0, 5);
  return AttemptLog::fromColumns(stu, sk, cor);
}

std::vector<Resource> catalog() {
  return catalogFromColumns(
      {"c1", "a1", "a2", "a3", "a4", "m1", "m2", "g1"},
      {"count", "add", "add", "add", "add", "mul", "mul", "geometry"},
      {"0.3", "0.2", "0.5", "0.7", "", "0.4", "0.6", "0.5"},
      {"", "count", "count", "count", "count", "add; count", "add|count", ""},
      {"5", "10", "10", "15", "", "20", "20", "30"});
}

std::map<std::string, double> masteryOf() {
  std::map<std::string, double> out;
  for (const auto& m : model().mastery(history())) out[m.skill] = m.mastery;
  return out;
}

}  // namespace

TEST(Catalog, ParsesAndValidates) {
  std::vector<Resource> c = catalog();
  ASSERT_EQ(c.size(), 8u);
  EXPECT_EQ(c[5].prerequisites, (std::vector<std::string>{"add", "count"}));
  EXPECT_EQ(c[6].prerequisites, (std::vector<std::string>{"add", "count"}));
  EXPECT_TRUE(std::isnan(c[4].difficulty));
  EXPECT_DOUBLE_EQ(c[3].difficulty, 0.7);
  EXPECT_DOUBLE_EQ(c[0].duration, 5);
  auto codeOf = [](auto f) {
    try {
      f();
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::INTERNAL;
  };
  EXPECT_EQ(codeOf([] { catalogFromColumns({"a", "a"}, {"x", "y"}); }), ErrorCode::BAD_OPTION);
  EXPECT_EQ(codeOf([] { catalogFromColumns({"a"}, {"x"}, {"hard"}); }), ErrorCode::NON_NUMERIC_VALUE);
  EXPECT_EQ(codeOf([] { catalogFromColumns({"a"}, {"x"}, {"3"}); }), ErrorCode::BAD_OPTION);
  EXPECT_EQ(codeOf([] { catalogFromColumns({"a", "b"}, {"x"}); }), ErrorCode::SHAPE_MISMATCH);
}

TEST(RecommendPath, RespectsThresholdPrerequisitesAndWeakestFirst) {
  const auto m = masteryOf();
  ASSERT_GT(m.at("count"), m.at("add"));
  ASSERT_GT(m.at("add"), m.at("mul"));
  // Threshold between add and count: count is mastered, add is open, mul is blocked (needs add).
  RecommendOptions o;
  o.prerequisiteThreshold = 1.0;  // prerequisites must reach the mastery threshold itself
  o.threshold = (m.at("count") + m.at("add")) / 2;
  o.n = 10;
  LearningPath p = recommendPath(model(), history(), "kim", catalog(), o);
  ASSERT_EQ(p.steps.size(), 4u);  // a1..a4 only
  for (const auto& s : p.steps) {
    EXPECT_EQ(s.reason.skill, "add");
    EXPECT_LT(s.reason.mastery, o.threshold);
    EXPECT_DOUBLE_EQ(s.reason.mastery, m.at("add"));
  }
  EXPECT_EQ(p.masteredSkills, (std::vector<std::string>{"count"}));
  ASSERT_EQ(p.blockedSkills.size(), 1u);
  EXPECT_EQ(p.blockedSkills[0].rfind("mul: needs add", 0), 0u) << p.blockedSkills[0];
  // Threshold above every mastery: count is not mastered, so both add and mul are blocked and
  // only the count resource is offered.
  o.threshold = 0.999;
  p = recommendPath(model(), history(), "kim", catalog(), o);
  ASSERT_EQ(p.steps.size(), 1u);
  EXPECT_EQ(p.steps[0].resource, "c1");
  EXPECT_EQ(p.blockedSkills.size(), 2u);
  // Threshold below mul: nothing left to learn.
  o.threshold = m.at("mul") / 2;
  p = recommendPath(model(), history(), "kim", catalog(), o);
  EXPECT_TRUE(p.steps.empty());
  EXPECT_EQ(p.masteredSkills.size(), 3u);
}

TEST(RecommendPath, PrerequisiteThresholdCanBeLowerThanMastery) {
  const auto m = masteryOf();
  // Mastery threshold above every skill, prerequisite threshold between add and count: count
  // is open and also unlocks add; mul still needs add.
  RecommendOptions o;
  o.threshold = 0.999;
  o.prerequisiteThreshold = (m.at("count") + m.at("add")) / 2;
  o.n = 10;
  LearningPath p = recommendPath(model(), history(), "kim", catalog(), o);
  std::set<std::string> skills;
  for (const auto& s : p.steps) skills.insert(s.reason.skill);
  EXPECT_TRUE(skills.count("add"));
  EXPECT_TRUE(skills.count("count"));
  EXPECT_FALSE(skills.count("mul"));
  o.prerequisiteThreshold = 0;
  EXPECT_THROW(recommendPath(model(), history(), "kim", catalog(), o), Error);
}

TEST(RecommendPath, WeakestSkillFirstAcrossSkills) {
  // No prerequisites at all: mul (weakest) comes first, then add, then count.
  std::vector<Resource> c = catalogFromColumns({"c1", "a1", "m1"}, {"count", "add", "mul"});
  RecommendOptions o;
  o.threshold = 1.0;
  LearningPath p = recommendPath(model(), history(), "kim", c, o);
  ASSERT_EQ(p.steps.size(), 3u);
  EXPECT_EQ(p.steps[0].resource, "m1");
  EXPECT_EQ(p.steps[1].resource, "a1");
  EXPECT_EQ(p.steps[2].resource, "c1");
}

TEST(RecommendPath, ClosestToTargetSkipsCompletedAndFlagsUnknownSkills) {
  const auto m = masteryOf();
  RecommendOptions o;
  o.threshold = (m.at("count") + m.at("add")) / 2;
  o.n = 4;
  o.target = 0.7;
  o.completed = {"a2"};
  StudentState state = model().replay(history(), "kim");
  const std::vector<Resource> cat = catalog();
  LearningPath p = recommendPath(model(), state, cat, o);
  ASSERT_EQ(p.steps.size(), 3u);  // a1, a3, a4; a2 completed
  std::vector<double> gaps;
  for (const auto& s : p.steps) {
    EXPECT_NE(s.resource, "a2");
    const Resource& r = *std::find_if(cat.begin(), cat.end(),
                                      [&](const Resource& x) { return x.id == s.resource; });
    EXPECT_DOUBLE_EQ(s.reason.predictedSuccess, model().predictAttempt(state, "add", r.difficulty));
    gaps.push_back(std::abs(s.reason.predictedSuccess - o.target));
  }
  EXPECT_TRUE(std::is_sorted(gaps.begin(), gaps.end()));
  // Independently: the first step is the argmin over the non-completed add resources.
  double best = 1e9;
  std::string bestId;
  for (const auto& [id, d] : std::vector<std::pair<std::string, double>>{
           {"a1", 0.2}, {"a3", 0.7}, {"a4", NAN}}) {
    const double gap = std::abs(model().predictAttempt(state, "add", d) - o.target);
    if (gap < best) best = gap, bestId = id;
  }
  EXPECT_EQ(p.steps[0].resource, bestId);
  if (bestId == "a4") {
    EXPECT_TRUE(std::isnan(p.steps[0].duration));
  } else {
    EXPECT_DOUBLE_EQ(p.steps[0].duration, bestId == "a1" ? 10 : 15);
  }
  ASSERT_EQ(p.flagged.size(), 1u);
  EXPECT_EQ(p.flagged[0].resource, "g1");
  EXPECT_NE(p.flagged[0].reason.find("unknown"), std::string::npos);
  RecommendOptions bad;
  bad.n = 0;
  EXPECT_THROW(recommendPath(model(), state, cat, bad), Error);
}

TEST(RecommendPath, MaxPerSkillInterleavesSkills) {
  std::vector<Resource> c = catalogFromColumns({"a1", "a2", "m1", "m2"}, {"add", "add", "mul", "mul"});
  RecommendOptions o;
  o.threshold = 1.0;
  o.maxPerSkill = 1;
  LearningPath p = recommendPath(model(), history(), "kim", c, o);
  ASSERT_EQ(p.steps.size(), 4u);
  EXPECT_EQ(p.steps[0].reason.skill, "mul");
  EXPECT_EQ(p.steps[1].reason.skill, "add");
  EXPECT_EQ(p.steps[2].reason.skill, "mul");
  EXPECT_EQ(p.steps[3].reason.skill, "add");
}

TEST(ClassView, CountsStudentsBelowThreshold) {
  AttemptLog cls = simulatedLog(30, 12, 77, {"count", "add", "mul"}, "c");
  std::vector<SkillClassSummary> v = classView(model(), cls, 0.7);
  ASSERT_EQ(v.size(), 3u);
  // Recount independently from per-student mastery.
  std::map<std::string, int> expected;
  for (const auto& s : cls.studentNames())
    for (const auto& m : model().mastery(cls, s)) expected[m.skill] += m.mastery < 0.7;
  for (size_t i = 0; i < v.size(); ++i) {
    EXPECT_EQ(v[i].students, 30);
    EXPECT_EQ(v[i].notMastered, expected[v[i].skill]) << v[i].skill;
    if (i > 0) {
      EXPECT_GE(v[i - 1].notMastered, v[i].notMastered);
    }
  }
}
