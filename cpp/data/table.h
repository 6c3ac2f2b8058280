// Typed, column-major table built from string cells (CSV rows or columns from JS).
// Numeric cells are float, categorical cells are codes into a level list, so a
// 100,000 x 50 table stays small. See docs/DESIGN.md "data".
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "data/cell_parse.h"

namespace pathwise {

enum class ColumnType { Numeric, Boolean, Categorical };

// Lower-case name of a type for messages: "numeric", "boolean", "categorical".
const char* columnTypeName(ColumnType type);

struct Column {
  std::string name;
  ColumnType type = ColumnType::Numeric;
  std::vector<float> values;        // Numeric: value or NaN (missing). Boolean: 0/1 or NaN.
  std::vector<int32_t> codes;       // Categorical: index into levels, -1 = missing
  std::vector<std::string> levels;  // Categorical: distinct values in first-seen order.
                                    // Boolean: {false spelling, true spelling}, e.g. {"no","yes"}.
  size_t size() const { return type == ColumnType::Categorical ? codes.size() : values.size(); }
  bool isMissing(size_t row) const;
  size_t missingCount() const;
};

// Parses one column of text cells (missing tokens, booleans, numbers, else categorical); `forced`
// overrides inference (NON_NUMERIC_VALUE / NON_FINITE_VALUE name the column and 1-based row).
// Lets a caller parse column by column so the text of the whole table never piles up.
Column parseColumn(const std::string& name, const std::vector<std::string_view>& cells,
                   const ColumnType* forced = nullptr);

class Table {
 public:
  // header.size() cells per row; ragged rows → SHAPE_MISMATCH naming the 1-based row.
  static Table fromRows(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows,
                        const std::map<std::string, ColumnType>& typeOverrides = {});
  // cells[col][row]; every column must have the same length.
  static Table fromColumns(const std::vector<std::string>& names,
                           const std::vector<std::vector<std::string>>& cells,
                           const std::map<std::string, ColumnType>& typeOverrides = {});

  // Table from already-typed columns (parseColumn, or edited copies of another table's columns).
  // Checks names (BAD_OPTION / DUPLICATE_COLUMN), equal lengths (SHAPE_MISMATCH), at least one row
  // (EMPTY_DATA) and each column's invariants (codes within levels, booleans 0/1, finite numbers).
  static Table fromParsedColumns(std::vector<Column> columns);

  size_t rows() const { return rows_; }
  size_t cols() const { return columns_.size(); }
  const Column& column(size_t i) const;                  // SHAPE_MISMATCH when out of range
  const Column& column(const std::string& name) const;   // UNKNOWN_COLUMN when absent
  int indexOf(const std::string& name) const;            // -1 when absent
  std::vector<std::string> names() const;
  // New table with the given rows, in the given order (repeats allowed); levels are kept.
  Table selectRows(const std::vector<size_t>& rows) const;
  // Canonical text of a cell: the level, the boolean spelling, or the shortest float text;
  // "" when missing.
  std::string cellText(size_t col, size_t row) const;

 private:
  Table(std::vector<Column> columns, size_t rows) : columns_(std::move(columns)), rows_(rows) {}
  std::vector<Column> columns_;
  size_t rows_ = 0;
};

}  // namespace pathwise
