// Train/test splits and k-fold assignments of row indices: stratified (by class label) for
// classification, plain for regression. Deterministic for a seed; randomness only via pathwise::Rng.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace pathwise {

using IndexSplit = std::pair<std::vector<size_t>, std::vector<size_t>>;  // (train, test), each ascending

// Per class (ascending label order) the members are shuffled with one Rng(seed); the class gets
// its share of T = round(testFraction·n) test rows by largest remainder (exact integer arithmetic,
// ties to the smaller label), then clamped so a class with ≥ 2 members has ≥ 1 row in train and
// ≥ 1 in test; a class with 1 member goes to train. The test size can therefore differ from T.
// Throws EMPTY_DATA (n < 2), BAD_OPTION (testFraction outside (0, 1)).
IndexSplit stratifiedSplit(const std::vector<int>& labels, double testFraction, uint64_t seed);

// Test indices of each of k folds (each ascending). Every class is shuffled with one Rng(seed)
// (ascending label order) and its members are dealt round-robin to folds, the deal continuing
// across classes: fold sizes differ by ≤ 1 and each class's counts per fold differ by ≤ 1.
// Throws EMPTY_DATA (n = 0), BAD_OPTION (k < 2 or k > n).
std::vector<std::vector<size_t>> stratifiedKFold(const std::vector<int>& labels, int k, uint64_t seed);

// k folds of a shuffled 0..n-1 dealt round-robin (sizes differ by ≤ 1). Same errors.
std::vector<std::vector<size_t>> kFold(size_t n, int k, uint64_t seed);

// Shuffled 0..n-1; the test part has round(testFraction·n) rows clamped to [1, n − 1].
// Throws EMPTY_DATA (n < 2), BAD_OPTION (testFraction outside (0, 1)).
IndexSplit randomSplit(size_t n, double testFraction, uint64_t seed);

}  // namespace pathwise
