// Column readers: type conversion between a fitted expectation and the column at hand.
#include "data/column_reader.h"

#include <cfloat>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace pathwise {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Value of a level text: a number (finite, in float range) or for Boolean a token or 0/1.
double levelToValue(const std::string& text, ColumnType expected) {
  double v = 0;
  const bool isNum = parseDecimal(text, v) && std::isfinite(v) && std::fabs(v) <= FLT_MAX;
  if (expected == ColumnType::Boolean) {
    const int b = parseBooleanToken(text);
    if (b >= 0) return b;
    return (isNum && (v == 0 || v == 1)) ? v : kNaN;
  }
  return isNum ? static_cast<double>(static_cast<float>(v)) : kNaN;
}

}  // namespace

NumericReader::NumericReader(const Column& column, ColumnType expected)
    : col_(column), expected_(expected) {
  if (col_.type != ColumnType::Categorical) return;
  levelValue_.reserve(col_.levels.size());
  for (const std::string& level : col_.levels) levelValue_.push_back(levelToValue(level, expected));
}

double NumericReader::at(size_t row) const {
  if (col_.isMissing(row)) return kNaN;
  double v = 0;
  std::string text;
  if (col_.type == ColumnType::Categorical) {
    const size_t code = static_cast<size_t>(col_.codes[row]);
    v = levelValue_[code];
    text = col_.levels[code];
  } else {
    v = col_.values[row];
    if (expected_ == ColumnType::Boolean && col_.type == ColumnType::Numeric && v != 0 && v != 1) {
      text = floatText(static_cast<float>(v));
      v = kNaN;
    }
  }
  if (std::isnan(v))
    throw Error(ErrorCode::NON_NUMERIC_VALUE,
                "column '" + col_.name + "' row " + std::to_string(row + 1) + ": " + quoteCell(text) +
                    (expected_ == ColumnType::Boolean ? " is not a boolean" : " is not a number"));
  return v;
}

LevelReader::LevelReader(const Table& table, size_t column, const std::vector<std::string>& levels)
    : table_(table), colIndex_(column), col_(table.column(column)) {
  for (size_t i = 0; i < levels.size(); ++i) {
    const int idx = static_cast<int>(i);
    byText_.emplace(levels[i], idx);
    double v = 0;
    if (parseDecimal(levels[i], v)) byValue_.emplace(static_cast<float>(v), idx);
    const int b = parseBooleanToken(levels[i]);
    if (b >= 0 && byBool_[b] == kUnseen) byBool_[b] = idx;
  }
  if (col_.type == ColumnType::Categorical) {
    codeMap_.reserve(col_.levels.size());
    for (const std::string& level : col_.levels) {
      int idx = lookupText(level);
      double v = 0;  // "2.0" matches a fitted "2" when no level has the exact text
      if (idx == kUnseen && parseDecimal(level, v)) {
        const auto it = byValue_.find(static_cast<float>(v));
        if (it != byValue_.end()) idx = it->second;
      }
      codeMap_.push_back(idx);
    }
  }
}

int LevelReader::lookupText(const std::string& text) const {
  const auto it = byText_.find(text);
  return it == byText_.end() ? kUnseen : it->second;
}

int LevelReader::at(size_t row) const {
  if (col_.isMissing(row)) return kMissing;
  if (col_.type == ColumnType::Categorical) return codeMap_[static_cast<size_t>(col_.codes[row])];
  const float v = col_.values[row];
  if (col_.type == ColumnType::Boolean) {
    const int byText = lookupText(table_.cellText(colIndex_, row));  // same spelling first
    return byText != kUnseen ? byText : byBool_[v != 0 ? 1 : 0];
  }
  const auto it = byValue_.find(v);  // numeric input: compare as numbers ("1.0" matches 1)
  return it == byValue_.end() ? kUnseen : it->second;
}

}  // namespace pathwise
