// Table construction: header checks, per-column type inference and typed storage.
#include <algorithm>
#include "data/table.h"

#include <cctype>
#include <cfloat>
#include <cmath>
#include <limits>
#include <set>
#include <unordered_map>

#include "core/error.h"

namespace pathwise {
namespace {

const ColumnType* forcedType(const std::map<std::string, ColumnType>& overrides, const std::string& name) {
  const auto it = overrides.find(name);
  return it == overrides.end() ? nullptr : &it->second;
}

void checkHeader(const std::vector<std::string>& names,
                 const std::map<std::string, ColumnType>& overrides) {
  if (names.empty()) throw Error(ErrorCode::EMPTY_DATA, "the table has no columns");
  for (size_t i = 0; i < names.size(); ++i)
    if (trimCell(names[i]).empty())
      throw Error(ErrorCode::BAD_OPTION, "column " + std::to_string(i + 1) + " has an empty name");
  // Sorted views find duplicates without copying names (this runs on every predict call); the
  // error names the first repeat in column order.
  std::vector<std::string_view> sorted(names.begin(), names.end());
  std::sort(sorted.begin(), sorted.end());
  if (std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end()) {
    std::set<std::string_view> seen;
    for (const std::string& name : names)
      if (!seen.insert(name).second)
        throw Error(ErrorCode::DUPLICATE_COLUMN, "column '" + name + "' appears more than once");
  }
  for (const auto& [name, type] : overrides)
    if (!std::binary_search(sorted.begin(), sorted.end(), std::string_view(name)))
      throw Error(ErrorCode::UNKNOWN_COLUMN, "type override names column '" + name +
                                                 "', which is not in the table");
}

}  // namespace

const char* columnTypeName(ColumnType type) {
  switch (type) {
    case ColumnType::Numeric: return "numeric";
    case ColumnType::Boolean: return "boolean";
    case ColumnType::Categorical: return "categorical";
  }
  return "unknown";
}

bool Column::isMissing(size_t row) const {
  return type == ColumnType::Categorical ? codes[row] < 0 : std::isnan(values[row]);
}

size_t Column::missingCount() const {
  size_t count = 0;
  for (size_t r = 0; r < size(); ++r) count += isMissing(r) ? 1 : 0;
  return count;
}

Table Table::fromRows(const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows,
                      const std::map<std::string, ColumnType>& typeOverrides) {
  checkHeader(header, typeOverrides);
  if (rows.empty()) throw Error(ErrorCode::EMPTY_DATA, "the table has a header but no data rows");
  for (size_t r = 0; r < rows.size(); ++r)
    if (rows[r].size() != header.size())
      throw Error(ErrorCode::SHAPE_MISMATCH, "row " + std::to_string(r + 1) + " has " +
                                                 std::to_string(rows[r].size()) + " cells, the header has " +
                                                 std::to_string(header.size()));
  std::vector<Column> cols;
  cols.reserve(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    std::vector<std::string_view> cells(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) cells[r] = rows[r][c];
    cols.push_back(parseColumn(header[c], cells, forcedType(typeOverrides, header[c])));
  }
  return Table(std::move(cols), rows.size());
}

Table Table::fromColumns(const std::vector<std::string>& names,
                         const std::vector<std::vector<std::string>>& cells,
                         const std::map<std::string, ColumnType>& typeOverrides) {
  checkHeader(names, typeOverrides);
  if (cells.size() != names.size())
    throw Error(ErrorCode::SHAPE_MISMATCH, std::to_string(names.size()) + " column names but " +
                                               std::to_string(cells.size()) + " columns of cells");
  const size_t n = cells[0].size();
  for (size_t c = 0; c < cells.size(); ++c)
    if (cells[c].size() != n)
      throw Error(ErrorCode::SHAPE_MISMATCH, "column '" + names[c] + "' has " +
                                                 std::to_string(cells[c].size()) + " rows, column '" +
                                                 names[0] + "' has " + std::to_string(n));
  if (n == 0) throw Error(ErrorCode::EMPTY_DATA, "the table has no data rows");
  std::vector<Column> cols;
  cols.reserve(names.size());
  for (size_t c = 0; c < names.size(); ++c) {
    const std::vector<std::string_view> views(cells[c].begin(), cells[c].end());
    cols.push_back(parseColumn(names[c], views, forcedType(typeOverrides, names[c])));
  }
  return Table(std::move(cols), n);
}

namespace {

// The invariants DESIGN.md states for a Column of the given type.
void checkColumn(Column& c) {
  const auto bad = [&c](const std::string& why) {
    throw Error(ErrorCode::SHAPE_MISMATCH, "column '" + c.name + "': " + why);
  };
  if (c.type == ColumnType::Categorical) {
    if (!c.values.empty()) bad("a categorical column has float values");
    for (int32_t code : c.codes)
      if (code < -1 || code >= static_cast<int32_t>(c.levels.size())) bad("code out of range of the levels");
    return;
  }
  if (!c.codes.empty()) bad("a " + std::string(columnTypeName(c.type)) + " column has category codes");
  bool anyInf = false;  // a branch-free scan first (vectorised); the loop below only reports
  for (float v : c.values) anyInf |= std::isinf(v);
  if (anyInf || c.type == ColumnType::Boolean)
    for (float v : c.values) {
      if (c.type == ColumnType::Boolean && !std::isnan(v) && v != 0 && v != 1) bad("boolean value not 0/1");
      if (std::isinf(v)) throw Error(ErrorCode::NON_FINITE_VALUE, "column '" + c.name + "' has an infinite value");
    }
  if (c.type == ColumnType::Boolean && c.levels.size() != 2) c.levels = {"no", "yes"};
  if (c.type == ColumnType::Numeric) c.levels.clear();
}

}  // namespace

Table Table::fromParsedColumns(std::vector<Column> columns) {
  std::vector<std::string> names;
  for (const Column& c : columns) names.push_back(c.name);
  checkHeader(names, {});
  const size_t n = columns[0].size();
  for (Column& c : columns) {
    if (c.size() != n)
      throw Error(ErrorCode::SHAPE_MISMATCH, "column '" + c.name + "' has " + std::to_string(c.size()) +
                                                 " rows, column '" + names[0] + "' has " + std::to_string(n));
    checkColumn(c);
  }
  if (n == 0) throw Error(ErrorCode::EMPTY_DATA, "the table has no data rows");
  return Table(std::move(columns), n);
}

const Column& Table::column(size_t i) const {
  if (i >= columns_.size())
    throw Error(ErrorCode::SHAPE_MISMATCH, "column index " + std::to_string(i) + " out of range (" +
                                               std::to_string(columns_.size()) + " columns)");
  return columns_[i];
}

const Column& Table::column(const std::string& name) const {
  const int i = indexOf(name);
  if (i < 0) throw Error(ErrorCode::UNKNOWN_COLUMN, "no column named '" + name + "'");
  return columns_[static_cast<size_t>(i)];
}

int Table::indexOf(const std::string& name) const {
  for (size_t i = 0; i < columns_.size(); ++i)
    if (columns_[i].name == name) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> Table::names() const {
  std::vector<std::string> out;
  out.reserve(columns_.size());
  for (const Column& c : columns_) out.push_back(c.name);
  return out;
}

Table Table::selectRows(const std::vector<size_t>& rows) const {
  for (size_t r : rows)
    if (r >= rows_)
      throw Error(ErrorCode::SHAPE_MISMATCH, "row index " + std::to_string(r) + " out of range (" +
                                                 std::to_string(rows_) + " rows)");
  std::vector<Column> cols;
  cols.reserve(columns_.size());
  for (const Column& src : columns_) {
    Column c;
    c.name = src.name;
    c.type = src.type;
    c.levels = src.levels;
    if (src.type == ColumnType::Categorical) {
      c.codes.reserve(rows.size());
      for (size_t r : rows) c.codes.push_back(src.codes[r]);
    } else {
      c.values.reserve(rows.size());
      for (size_t r : rows) c.values.push_back(src.values[r]);
    }
    cols.push_back(std::move(c));
  }
  return Table(std::move(cols), rows.size());
}

std::string Table::cellText(size_t col, size_t row) const {
  const Column& c = column(col);
  if (row >= rows_)
    throw Error(ErrorCode::SHAPE_MISMATCH, "row index " + std::to_string(row) + " out of range (" +
                                               std::to_string(rows_) + " rows)");
  if (c.isMissing(row)) return "";
  if (c.type == ColumnType::Categorical) return c.levels[static_cast<size_t>(c.codes[row])];
  if (c.type == ColumnType::Boolean) return c.levels[c.values[row] != 0 ? 1 : 0];
  return floatText(c.values[row]);
}

}  // namespace pathwise
