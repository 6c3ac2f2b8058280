// The small fixed table shared by model_file_fuzz (predicts on it) and make_model_seeds (trains the
// seed models on it): columns x (numeric), cat (categorical), noise (numeric with NA), result.
#pragma once

#include <string>
#include <vector>

#include "data/table.h"

inline pathwise::Table makeFixedTable() {
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 12; ++i)
    rows.push_back({std::to_string(i * 0.5 - 3), i % 3 == 0 ? "a" : (i % 2 ? "b" : "c"),
                    i % 5 == 0 ? "NA" : std::to_string(i % 4), i % 3 == 0 ? "pass" : "fail"});
  return pathwise::Table::fromRows({"x", "cat", "noise", "result"}, rows);
}
