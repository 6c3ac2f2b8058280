// Reads a table column as the type a fitted object expects, whatever type the column was
// inferred as at predict time (e.g. categorical "1","2" at fit time but numeric now).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "data/table.h"

namespace pathwise {

// Numeric (or 0/1 boolean) value of each cell; NaN when missing.
class NumericReader {
 public:
  // expected: ColumnType::Numeric or ColumnType::Boolean (then values must be 0/1).
  NumericReader(const Column& column, ColumnType expected);
  // Throws NON_NUMERIC_VALUE naming column, 1-based row and text for a cell that does not fit.
  double at(size_t row) const;

 private:
  const Column& col_;
  ColumnType expected_;
  std::vector<double> levelValue_;  // categorical input: value per level (NaN = not a number)
};

// Index of each cell's text in a fixed, fitted list of levels.
class LevelReader {
 public:
  static constexpr int kMissing = -2;
  static constexpr int kUnseen = -1;
  LevelReader(const Table& table, size_t column, const std::vector<std::string>& levels);
  int at(size_t row) const;  // kMissing, kUnseen or an index into levels

 private:
  int lookupText(const std::string& text) const;  // exact text only
  const Table& table_;
  size_t colIndex_;
  const Column& col_;
  std::unordered_map<std::string, int> byText_;
  std::unordered_map<float, int> byValue_;   // fitted levels that read as numbers
  int byBool_[2] = {kUnseen, kUnseen};       // fitted levels that are boolean tokens
  std::vector<int> codeMap_;                 // categorical input: input code -> level index
};

}  // namespace pathwise
