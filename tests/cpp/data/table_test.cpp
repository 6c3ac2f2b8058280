// Tests for Table: type inference, missing and boolean tokens, numeric parsing, every
// construction error with the column/row it names, and the shared student-por.csv file.
#include <gtest/gtest.h>

#include <clocale>
#include <cmath>

#include "data/table.h"
#include "data_test_util.h"

using namespace pathwise;
using pathwise::test::errorOf;

namespace {

Table oneColumn(const std::vector<std::string>& cells, const std::map<std::string, ColumnType>& types = {}) {
  return Table::fromColumns({"x"}, {cells}, types);
}

}  // namespace

TEST(MissingToken, RecognisesEveryTokenCaseInsensitiveAndTrimmed) {
  for (const char* t : {"", "  ", "NA", "na", " N/A ", "n/a", "null", "NULL", "NaN", "nan", "?", " ? "})
    EXPECT_TRUE(isMissingToken(t)) << "'" << t << "'";
  for (const char* t : {"0", "-", "none", "NAN0", "??", "n.a.", "N"})
    EXPECT_FALSE(isMissingToken(t)) << "'" << t << "'";
}

TEST(Table, InfersNumericBooleanCategorical) {
  Table t = Table::fromRows({"age", "paid", "job"},
                            {{"15", "yes", "teacher"}, {" 17.5 ", "No", "NA"}, {"NA", "TRUE", "other"},
                             {"-2e1", "false", "teacher"}});
  ASSERT_EQ(t.rows(), 4u);
  ASSERT_EQ(t.cols(), 3u);
  const Column& age = t.column("age");
  EXPECT_EQ(age.type, ColumnType::Numeric);
  EXPECT_FLOAT_EQ(age.values[0], 15.f);
  EXPECT_FLOAT_EQ(age.values[1], 17.5f);
  EXPECT_TRUE(std::isnan(age.values[2]));
  EXPECT_FLOAT_EQ(age.values[3], -20.f);
  EXPECT_EQ(age.missingCount(), 1u);
  const Column& paid = t.column("paid");
  EXPECT_EQ(paid.type, ColumnType::Boolean);
  EXPECT_EQ(paid.values, (std::vector<float>{1, 0, 1, 0}));
  const Column& job = t.column("job");
  EXPECT_EQ(job.type, ColumnType::Categorical);
  EXPECT_EQ(job.levels, (std::vector<std::string>{"teacher", "other"}));  // first-seen order
  EXPECT_EQ(job.codes, (std::vector<int32_t>{0, -1, 1, 0}));
  EXPECT_EQ(job.missingCount(), 1u);
}

TEST(Table, NumberGrammarIsStrict) {
  EXPECT_EQ(oneColumn({"1", ".5", "+3", "-1.", "1E-2"}).column(0).type, ColumnType::Numeric);
  EXPECT_FLOAT_EQ(oneColumn({".5", "1E-2"}).column(0).values[1], 0.01f);
  // hex floats, words and partial numbers are text (infinities and decimal commas among numbers
  // are errors since issue 4: tests/cpp/data/bad_cells_test.cpp)
  for (const char* odd : {"0x10", "1.5abc", "1e", "e5", ".", "1 2"})
    EXPECT_EQ(oneColumn({"1", odd}).column(0).type, ColumnType::Categorical) << odd;
  // the missing tokens are missing, not text
  EXPECT_EQ(oneColumn({"1", "nan", "NaN", "?"}).column(0).type, ColumnType::Numeric);
}

TEST(Table, NumbersParseTheSameInACommaDecimalLocale) {
  const char* got = nullptr;
  for (const char* name : {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"})
    if (!got) got = std::setlocale(LC_NUMERIC, name);
  if (!got) GTEST_SKIP() << "no comma-decimal locale installed (set LOCPATH to one built with localedef)";
  ASSERT_STREQ(std::localeconv()->decimal_point, ",");
  Table t = oneColumn({"2.5", "1e-1", "3"});
  std::setlocale(LC_NUMERIC, "C");
  EXPECT_EQ(t.column(0).type, ColumnType::Numeric);
  EXPECT_FLOAT_EQ(t.column(0).values[0], 2.5f);
  EXPECT_FLOAT_EQ(t.column(0).values[1], 0.1f);
}

TEST(Table, NonFiniteAndOutOfFloatRangeNameColumnAndRow) {
  for (const char* big : {"1e999", "1e308", "-1e39"}) {
    const std::string msg = errorOf([&] { oneColumn({"1", big}); }, ErrorCode::NON_FINITE_VALUE);
    EXPECT_NE(msg.find("column 'x' row 2"), std::string::npos) << msg;
  }
  EXPECT_FLOAT_EQ(oneColumn({"3e38"}).column(0).values[0], 3e38f);  // inside float range
}

TEST(Table, HeaderAndShapeErrors) {
  std::string msg = errorOf([] { Table::fromRows({"a", "b"}, {{"1", "2"}, {"3"}}); }, ErrorCode::SHAPE_MISMATCH);
  EXPECT_NE(msg.find("row 2"), std::string::npos) << msg;
  msg = errorOf([] { Table::fromRows({"a", "b", "a"}, {{"1", "2", "3"}}); }, ErrorCode::DUPLICATE_COLUMN);
  EXPECT_NE(msg.find("'a'"), std::string::npos) << msg;
  msg = errorOf([] { Table::fromRows({"a", "b", " "}, {{"1", "2", "3"}}); }, ErrorCode::BAD_OPTION);
  EXPECT_EQ(msg, "column 3 has an empty name");
  errorOf([] { Table::fromRows({"a"}, {}); }, ErrorCode::EMPTY_DATA);
  errorOf([] { Table::fromColumns({"a"}, {{}}); }, ErrorCode::EMPTY_DATA);
  msg = errorOf([] { Table::fromColumns({"a", "b"}, {{"1", "2"}, {"3"}}); }, ErrorCode::SHAPE_MISMATCH);
  EXPECT_NE(msg.find("'b'"), std::string::npos) << msg;
}

TEST(Table, TypeOverrides) {
  // forcing numeric on text names column, row and the text (long text truncated)
  std::string msg = errorOf([] { oneColumn({"1", "NA", "abc"}, {{"x", ColumnType::Numeric}}); },
                            ErrorCode::NON_NUMERIC_VALUE);
  EXPECT_NE(msg.find("column 'x' row 3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'abc'"), std::string::npos) << msg;
  const std::string longText(200, 'z');
  msg = errorOf([&] { oneColumn({longText}, {{"x", ColumnType::Numeric}}); }, ErrorCode::NON_NUMERIC_VALUE);
  EXPECT_LT(msg.size(), 100u) << msg;
  EXPECT_NE(msg.find("zzz..."), std::string::npos) << msg;
  // forcing categorical keeps the text exactly
  Table t = oneColumn({"007", "7", "7.0", ""}, {{"x", ColumnType::Categorical}});
  EXPECT_EQ(t.column(0).levels, (std::vector<std::string>{"007", "7", "7.0"}));
  EXPECT_EQ(t.cellText(0, 0), "007");
  EXPECT_EQ(t.cellText(0, 3), "");
  // forcing boolean accepts 0/1 and rejects other text
  Table b = oneColumn({"1", "0", "yes"}, {{"x", ColumnType::Boolean}});
  EXPECT_EQ(b.column(0).values, (std::vector<float>{1, 0, 1}));
  errorOf([] { oneColumn({"1", "2"}, {{"x", ColumnType::Boolean}}); }, ErrorCode::NON_NUMERIC_VALUE);
  msg = errorOf([] { oneColumn({"1"}, {{"y", ColumnType::Numeric}}); }, ErrorCode::UNKNOWN_COLUMN);
  EXPECT_NE(msg.find("'y'"), std::string::npos) << msg;
}

TEST(Table, CellTextIsCanonical) {
  Table t = Table::fromRows({"n", "b", "c"}, {{"2.50", "Yes", "a"}, {"0.1", "no", "b"}, {"1e2", "", "a"}});
  EXPECT_EQ(t.cellText(0, 0), "2.5");
  EXPECT_EQ(t.cellText(0, 1), "0.1");
  EXPECT_EQ(t.cellText(0, 2), "100");
  EXPECT_EQ(t.cellText(1, 0), "Yes");  // boolean cells keep the spelling seen in the data
  EXPECT_EQ(t.cellText(1, 1), "no");
  EXPECT_EQ(t.cellText(1, 2), "");
  EXPECT_EQ(t.cellText(2, 1), "b");
}

TEST(Table, LookupAndSelectRows) {
  Table t = Table::fromRows({"n", "c"}, {{"1", "a"}, {"2", "b"}, {"3", "a"}});
  EXPECT_EQ(t.indexOf("c"), 1);
  EXPECT_EQ(t.indexOf("zz"), -1);
  EXPECT_EQ(t.names(), (std::vector<std::string>{"n", "c"}));
  std::string msg = errorOf([&] { t.column("zz"); }, ErrorCode::UNKNOWN_COLUMN);
  EXPECT_NE(msg.find("'zz'"), std::string::npos);
  Table s = t.selectRows({2, 0, 2});
  ASSERT_EQ(s.rows(), 3u);
  EXPECT_EQ(s.column("n").values, (std::vector<float>{3, 1, 3}));
  EXPECT_EQ(s.cellText(1, 1), "a");
  EXPECT_EQ(s.column("c").levels, t.column("c").levels);
  errorOf([&] { t.selectRows({3}); }, ErrorCode::SHAPE_MISMATCH);
}

TEST(Table, FromRowsAndFromColumnsAgree) {
  Table a = Table::fromRows({"n", "c"}, {{"1", "x"}, {"NA", "y"}});
  Table b = Table::fromColumns({"n", "c"}, {{"1", "NA"}, {"x", "y"}});
  for (size_t c = 0; c < 2; ++c)
    for (size_t r = 0; r < 2; ++r) EXPECT_EQ(a.cellText(c, r), b.cellText(c, r));
  EXPECT_EQ(a.column(1).type, b.column(1).type);
}

TEST(Table, LoadsStudentPortuguese) {
  Table t = test::studentPor();
  EXPECT_EQ(t.rows(), 649u);
  EXPECT_EQ(t.cols(), 33u);
  EXPECT_EQ(t.column("G3").type, ColumnType::Numeric);
  EXPECT_EQ(t.column("G1").type, ColumnType::Numeric);  // quoted "0" cells are still numbers
  EXPECT_EQ(t.column("Mjob").type, ColumnType::Categorical);
  EXPECT_EQ(t.column("Mjob").levels.size(), 5u);
  EXPECT_EQ(t.column("schoolsup").type, ColumnType::Boolean);
  EXPECT_EQ(t.column("school").type, ColumnType::Categorical);
  EXPECT_FLOAT_EQ(t.column("G3").values[0], 11.f);  // first data row ends with 11
  EXPECT_EQ(t.column("G3").missingCount(), 0u);
}

TEST(Table, ParseColumnByColumnAndCheckParsedColumns) {
  const std::vector<std::string_view> cells{"3", "NA", "4.5"};
  const ColumnType cat = ColumnType::Categorical;
  Table t = Table::fromParsedColumns({parseColumn("n", cells), parseColumn("c", cells, &cat)});
  EXPECT_EQ(t.column("n").type, ColumnType::Numeric);
  EXPECT_EQ(t.cellText(0, 2), "4.5");
  EXPECT_EQ(t.column("c").levels, (std::vector<std::string>{"3", "4.5"}));
  const std::string msg = errorOf([&] { const ColumnType num = ColumnType::Numeric; parseColumn("n", {"1", "x"}, &num); },
                                  ErrorCode::NON_NUMERIC_VALUE);
  EXPECT_NE(msg.find("column 'n' row 2"), std::string::npos) << msg;
  Column shortCol = parseColumn("s", {"1"});
  errorOf([&] { Table::fromParsedColumns({parseColumn("n", cells), shortCol}); }, ErrorCode::SHAPE_MISMATCH);
  Column badCode = parseColumn("c", cells, &cat);
  badCode.codes[0] = 5;  // only 2 levels
  errorOf([&] { Table::fromParsedColumns({badCode}); }, ErrorCode::SHAPE_MISMATCH);
  errorOf([&] { Table::fromParsedColumns({parseColumn("a", cells), parseColumn("a", cells)}); },
          ErrorCode::DUPLICATE_COLUMN);
}
