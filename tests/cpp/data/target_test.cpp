// Tests for TargetEncoder: rule and label parsing, task inference, class order, error codes
// with their messages, the published G3 >= 10 split of student-por.csv, and save/load.
#include <gtest/gtest.h>

#include <cmath>

#include "data/target.h"
#include "data_test_util.h"

using namespace pathwise;
using pathwise::test::errorOf;

namespace {

const float kNaN = std::nanf("");

// Equality that treats NaN == NaN.
void expectY(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    if (std::isnan(want[i])) EXPECT_TRUE(std::isnan(got[i])) << "row " << i;
    else EXPECT_EQ(got[i], want[i]) << "row " << i;
  }
}

Table grades() {
  return Table::fromRows({"G", "job", "ok"}, {{"4", "teacher", "yes"},
                                              {"10", "other", "no"},
                                              {"12", "health", "NA"},
                                              {"NA", "other", "yes"},
                                              {"9", "", "no"}});
}

TargetEncoder fitted(const Table& t, const std::string& column, const std::string& positive,
                     Task task = Task::Auto) {
  TargetEncoder e;
  e.fit(t, TargetSpec{column, task, positive});
  return e;
}

// Count of cells equal to `value` in a raw CSV column, without going through Table.
size_t rawCount(const test::Csv& csv, const std::string& column, const std::string& value) {
  size_t c = 0;
  for (size_t j = 0; j < csv.header.size(); ++j)
    if (csv.header[j] == column) c = j;
  size_t n = 0;
  for (const auto& row : csv.rows) n += row[c] == value ? 1 : 0;
  return n;
}

}  // namespace

TEST(TargetRule, EveryOperatorWithOrWithoutColumnAndSpaces) {
  const Table t = grades();
  expectY(fitted(t, "G", "G >= 10").encode(t), {0, 1, 1, kNaN, 0});
  expectY(fitted(t, "G", ">=10").encode(t), {0, 1, 1, kNaN, 0});
  expectY(fitted(t, "G", "  G>10 ").encode(t), {0, 0, 1, kNaN, 0});
  expectY(fitted(t, "G", "<= 9.5").encode(t), {1, 0, 0, kNaN, 1});
  expectY(fitted(t, "G", "G < 9").encode(t), {1, 0, 0, kNaN, 0});
  expectY(fitted(t, "G", "G == 10").encode(t), {0, 1, 0, kNaN, 0});
  expectY(fitted(t, "G", "G!=1e1").encode(t), {1, 0, 1, kNaN, 1});
  const TargetEncoder e = fitted(t, "G", ">= 10");
  EXPECT_EQ(e.task(), Task::Binary);
  EXPECT_EQ(e.numClasses(), 2u);
  EXPECT_EQ(e.positiveClass(), 1);
  EXPECT_EQ(e.classes(), (std::vector<std::string>{"not G >= 10", "G >= 10"}));
}

TEST(TargetRule, Errors) {
  const Table t = grades();
  for (const char* bad : {"G >> 10", ">= ten", "G => 10", "=10", "G >=", "G >= 0x10", "G >= inf"}) {
    const std::string msg = errorOf([&] { fitted(t, "G", bad); }, ErrorCode::BAD_RULE);
    EXPECT_NE(msg.find(std::string("'") + bad + "'"), std::string::npos) << msg;
  }
  std::string msg = errorOf([&] { fitted(t, "G", "H >= 10"); }, ErrorCode::BAD_RULE);
  EXPECT_NE(msg.find("'H'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'G'"), std::string::npos) << msg;
  const Table school = Table::fromRows({"school", "G3"}, {{"GP", "1"}, {"MS", "12"}});
  msg = errorOf([&] { fitted(school, "school", "G3 >= 10"); }, ErrorCode::BAD_RULE);
  EXPECT_EQ(msg, "rule 'G3 >= 10' needs a numeric column; 'school' is categorical");
  msg = errorOf([&] { fitted(t, "G", ">= 100"); }, ErrorCode::SINGLE_CLASS_TARGET);
  EXPECT_NE(msg.find("'G'"), std::string::npos) << msg;
  errorOf([&] { fitted(t, "G", ">= 10", Task::Regression); }, ErrorCode::BAD_OPTION);
}

TEST(TargetLabel, CategoricalBooleanAndNumericLabels) {
  const Table t = grades();
  TargetEncoder e = fitted(t, "job", "other");
  EXPECT_EQ(e.task(), Task::Binary);
  EXPECT_EQ(e.classes(), (std::vector<std::string>{"not other", "other"}));
  expectY(e.encode(t), {0, 1, 0, 1, kNaN});
  e = fitted(t, "ok", "");
  EXPECT_EQ(e.task(), Task::Binary);
  EXPECT_EQ(e.classes(), (std::vector<std::string>{"no", "yes"}));
  expectY(e.encode(t), {1, 0, kNaN, 1, 0});
  e = fitted(t, "ok", "no");  // positive can be the false value
  EXPECT_EQ(e.classes(), (std::vector<std::string>{"yes", "no"}));
  expectY(e.encode(t), {0, 1, kNaN, 0, 1});
  expectY(fitted(t, "G", "10").encode(t), {0, 1, 0, kNaN, 0});  // numeric label = value
  const std::string msg = errorOf([&] { fitted(t, "job", "pilot"); }, ErrorCode::BAD_RULE);
  EXPECT_NE(msg.find("'pilot'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("health, other, teacher"), std::string::npos) << msg;  // the levels seen
  errorOf([&] { fitted(t, "ok", "maybe"); }, ErrorCode::BAD_RULE);
  errorOf([&] { fitted(t, "G", "pass"); }, ErrorCode::BAD_RULE);
  errorOf([&] { fitted(t, "job", "other", Task::Multiclass); }, ErrorCode::BAD_OPTION);
}

TEST(TargetLabel, LevelThatLooksLikeARuleIsALabel) {
  const Table t = Table::fromColumns({"income"}, {{">50K", "<=50K", "<=50K"}});
  const TargetEncoder e = fitted(t, "income", ">50K");
  EXPECT_EQ(e.classes(), (std::vector<std::string>{"<=50K", ">50K"}));  // two levels: the other one
  expectY(e.encode(t), {1, 0, 0});
}

TEST(TargetInference, ClassesSortedAndTasksInferred) {
  const Table t = grades();
  TargetEncoder e = fitted(t, "job", "");
  EXPECT_EQ(e.task(), Task::Multiclass);
  EXPECT_EQ(e.classes(), (std::vector<std::string>{"health", "other", "teacher"}));
  expectY(e.encode(t), {2, 1, 0, 1, kNaN});
  // few distinct integers → multiclass, sorted numerically (text order would put 10 before 2)
  const Table n = Table::fromColumns({"y"}, {{"10", "2", "9", "2", "10", "1"}});
  e = fitted(n, "y", "");
  EXPECT_EQ(e.task(), Task::Multiclass);
  EXPECT_EQ(e.classes(), (std::vector<std::string>{"1", "2", "9", "10"}));
  expectY(e.encode(n), {3, 1, 2, 1, 3, 0});
  const Table c = Table::fromColumns({"y"}, {{"10", "2", "9"}}, {{"y", ColumnType::Categorical}});
  EXPECT_EQ(fitted(c, "y", "").classes(), (std::vector<std::string>{"2", "9", "10"}));
  const Table two = Table::fromColumns({"y"}, {{"0", "1", "1"}});
  EXPECT_EQ(fitted(two, "y", "").task(), Task::Binary);
  const Table frac = Table::fromColumns({"y"}, {{"0.5", "1.5", "0.5"}});
  e = fitted(frac, "y", "");
  EXPECT_EQ(e.task(), Task::Regression);
  EXPECT_EQ(e.numClasses(), 1u);
  EXPECT_EQ(e.positiveClass(), -1);
  expectY(e.encode(frac), {0.5f, 1.5f, 0.5f});
  const Table many = Table::fromColumns({"y"}, {{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}});
  EXPECT_EQ(fitted(many, "y", "").task(), Task::Regression);  // 11 distinct values
  EXPECT_EQ(fitted(many, "y", "", Task::Multiclass).numClasses(), 11u);
}

TEST(TargetInference, Errors) {
  const Table t = grades();
  std::string msg = errorOf([&] { fitted(t, "nope", ""); }, ErrorCode::UNKNOWN_COLUMN);
  EXPECT_NE(msg.find("'nope'"), std::string::npos) << msg;
  const std::vector<size_t> rows{1, 3};  // job "other" twice
  TargetEncoder e;
  msg = errorOf([&] { e.fit(t, {"job", Task::Auto, ""}, &rows); }, ErrorCode::SINGLE_CLASS_TARGET);
  EXPECT_NE(msg.find("'job'"), std::string::npos) << msg;
  const std::vector<size_t> missing{3};
  msg = errorOf([&] { e.fit(t, {"G", Task::Auto, ""}, &missing); }, ErrorCode::ALL_MISSING_COLUMN);
  EXPECT_NE(msg.find("'G'"), std::string::npos) << msg;
  errorOf([&] { e.fit(t, {"job", Task::Regression, ""}); }, ErrorCode::BAD_OPTION);
  errorOf([&] { e.fit(t, {"job", Task::Binary, ""}); }, ErrorCode::BAD_OPTION);  // 3 classes
  errorOf([&] { e.encode(Table::fromColumns({"x"}, {{"1"}})); }, ErrorCode::SCHEMA_MISMATCH);
}

TEST(TargetEncode, ConvertsTypesAtPredictTime) {
  const Table n = Table::fromColumns({"y"}, {{"1", "2", "3"}});
  const TargetEncoder e = fitted(n, "y", "");
  const Table text = Table::fromColumns({"y"}, {{"3", "2.0", "7", "NA"}}, {{"y", ColumnType::Categorical}});
  expectY(e.encode(text), {2, 1, kNaN, kNaN});  // "2.0" matches class "2" by value; 7 unseen
  const Table asNumber = Table::fromColumns({"y"}, {{"3", "2.0"}});
  expectY(e.encode(asNumber), {2, 1});
}

TEST(TargetStudent, G3RuleGivesPublishedSplit) {
  const Table t = test::studentPor();
  const TargetEncoder e = fitted(t, "G3", "G3 >= 10");
  size_t pos = 0, neg = 0;
  for (float y : e.encode(t)) (y == 1 ? pos : neg) += 1;
  EXPECT_EQ(pos, 549u);
  EXPECT_EQ(neg, 100u);
  EXPECT_EQ(fitted(t, "G3", "").task(), Task::Regression);  // 0..19: more than 10 values
  const test::Csv csv = test::readCsv(std::string(PATHWISE_SHARED_DATA) + "/student-por.csv", ';');
  TargetEncoder s = fitted(t, "schoolsup", "");
  size_t yes = 0;
  for (float y : s.encode(t)) yes += y == 1 ? 1 : 0;
  EXPECT_EQ(yes, rawCount(csv, "schoolsup", "yes"));
  s = fitted(t, "Mjob", "teacher");
  size_t teachers = 0;
  for (float y : s.encode(t)) teachers += y == 1 ? 1 : 0;
  EXPECT_EQ(teachers, rawCount(csv, "Mjob", "teacher"));
  EXPECT_EQ(fitted(t, "Mjob", "").numClasses(), 5u);
}

TEST(TargetEncoderIo, SaveLoadRoundTripAndRejectsBadPayloads) {
  const Table t = grades();
  for (const TargetEncoder& e : {fitted(t, "G", "G >= 10"), fitted(t, "job", ""), fitted(t, "ok", "no"),
                                 fitted(t, "job", "other"), fitted(t, "G", "", Task::Regression)}) {
    ByteWriter w;
    e.save(w);
    ByteReader r(w.data());
    const TargetEncoder back = TargetEncoder::load(r);
    EXPECT_TRUE(r.atEnd());
    EXPECT_EQ(back.task(), e.task());
    EXPECT_EQ(back.classes(), e.classes());
    expectY(back.encode(t), e.encode(t));
    for (size_t n = 0; n < w.size(); ++n) {
      ByteReader cut(w.data().data(), n);
      errorOf([&] { TargetEncoder::load(cut); }, ErrorCode::BAD_MODEL_FILE);
    }
  }
  ByteWriter w;
  fitted(t, "G", "G >= 10").save(w);
  std::vector<uint8_t> bad = w.data();
  bad[4 + 1] = 9;  // task byte after column name "G"
  errorOf([&] { ByteReader r(bad); TargetEncoder::load(r); }, ErrorCode::BAD_MODEL_FILE);
  bad = w.data();
  bad[4 + 1] = static_cast<uint8_t>(Task::Multiclass);  // a rule cannot be multiclass
  errorOf([&] { ByteReader r(bad); TargetEncoder::load(r); }, ErrorCode::BAD_MODEL_FILE);
}
