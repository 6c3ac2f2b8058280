// Bad numeric cells found by the bad-input corpus (issue 4): "Infinity" in a numeric column is
// NON_FINITE_VALUE (not a silent categorical column), and decimal commas ("4,5" from a ';'
// export) are NON_NUMERIC_VALUE naming column and row instead of silently becoming categories.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "data/table.h"

using namespace pathwise;

namespace {

std::pair<ErrorCode, std::string> parseError(const std::vector<std::string>& cells) {
  try {
    Table::fromColumns({"hours"}, {cells});
  } catch (const Error& e) {
    return {e.code(), e.detail()};
  }
  return {ErrorCode::INTERNAL, "no error"};
}

}  // namespace

TEST(BadCells, InfinityInANumericColumnIsNonFiniteNamingRow) {
  for (const char* inf : {"Infinity", "-infinity", "inf", "+INF", " -Inf "}) {
    const auto [code, msg] = parseError({"1", "2.5", inf, "4"});
    EXPECT_EQ(code, ErrorCode::NON_FINITE_VALUE) << inf;
    EXPECT_NE(msg.find("column 'hours' row 3"), std::string::npos) << msg;
  }
}

TEST(BadCells, InfinityLikeWordsInATextColumnStayCategorical) {
  const Table t = Table::fromColumns({"word"}, {{"infinite", "info", "Infinity", "x"}});
  EXPECT_EQ(t.column(0).type, ColumnType::Categorical);
}

TEST(BadCells, DecimalCommasAreNonNumericNamingTheFirstSuchRow) {
  const auto [code, msg] = parseError({"4", "NA", "4,5", "-0,25", "7"});
  EXPECT_EQ(code, ErrorCode::NON_NUMERIC_VALUE);
  EXPECT_NE(msg.find("column 'hours' row 3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("decimal comma"), std::string::npos) << msg;
}

TEST(BadCells, TextWithCommasStaysCategorical) {
  // Not every cell is a number: an ordinary text column, however many commas it has.
  const Table t = Table::fromColumns({"place"}, {{"Paris, FR", "1,5", "Lyon"}});
  EXPECT_EQ(t.column(0).type, ColumnType::Categorical);
  const Table u = Table::fromColumns({"codes"}, {{"1,2,3", "4,5,6"}});
  EXPECT_EQ(u.column(0).type, ColumnType::Categorical);
}
