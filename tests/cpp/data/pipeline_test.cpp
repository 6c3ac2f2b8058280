// Tests for Pipeline: each imputation, scaling and encoding step against hand-computed numbers,
// fit-on-train-only statistics, schema handling at transform time, and save/load round trips.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "data/pipeline.h"
#include "data_test_util.h"

using namespace pathwise;
using pathwise::test::errorOf;

namespace {

// x: numeric with one missing, c: categorical with one missing, f: boolean with one missing.
Table small() {
  return Table::fromRows({"x", "c", "f"}, {{"1", "b", "yes"}, {"2", "a", "NA"}, {"NA", "b", "no"}, {"5", "", "no"}});
}

std::vector<float> col(const MatrixF& m, int j) {
  std::vector<float> out(static_cast<size_t>(m.rows()));
  for (int i = 0; i < m.rows(); ++i) out[static_cast<size_t>(i)] = m(i, j);
  return out;
}

PreprocessOptions numericOnly(Impute impute, Scaling scaling) {
  PreprocessOptions o;
  o.numericImpute = impute;
  o.scaling = scaling;
  return o;
}

}  // namespace

TEST(Pipeline, MeanImputeThenPopulationZScore) {
  Pipeline p;
  p.fit(small(), {"x"}, numericOnly(Impute::Mean, Scaling::ZScore));
  // observed {1,2,5}: mean 8/3; imputed {1,2,8/3,5}: population variance 13/6
  const MatrixF m = p.transform(small());
  ASSERT_EQ(m.rows(), 4);
  ASSERT_EQ(m.cols(), 1);
  EXPECT_NEAR(m(0, 0), -1.1322770341, 1e-6);
  EXPECT_NEAR(m(2, 0), 0.0, 1e-6);
  EXPECT_NEAR(m(3, 0), 1.5851878478, 1e-6);
  const FeatureInfo& info = p.featureInfo()[0];
  EXPECT_DOUBLE_EQ(info.min, 1);
  EXPECT_DOUBLE_EQ(info.max, 5);
  EXPECT_DOUBLE_EQ(info.mean, 8.0 / 3);
  EXPECT_NEAR(info.sd, std::sqrt(26.0 / 9), 1e-12);  // population sd of {1,2,5}
}

TEST(Pipeline, MedianImputeZScoreAndMinMax) {
  Pipeline p;
  p.fit(small(), {"x"}, numericOnly(Impute::Median, Scaling::ZScore));
  // median 2 → imputed {1,2,2,5}: mean 2.5, population sd 1.5
  EXPECT_NEAR(col(p.transform(small()), 0)[2], -1.0 / 3, 1e-6);
  EXPECT_NEAR(col(p.transform(small()), 0)[3], 5.0 / 3, 1e-6);
  p.fit(small(), {"x"}, numericOnly(Impute::Median, Scaling::MinMax));
  EXPECT_EQ(col(p.transform(small()), 0), (std::vector<float>{0, 0.25f, 0.25f, 1}));
}

TEST(Pipeline, MostFrequentTiesToSmallestAndConstant) {
  Table t = Table::fromColumns({"x"}, {{"3", "1", "3", "1", "NA", "7"}});
  Pipeline p;
  p.fit(t, {"x"}, numericOnly(Impute::MostFrequent, Scaling::None));
  EXPECT_EQ(p.transform(t)(4, 0), 1.f);
  PreprocessOptions o = numericOnly(Impute::Constant, Scaling::None);
  o.constant = -4;
  p.fit(t, {"x"}, o);
  EXPECT_EQ(col(p.transform(t), 0), (std::vector<float>{3, 1, 3, 1, -4, 7}));
}

TEST(Pipeline, ConstantColumnMapsToZero) {
  Table t = Table::fromColumns({"k"}, {{"4", "4", "NA", "4"}});
  for (Scaling s : {Scaling::ZScore, Scaling::MinMax}) {
    Pipeline p;
    p.fit(t, {"k"}, numericOnly(Impute::Mean, s));
    EXPECT_EQ(col(p.transform(t), 0), (std::vector<float>{0, 0, 0, 0}));
  }
  Table tenths = Table::fromColumns({"k"}, {{"0.1", "0.1", "0.1"}});  // sum/n is not exactly 0.1
  Pipeline p;
  p.fit(tenths, {"k"}, PreprocessOptions{});
  EXPECT_EQ(col(p.transform(tenths), 0), (std::vector<float>{0, 0, 0}));
}

TEST(Pipeline, OneHotSortedWithModeImputeAndUnseenCategory) {
  Pipeline p;
  p.fit(small(), {"c", "f"}, PreprocessOptions{});
  EXPECT_EQ(p.outputNames(), (std::vector<std::string>{"c=a", "c=b", "f"}));
  EXPECT_EQ(p.outputSource(), (std::vector<int>{0, 0, 1}));
  const MatrixF m = p.transform(small());
  EXPECT_EQ(col(m, 0), (std::vector<float>{0, 1, 0, 0}));  // missing c → most frequent "b"
  EXPECT_EQ(col(m, 1), (std::vector<float>{1, 0, 1, 1}));
  EXPECT_EQ(col(m, 2), (std::vector<float>{1, 0, 0, 0}));  // missing f → most frequent "no"
  Table later = Table::fromRows({"f", "c"}, {{"yes", "z"}, {"no", "a"}});
  const MatrixF u = p.transform(later);
  EXPECT_EQ(u(0, 0), 0.f);
  EXPECT_EQ(u(0, 1), 0.f);  // unseen "z" → all zeros
  EXPECT_EQ(u(1, 0), 1.f);
}

TEST(Pipeline, ConstantCategoryBecomesALevel) {
  PreprocessOptions o;
  o.categoricalImpute = Impute::Constant;  // constantCategory defaults to "missing"
  Pipeline p;
  p.fit(small(), {"c"}, o);
  EXPECT_EQ(p.outputNames(), (std::vector<std::string>{"c=a", "c=b", "c=missing"}));
  const MatrixF m = p.transform(small());
  EXPECT_EQ(m(3, 0) + m(3, 1), 0.f);
  EXPECT_EQ(m(3, 2), 1.f);
  o.categoricalImpute = Impute::Mean;
  const std::string msg = errorOf([&] { p.fit(small(), {"c"}, o); }, ErrorCode::BAD_OPTION);
  EXPECT_NE(msg.find("'c'"), std::string::npos) << msg;
}

TEST(Pipeline, DropSkipsRowsAndReportsKeptRows) {
  PreprocessOptions o;
  o.perColumn["x"] = ColumnPreprocess{Impute::Drop, 0, "", Scaling::None};
  Pipeline p;
  p.fit(small(), {"x", "c"}, o);
  std::vector<size_t> kept;
  const MatrixF m = p.transform(small(), nullptr, &kept);
  EXPECT_EQ(kept, (std::vector<size_t>{0, 1, 3}));
  EXPECT_EQ(col(m, 0), (std::vector<float>{1, 2, 5}));
  // c mode on the kept fit rows {b, a, missing} is a tie → "a" (first sorted), so row 3 → a
  EXPECT_EQ(col(m, 1), (std::vector<float>{0, 1, 1}));
}

TEST(Pipeline, StatisticsComeFromFitRowsOnly) {
  Pipeline p;
  const std::vector<size_t> train{0, 1};
  p.fit(small(), {"x"}, numericOnly(Impute::Mean, Scaling::ZScore), &train);
  // train {1,2}: mean 1.5, sd 0.5 → 5 maps to 7, missing to 0
  EXPECT_EQ(col(p.transform(small()), 0), (std::vector<float>{-1, 1, 0, 7}));
  EXPECT_DOUBLE_EQ(p.featureInfo()[0].max, 2);
  const std::vector<size_t> rows{3};
  EXPECT_EQ(p.transform(small(), &rows)(0, 0), 7.f);
}

TEST(Pipeline, FindsColumnsByNameAndConvertsTypes) {
  Table fit = Table::fromRows({"grade", "n"}, {{"1", "1"}, {"2", "2"}, {"1", "3"}},
                              {{"grade", ColumnType::Categorical}});
  Pipeline p;
  p.fit(fit, {"grade", "n"}, numericOnly(Impute::Mean, Scaling::None));
  // at predict time "grade" is numeric, "n" is categorical text, columns reordered plus extras
  Table later = Table::fromRows({"extra", "n", "grade"}, {{"q", "4", "2.0"}, {"r", "NA", "3"}},
                                {{"n", ColumnType::Categorical}});
  const MatrixF m = p.transform(later);
  EXPECT_EQ(m.row(0), (RowVector<float>(3) << 0, 1, 4).finished());
  EXPECT_EQ(m.row(1), (RowVector<float>(3) << 0, 0, 2).finished());  // 3 unseen; n mean 2
  Table bad = Table::fromRows({"grade", "n"}, {{"1", "5"}, {"2", "lots"}});
  std::string msg = errorOf([&] { p.transform(bad); }, ErrorCode::NON_NUMERIC_VALUE);
  EXPECT_NE(msg.find("column 'n' row 2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'lots'"), std::string::npos) << msg;
  // a boolean feature given as text: boolean tokens work, anything else names column and row
  Pipeline b;
  b.fit(small(), {"f"}, PreprocessOptions{});
  Table words = Table::fromColumns({"f"}, {{"TRUE", "no"}}, {{"f", ColumnType::Categorical}});
  EXPECT_EQ(col(b.transform(words), 0), (std::vector<float>{1, 0}));
  Table maybe = Table::fromColumns({"f"}, {{"yes", "maybe"}});
  msg = errorOf([&] { b.transform(maybe); }, ErrorCode::NON_NUMERIC_VALUE);
  EXPECT_NE(msg.find("column 'f' row 2: 'maybe' is not a boolean"), std::string::npos) << msg;
  Table lacking = Table::fromRows({"grade"}, {{"1"}});
  msg = errorOf([&] { p.transform(lacking); }, ErrorCode::SCHEMA_MISMATCH);
  EXPECT_NE(msg.find("'n'"), std::string::npos) << msg;
}

TEST(Pipeline, FitErrors) {
  Table t = Table::fromRows({"x", "y"}, {{"NA", "1"}, {"NA", "2"}, {"3", "3"}});
  const std::vector<size_t> firstTwo{0, 1};
  Pipeline p;
  std::string msg = errorOf([&] { p.fit(t, {"x", "y"}, {}, &firstTwo); }, ErrorCode::ALL_MISSING_COLUMN);
  EXPECT_NE(msg.find("'x'"), std::string::npos) << msg;
  errorOf([&] { p.fit(t, {"nope"}, {}); }, ErrorCode::UNKNOWN_COLUMN);
  errorOf([&] { p.fit(t, {}, {}); }, ErrorCode::EMPTY_DATA);
  errorOf([&] { p.fit(t, {"y", "y"}, {}); }, ErrorCode::DUPLICATE_COLUMN);
  PreprocessOptions o;
  o.perColumn["ghost"] = ColumnPreprocess{};
  errorOf([&] { p.fit(t, {"y"}, o); }, ErrorCode::UNKNOWN_COLUMN);
  EXPECT_FALSE(p.fitted());  // failed fits leave the pipeline unfitted
}

TEST(Pipeline, SaveLoadTransformsBitForBit) {
  Table t = test::studentPor();
  std::vector<std::string> features = t.names();
  features.pop_back();  // all but G3
  Pipeline p;
  std::vector<size_t> train;
  for (size_t r = 0; r < t.rows(); r += 2) train.push_back(r);
  PreprocessOptions o;
  o.perColumn["absences"] = ColumnPreprocess{Impute::Median, 0, "", Scaling::MinMax};
  p.fit(t, features, o, &train);
  // 15 numeric + 8 boolean + one-hot (2+2+2+2+2 + 5+5 + 4 + 3) = 50
  EXPECT_EQ(p.outputWidth(), 50u);
  ByteWriter w;
  p.save(w);
  ByteReader r(w.data());
  const Pipeline q = Pipeline::load(r);
  EXPECT_TRUE(r.atEnd());
  const MatrixF a = p.transform(t), b = q.transform(t);
  ASSERT_EQ(a.rows(), 649);
  ASSERT_EQ(b.rows(), a.rows());
  ASSERT_EQ(b.cols(), a.cols());
  EXPECT_EQ(std::memcmp(a.data(), b.data(), sizeof(float) * static_cast<size_t>(a.size())), 0);
  EXPECT_EQ(q.outputNames(), p.outputNames());
  // z-scored training rows have mean 0 and population sd 1
  const MatrixF tr = p.transform(t, &train);
  const int age = 2;  // school(2) sex(2) age
  EXPECT_EQ(p.outputNames()[static_cast<size_t>(age + 2)], "age");
  const auto ages = tr.col(age + 2).cast<double>();
  EXPECT_NEAR(ages.mean(), 0, 1e-6);
  EXPECT_NEAR(std::sqrt((ages.array() - ages.mean()).square().mean()), 1, 1e-6);
}

TEST(Pipeline, LoadRejectsTruncatedAndCorruptPayloads) {
  Pipeline p;
  p.fit(small(), {"x"}, PreprocessOptions{});
  ByteWriter w;
  p.save(w);
  const std::vector<uint8_t> good = w.data();
  for (size_t n = 0; n < good.size(); ++n) {
    ByteReader r(good.data(), n);
    errorOf([&] { Pipeline::load(r); }, ErrorCode::BAD_MODEL_FILE);
  }
  std::vector<uint8_t> bad = good;
  bad[4 + 4 + 1] = 7;  // column type byte after count and name "x"
  errorOf([&] { ByteReader r(bad); Pipeline::load(r); }, ErrorCode::BAD_MODEL_FILE);
  bad = good;
  const double nan = std::nan("");
  std::memcpy(&bad[bad.size() - 8], &nan, 8);  // scale is the last field
  errorOf([&] { ByteReader r(bad); Pipeline::load(r); }, ErrorCode::BAD_MODEL_FILE);
  bad = good;
  bad[0] = 0xff;  // feature count larger than the payload
  errorOf([&] { ByteReader r(bad); Pipeline::load(r); }, ErrorCode::BAD_MODEL_FILE);
}

TEST(Pipeline, ColumnByColumnPathMatchesRowPathAndErrorsStayInRowOrder) {
  // small() takes the column-by-column path (no drop, column types as fitted); the same cells with
  // x given as text go row by row (NumericReader converts each cell): identical matrices.
  Pipeline p;
  PreprocessOptions o;
  o.numericImpute = Impute::Mean;
  p.fit(small(), {"x", "c", "f"}, o);
  const Table text = Table::fromRows({"x", "c", "f"}, {{"1", "b", "yes"}, {"2", "a", "NA"}, {"NA", "b", "no"}, {"5", "", "no"}},
                                     {{"x", ColumnType::Categorical}});
  const MatrixF fast = p.transform(small());
  const MatrixF rowwise = p.transform(text);
  ASSERT_EQ(fast.rows(), 4);
  EXPECT_EQ(fast, rowwise);
  const std::vector<size_t> some{3, 0};
  std::vector<size_t> kept;
  EXPECT_EQ(p.transform(small(), &some, &kept), p.transform(text, &some));
  EXPECT_EQ(kept, some);
  // Overflow after scaling: a (first column) overflows in row 3, b in row 2. The first bad cell in
  // row order is reported, whichever path found one first.
  const Table fitData = Table::fromRows({"a", "b"}, {{"1", "1"}, {"1.000001", "1.000001"}});
  Pipeline q;
  q.fit(fitData, {"a", "b"}, PreprocessOptions{});
  const Table wild = Table::fromRows({"a", "b"}, {{"1", "1"}, {"1", "3e33"}, {"3e33", "1"}});
  const std::string msg = errorOf([&] { q.transform(wild); }, ErrorCode::NON_FINITE_VALUE);
  EXPECT_NE(msg.find("column 'b' row 2"), std::string::npos) << msg;
}
