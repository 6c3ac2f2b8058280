// Test-only CSV reader (RFC 4180 quotes, one-character delimiter) used to feed the shared
// datasets to the core in native tests. The product's CSV parser is Papa Parse, in web/.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "data/table.h"

namespace pathwise::test {

inline std::vector<std::vector<std::string>> readCsvRows(const std::string& path, char delim) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string cell;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { cell += '"'; ++i; }
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == delim) {
      row.push_back(cell); cell.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(cell); cell.clear();
      if (!(row.size() == 1 && row[0].empty())) rows.push_back(row);
      row.clear();
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !row.empty()) { row.push_back(cell); rows.push_back(row); }
  return rows;
}

inline Table readCsvTable(const std::string& path, char delim) {
  auto rows = readCsvRows(path, delim);
  std::vector<std::string> header = rows.front();
  rows.erase(rows.begin());
  return Table::fromRows(header, rows);
}

}  // namespace pathwise::test
