// Tests for eval/split.h: stratified proportions (hand-apportioned), disjoint and covering
// splits/folds, determinism per seed, fold size balance and error codes with option names.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>
#include <set>

#include "core/error.h"
#include "eval/split.h"

using namespace pathwise;

namespace {

std::vector<int> classes(const std::vector<std::pair<int, int>>& labelCounts) {
  std::vector<int> labels;
  for (auto [label, count] : labelCounts) labels.insert(labels.end(), count, label);
  return labels;
}

// Interleave so that classes are not in contiguous blocks (guards against index-order shortcuts).
std::vector<int> interleaved(std::vector<int> labels) {
  std::vector<int> out;
  for (size_t i = 0; i < labels.size(); i += 2) out.push_back(labels[i]);
  for (size_t i = 1; i < labels.size(); i += 2) out.push_back(labels[i]);
  return out;
}

int countLabel(const std::vector<size_t>& rows, const std::vector<int>& labels, int label) {
  int c = 0;
  for (size_t r : rows) c += labels[r] == label;
  return c;
}

void expectPartition(const std::vector<std::vector<size_t>>& parts, size_t n) {
  std::vector<int> seen(n, 0);
  for (const auto& part : parts) {
    EXPECT_TRUE(std::is_sorted(part.begin(), part.end()));
    for (size_t r : part) {
      ASSERT_LT(r, n);
      ++seen[r];
    }
  }
  for (size_t r = 0; r < n; ++r) EXPECT_EQ(seen[r], 1) << "row " << r;
}

std::string errorText(const std::function<void()>& f, ErrorCode expected) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), expected) << e.what();
    return e.detail();
  }
  ADD_FAILURE() << "expected " << errorCodeName(expected);
  return "";
}

}  // namespace

// 60/30/10 rows, 20 % test → T = 20; quotas 20·60/100 = 12, 6, 2 exactly.
TEST(StratifiedSplit, ExactProportions) {
  const auto labels = interleaved(classes({{0, 60}, {1, 30}, {2, 10}}));
  const auto [train, test] = stratifiedSplit(labels, 0.2, 7);
  expectPartition({train, test}, labels.size());
  EXPECT_EQ(countLabel(test, labels, 0), 12);
  EXPECT_EQ(countLabel(test, labels, 1), 6);
  EXPECT_EQ(countLabel(test, labels, 2), 2);
  EXPECT_EQ(train.size(), 80u);
}

// 7 × A, 3 × B, 25 % → T = round(2.5) = 3. Quotas: A 3·7/10 = 2 rem 1, B 3·3/10 = 0 rem 9;
// the one remaining seat goes to the larger remainder (B) → A 2, B 1.
TEST(StratifiedSplit, LargestRemainderRounding) {
  const auto labels = classes({{5, 7}, {9, 3}});
  const auto [train, test] = stratifiedSplit(labels, 0.25, 1);
  EXPECT_EQ(countLabel(test, labels, 5), 2);
  EXPECT_EQ(countLabel(test, labels, 9), 1);
  EXPECT_EQ(test.size() + train.size(), 10u);
}

// 97 × 0, 2 × 1, 1 × 2 at 10 %: T = 10; quotas 9.7 → 9 (rem 70), .2 → 0 (rem 20), .1 → 0 (rem 10);
// the seat goes to class 0 → 10. Clamping: class 1 (2 members) → 1 test, 1 train; the singleton
// class 2 → train. Test size 11.
TEST(StratifiedSplit, SmallClassesInBothSidesSingletonInTrain) {
  auto labels = classes({{0, 97}, {1, 2}, {2, 1}});
  const auto [train, test] = stratifiedSplit(labels, 0.1, 3);
  expectPartition({train, test}, labels.size());
  EXPECT_EQ(countLabel(test, labels, 0), 10);
  EXPECT_EQ(countLabel(test, labels, 1), 1);
  EXPECT_EQ(countLabel(train, labels, 1), 1);
  EXPECT_EQ(countLabel(train, labels, 2), 1);
  EXPECT_EQ(test.size(), 11u);
}

TEST(StratifiedSplit, DeterministicPerSeedAndShuffled) {
  const auto labels = classes({{0, 50}, {1, 50}});
  const auto a = stratifiedSplit(labels, 0.3, 42), b = stratifiedSplit(labels, 0.3, 42);
  const auto c = stratifiedSplit(labels, 0.3, 43);
  EXPECT_EQ(a, b);
  EXPECT_NE(a.second, c.second);
  EXPECT_EQ(c.second.size(), a.second.size());
  // Not simply the first rows of each class.
  std::vector<size_t> firstRows{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  std::vector<size_t> testOfClass0(a.second.begin(), a.second.begin() + 15);
  EXPECT_NE(testOfClass0, firstRows);
}

// Class 0 has rows {0,1}, class 1 rows {2,3}; k = 3. Dealing continues across classes:
// class 0 → folds 0,1; class 1 → folds 2,0. Sizes 2,1,1, fold 0 holds one row of each class.
// (Restarting at fold 0 per class would give 2,2,0.)
TEST(StratifiedKFold, DealContinuesAcrossClasses) {
  const std::vector<int> labels{0, 0, 1, 1};
  const auto folds = stratifiedKFold(labels, 3, 11);
  ASSERT_EQ(folds.size(), 3u);
  EXPECT_EQ(folds[0].size(), 2u);
  EXPECT_EQ(folds[1].size(), 1u);
  EXPECT_EQ(folds[2].size(), 1u);
  EXPECT_EQ(countLabel(folds[0], labels, 0), 1);
  EXPECT_EQ(countLabel(folds[0], labels, 1), 1);
  EXPECT_EQ(countLabel(folds[1], labels, 0), 1);
  EXPECT_EQ(countLabel(folds[2], labels, 1), 1);
}

// 60/30/10 into 3 folds: sizes 34/33/33; class 0 → 20 per fold, class 1 → 10, class 2 → 4/3/3.
TEST(StratifiedKFold, BalancedFoldsAndClasses) {
  const auto labels = interleaved(classes({{0, 60}, {1, 30}, {2, 10}}));
  const auto folds = stratifiedKFold(labels, 3, 5);
  expectPartition(folds, labels.size());
  std::multiset<size_t> sizes;
  std::multiset<int> class2;
  for (const auto& f : folds) {
    sizes.insert(f.size());
    EXPECT_EQ(countLabel(f, labels, 0), 20);
    EXPECT_EQ(countLabel(f, labels, 1), 10);
    class2.insert(countLabel(f, labels, 2));
  }
  EXPECT_EQ(sizes, (std::multiset<size_t>{33, 33, 34}));
  EXPECT_EQ(class2, (std::multiset<int>{3, 3, 4}));
  EXPECT_EQ(stratifiedKFold(labels, 3, 5), folds);
  EXPECT_NE(stratifiedKFold(labels, 3, 6), folds);
}

TEST(KFold, SizesDifferByAtMostOneAndCover) {
  const auto folds = kFold(23, 5, 9);  // 23 = 5·4 + 3 → sizes 5,5,5,4,4
  expectPartition(folds, 23);
  std::multiset<size_t> sizes;
  for (const auto& f : folds) sizes.insert(f.size());
  EXPECT_EQ(sizes, (std::multiset<size_t>{4, 4, 5, 5, 5}));
  EXPECT_EQ(kFold(23, 5, 9), folds);
  EXPECT_NE(kFold(23, 5, 10), folds);
  EXPECT_EQ(kFold(4, 4, 1).size(), 4u);  // k = n: leave-one-out
}

TEST(RandomSplit, SizesCoverAndDeterminism) {
  const auto [train, test] = randomSplit(10, 0.3, 2);
  EXPECT_EQ(test.size(), 3u);
  expectPartition({train, test}, 10);
  EXPECT_EQ(randomSplit(10, 0.3, 2), std::make_pair(train, test));
  EXPECT_NE(randomSplit(100, 0.3, 2).second, randomSplit(100, 0.3, 3).second);
  EXPECT_EQ(randomSplit(2, 0.01, 1).second.size(), 1u);  // round(0.02) = 0 → clamped to 1
  EXPECT_EQ(randomSplit(2, 0.99, 1).first.size(), 1u);   // round(1.98) = 2 → clamped to n − 1
}

TEST(Split, ErrorsNameOptionAndValue) {
  const std::vector<int> labels{0, 1, 0, 1};
  EXPECT_NE(errorText([&] { stratifiedKFold(labels, 1, 1); }, ErrorCode::BAD_OPTION).find("'folds'"),
            std::string::npos);
  EXPECT_NE(errorText([&] { stratifiedKFold(labels, 5, 1); }, ErrorCode::BAD_OPTION).find("got 5"),
            std::string::npos);
  errorText([&] { kFold(3, 4, 1); }, ErrorCode::BAD_OPTION);
  errorText([&] { kFold(0, 2, 1); }, ErrorCode::EMPTY_DATA);
  errorText([&] { stratifiedKFold({}, 2, 1); }, ErrorCode::EMPTY_DATA);
  const std::string msg = errorText([&] { stratifiedSplit(labels, 1.0, 1); }, ErrorCode::BAD_OPTION);
  EXPECT_NE(msg.find("'testFraction'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("got 1)"), std::string::npos) << msg;
  errorText([&] { stratifiedSplit(labels, 0.0, 1); }, ErrorCode::BAD_OPTION);
  errorText([&] { stratifiedSplit(labels, NAN, 1); }, ErrorCode::BAD_OPTION);
  errorText([&] { randomSplit(5, -0.2, 1); }, ErrorCode::BAD_OPTION);
  errorText([&] { stratifiedSplit({}, 0.2, 1); }, ErrorCode::EMPTY_DATA);
  errorText([&] { randomSplit(1, 0.5, 1); }, ErrorCode::EMPTY_DATA);
}
