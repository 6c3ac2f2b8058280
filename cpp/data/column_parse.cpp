// Parsing of one column of text cells into a typed Column: type inference (boolean, numeric,
// categorical), forced types, and the NON_NUMERIC_VALUE / NON_FINITE_VALUE checks.
#include <cctype>
#include <cfloat>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/error.h"
#include "data/table.h"

namespace pathwise {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::string where(const std::string& column, size_t row) {
  return "column '" + column + "' row " + std::to_string(row + 1);
}

// "inf", "Infinity", "-INF" ...: numbers that are not finite (NON_FINITE_VALUE, not categorical).
bool isInfinityToken(std::string_view cell) {
  std::string_view c = trimCell(cell);
  if (!c.empty() && (c[0] == '+' || c[0] == '-')) c.remove_prefix(1);
  if (c.size() != 3 && c.size() != 8) return false;
  static const char kWord[] = "infinity";
  for (size_t i = 0; i < c.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(c[i])) != kWord[i]) return false;
  return true;
}

// A number written with a decimal comma ("4,5", "-0,25"): digits, one comma, digits.
bool looksDecimalComma(std::string_view cell) {
  std::string text(trimCell(cell));
  const size_t comma = text.find(',');
  if (comma == std::string::npos || comma == 0 || comma + 1 == text.size() ||
      text.find(',', comma + 1) != std::string::npos)
    return false;
  text[comma] = '.';
  return looksDecimal(text);
}

// A column that would be categorical only because of decimal commas (a ';'-separated export from
// a comma-decimal locale) is an error naming the first such cell, not a silent categorical column.
void rejectDecimalCommas(const std::string& name, const std::vector<std::string_view>& cells) {
  size_t first = cells.size();
  for (size_t r = 0; r < cells.size(); ++r) {
    const std::string_view c = cells[r];
    if (isMissingToken(c) || looksDecimal(c)) continue;
    if (!looksDecimalComma(c)) return;
    if (first == cells.size()) first = r;
  }
  if (first == cells.size()) return;
  throw Error(ErrorCode::NON_NUMERIC_VALUE,
              "column '" + name + "' row " + std::to_string(first + 1) + ": " + quoteCell(trimCell(cells[first])) +
                  " uses a decimal comma; write numbers with '.' as the decimal point");
}

// Boolean if every non-missing cell is a boolean token, Numeric if every one looks like a number
// (all-missing columns count as Numeric), else Categorical.
ColumnType inferType(size_t n, const std::vector<std::string_view>& cells) {
  bool allBool = true, allNum = true;
  for (size_t r = 0; r < n && (allBool || allNum); ++r) {
    const std::string_view c = cells[r];
    if (isMissingToken(c)) continue;
    if (allBool && parseBooleanToken(c) < 0) allBool = false;
    if (allNum && !looksDecimal(c) && !isInfinityToken(c)) allNum = false;
  }
  if (allNum) return ColumnType::Numeric;  // a column of only missing cells is numeric
  return allBool ? ColumnType::Boolean : ColumnType::Categorical;
}

void fillNumeric(Column& col, size_t n, const std::vector<std::string_view>& cells) {
  col.values.resize(n);
  for (size_t r = 0; r < n; ++r) {
    const std::string_view c = cells[r];
    double v = 0;
    if (isMissingToken(c)) {
      col.values[r] = kNaN;
      continue;
    }
    if (isInfinityToken(c))
      throw Error(ErrorCode::NON_FINITE_VALUE, where(col.name, r) + ": " + quoteCell(trimCell(c)) +
                                                   " is not a finite number");
    if (!parseDecimal(c, v))
      throw Error(ErrorCode::NON_NUMERIC_VALUE, where(col.name, r) + ": " + quoteCell(trimCell(c)) +
                                                    " is not a number");
    if (!std::isfinite(v) || std::fabs(v) > FLT_MAX)
      throw Error(ErrorCode::NON_FINITE_VALUE, where(col.name, r) + ": " + quoteCell(trimCell(c)) +
                                                   " is outside the float range");
    col.values[r] = static_cast<float>(v);
  }
}

// The other spelling of a boolean pair: yes↔no, true↔false, 1↔0 (case kept when simple).
std::string complementSpelling(const std::string& s, int value) {
  const int b = parseBooleanToken(s);
  if (b >= 0) {
    const bool isYesNo = s.size() == 2 || s.size() == 3;  // "no" / "yes"
    const bool upper = std::isupper(static_cast<unsigned char>(s[0])) != 0;
    std::string other = isYesNo ? (value ? "no" : "yes") : (value ? "false" : "true");
    if (upper) other[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(other[0])));
    return other;
  }
  return value ? "0" : "1";
}

void fillBoolean(Column& col, size_t n, const std::vector<std::string_view>& cells) {
  col.values.resize(n);
  std::string spelling[2];
  for (size_t r = 0; r < n; ++r) {
    const std::string_view c = cells[r];
    if (isMissingToken(c)) {
      col.values[r] = kNaN;
      continue;
    }
    int b = parseBooleanToken(c);
    double v = 0;
    if (b < 0 && parseDecimal(c, v) && (v == 0 || v == 1)) b = static_cast<int>(v);
    if (b < 0)
      throw Error(ErrorCode::NON_NUMERIC_VALUE, where(col.name, r) + ": " + quoteCell(trimCell(c)) +
                                                    " is not a boolean (yes/no, true/false)");
    if (spelling[b].empty()) spelling[b] = std::string(trimCell(c));
    col.values[r] = static_cast<float>(b);
  }
  if (spelling[0].empty() && spelling[1].empty()) spelling[0] = "no", spelling[1] = "yes";
  if (spelling[0].empty()) spelling[0] = complementSpelling(spelling[1], 1);
  if (spelling[1].empty()) spelling[1] = complementSpelling(spelling[0], 0);
  col.levels = {spelling[0], spelling[1]};
}

void fillCategorical(Column& col, size_t n, const std::vector<std::string_view>& cells) {
  col.codes.resize(n);
  std::unordered_map<std::string, int32_t> index;
  for (size_t r = 0; r < n; ++r) {
    const std::string_view c = cells[r];
    if (isMissingToken(c)) {
      col.codes[r] = -1;
      continue;
    }
    std::string text(trimCell(c));
    auto it = index.find(text);
    if (it == index.end()) {
      it = index.emplace(text, static_cast<int32_t>(col.levels.size())).first;
      col.levels.push_back(std::move(text));
    }
    col.codes[r] = it->second;
  }
}

}  // namespace

Column parseColumn(const std::string& name, const std::vector<std::string_view>& cells,
                   const ColumnType* forced) {
  const size_t n = cells.size();
  Column col;
  col.name = name;
  col.type = forced ? *forced : inferType(n, cells);
  if (!forced && col.type == ColumnType::Categorical) rejectDecimalCommas(name, cells);
  if (col.type == ColumnType::Numeric) fillNumeric(col, n, cells);
  if (col.type == ColumnType::Boolean) fillBoolean(col, n, cells);
  if (col.type == ColumnType::Categorical) fillCategorical(col, n, cells);
  return col;
}

}  // namespace pathwise
