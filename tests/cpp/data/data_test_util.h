// Test-only helpers for the data tests: expect an error code and get its message, and a tiny
// ';'-separated, double-quoted CSV reader for the shared UCI student files.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "data/table.h"

namespace pathwise::test {

// Runs f, expects a pathwise::Error with `code`, returns its detail message ("" on failure).
template <class F>
std::string errorOf(F&& f, ErrorCode code) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), code) << e.what();
    return e.detail();
  }
  ADD_FAILURE() << "expected " << errorCodeName(code) << ", nothing was thrown";
  return "";
}

// Splits one line on `sep`, honouring double quotes ("" inside quotes is a quote).
inline std::vector<std::string> splitLine(const std::string& line, char sep) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') cells.back() += '"', ++i;
    else if (c == '"') quoted = !quoted;
    else if (c == sep && !quoted) cells.emplace_back();
    else if (c != '\r') cells.back() += c;
  }
  return cells;
}

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

inline Csv readCsv(const std::string& path, char sep) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  Csv csv;
  std::string line;
  if (std::getline(in, line)) csv.header = splitLine(line, sep);
  while (std::getline(in, line))
    if (!line.empty() && line != "\r") csv.rows.push_back(splitLine(line, sep));
  return csv;
}

inline Table studentPor() {
  const Csv csv = readCsv(std::string(PATHWISE_SHARED_DATA) + "/student-por.csv", ';');
  return Table::fromRows(csv.header, csv.rows);
}

}  // namespace pathwise::test
