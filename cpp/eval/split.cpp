// Implementation of the stratified and plain splits / k-folds declared in eval/split.h.
#include "eval/split.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>

#include "core/error.h"
#include "core/rng.h"
#include "core/text.h"

namespace pathwise {
namespace {

void checkFraction(double testFraction, const char* caller) {
  require(testFraction > 0 && testFraction < 1, ErrorCode::BAD_OPTION,
          std::string(caller) + ": option 'testFraction' must be in (0, 1) (got " +
              formatG(testFraction) + ")");
}

void checkRowsToSplit(size_t n, const char* caller) {
  require(n >= 2, ErrorCode::EMPTY_DATA,
          std::string(caller) + ": needs at least 2 rows to split (got " + std::to_string(n) + ")");
}

void checkFolds(size_t n, int k, const char* caller) {
  require(n > 0, ErrorCode::EMPTY_DATA, std::string(caller) + ": no rows to split into folds");
  require(k >= 2 && static_cast<size_t>(k) <= n, ErrorCode::BAD_OPTION,
          std::string(caller) + ": option 'folds' must be between 2 and the number of rows " +
              std::to_string(n) + " (got " + std::to_string(k) + ")");
}

// Row indices per label, labels ascending, each group shuffled in that order with one Rng(seed).
std::vector<std::vector<size_t>> shuffledClasses(const std::vector<int>& labels, uint64_t seed) {
  std::map<int, std::vector<size_t>> byLabel;
  for (size_t i = 0; i < labels.size(); ++i) byLabel[labels[i]].push_back(i);
  Rng rng(seed);
  std::vector<std::vector<size_t>> groups;
  groups.reserve(byLabel.size());
  for (auto& entry : byLabel) {
    rng.shuffle(entry.second);
    groups.push_back(std::move(entry.second));
  }
  return groups;
}

size_t roundedTestSize(size_t n, double testFraction) {
  return static_cast<size_t>(std::floor(testFraction * static_cast<double>(n) + 0.5));
}

// Largest-remainder apportionment of `total` test rows over groups of the given sizes, then
// clamped to [1, size − 1] for groups of ≥ 2 and to 0 for singletons.
std::vector<size_t> testQuota(const std::vector<std::vector<size_t>>& groups, size_t n, size_t total) {
  const size_t g = groups.size();
  std::vector<size_t> quota(g), remainder(g), order(g);
  size_t assigned = 0;
  for (size_t c = 0; c < g; ++c) {
    const uint64_t scaled = static_cast<uint64_t>(total) * groups[c].size();
    quota[c] = static_cast<size_t>(scaled / n);
    remainder[c] = static_cast<size_t>(scaled % n);
    assigned += quota[c];
  }
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
  for (size_t i = 0; assigned < total && i < g; ++i, ++assigned) ++quota[order[i]];
  for (size_t c = 0; c < g; ++c) {
    const size_t size = groups[c].size();
    quota[c] = size < 2 ? 0 : std::clamp<size_t>(quota[c], 1, size - 1);
  }
  return quota;
}

IndexSplit sorted(IndexSplit split) {
  std::sort(split.first.begin(), split.first.end());
  std::sort(split.second.begin(), split.second.end());
  return split;
}

}  // namespace

IndexSplit stratifiedSplit(const std::vector<int>& labels, double testFraction, uint64_t seed) {
  checkRowsToSplit(labels.size(), "stratifiedSplit");
  checkFraction(testFraction, "stratifiedSplit");
  const auto groups = shuffledClasses(labels, seed);
  const auto quota = testQuota(groups, labels.size(), roundedTestSize(labels.size(), testFraction));
  IndexSplit split;
  for (size_t c = 0; c < groups.size(); ++c) {
    split.second.insert(split.second.end(), groups[c].begin(), groups[c].begin() + quota[c]);
    split.first.insert(split.first.end(), groups[c].begin() + quota[c], groups[c].end());
  }
  return sorted(std::move(split));
}

std::vector<std::vector<size_t>> stratifiedKFold(const std::vector<int>& labels, int k, uint64_t seed) {
  checkFolds(labels.size(), k, "stratifiedKFold");
  std::vector<std::vector<size_t>> folds(static_cast<size_t>(k));
  size_t dealt = 0;
  for (const auto& group : shuffledClasses(labels, seed))
    for (size_t row : group) folds[dealt++ % folds.size()].push_back(row);
  for (auto& fold : folds) std::sort(fold.begin(), fold.end());
  return folds;
}

std::vector<std::vector<size_t>> kFold(size_t n, int k, uint64_t seed) {
  checkFolds(n, k, "kFold");
  std::vector<size_t> rows(n);
  std::iota(rows.begin(), rows.end(), size_t{0});
  Rng rng(seed);
  rng.shuffle(rows);
  std::vector<std::vector<size_t>> folds(static_cast<size_t>(k));
  for (size_t i = 0; i < n; ++i) folds[i % folds.size()].push_back(rows[i]);
  for (auto& fold : folds) std::sort(fold.begin(), fold.end());
  return folds;
}

IndexSplit randomSplit(size_t n, double testFraction, uint64_t seed) {
  checkRowsToSplit(n, "randomSplit");
  checkFraction(testFraction, "randomSplit");
  std::vector<size_t> rows(n);
  std::iota(rows.begin(), rows.end(), size_t{0});
  Rng rng(seed);
  rng.shuffle(rows);
  const size_t nTest = std::clamp<size_t>(roundedTestSize(n, testFraction), 1, n - 1);
  IndexSplit split;
  split.second.assign(rows.begin(), rows.begin() + nTest);
  split.first.assign(rows.begin() + nTest, rows.end());
  return sorted(std::move(split));
}

}  // namespace pathwise
