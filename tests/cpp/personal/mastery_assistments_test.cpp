// Acceptance test on ASSISTments 2009 (DKT split): train on builder_train, evaluate on
// builder_test (students disjoint), pooled AUC over all test attempts. To keep the test near
// 15 s, training uses a seeded subset of 1,200 of the 3,361 training students; the full-data
// figures are in docs/DESIGN.md ("personal").
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "personal/dkt_format.h"
#include "personal/mastery.h"

using namespace pathwise;

namespace {

std::string slurp(const std::string& name) {
  std::ifstream f(std::string(PATHWISE_SHARED_DATA) + "/assistments2009_dkt/" + name);
  EXPECT_TRUE(f.good()) << name;
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace

TEST(DktFormat, ParsesTheThreeLineFormat) {
  const LongLogColumns c = parseDktSequences("1\n7,\n1,\n3\n2,5,2,\n0,1,1,\n", "s");
  EXPECT_EQ(c.students, (std::vector<std::string>{"s0", "s1", "s1", "s1"}));
  EXPECT_EQ(c.skills, (std::vector<std::string>{"7", "2", "5", "2"}));
  EXPECT_EQ(c.correct, (std::vector<double>{1, 0, 1, 1}));
  EXPECT_EQ(c.order, (std::vector<double>{0, 0, 1, 2}));
  EXPECT_THROW(parseDktSequences("2\n1,2,\n1,\n"), Error);
  EXPECT_THROW(parseDktSequences("1\n1,\n2,\n"), Error);
}

TEST(MasteryAssistments, MlpAucAtLeast084AndAbovePfa) {
  AttemptLog train = dktToAttemptLog(slurp("builder_train.csv"), "train");
  AttemptLog test = dktToAttemptLog(slurp("builder_test.csv"), "test");
  // Counts from the data README.
  ASSERT_EQ(train.numStudents(), 3361u);
  ASSERT_EQ(train.size(), 407967u);
  ASSERT_EQ(test.numStudents(), 856u);
  ASSERT_EQ(test.size(), 117567u);
  MasteryOptions o;
  o.maxTrainStudents = 1200;
  o.epochs = 6;
  o.seed = 1;
  MasteryModel model = MasteryModel::train(train, o);
  MasteryReport r = model.evaluate(test);
  std::cout << "[ assistments ] auc " << r.auc << " accuracy " << r.accuracy << " rmse " << r.rmse
            << " logLoss " << r.logLoss << " pfaAuc " << r.pfaAuc << " pfaAccuracy "
            << r.pfaAccuracy << " epochs " << model.trainResult().epochsRun << "\n";
  EXPECT_EQ(r.attempts, 117567u);
  EXPECT_GE(r.auc, 0.84);
  EXPECT_GT(r.auc, r.pfaAuc);
  EXPECT_GT(r.pfaAuc, 0.65);  // PFA is a real baseline, not a constant
  EXPECT_GT(r.accuracy, 0.75);
}
