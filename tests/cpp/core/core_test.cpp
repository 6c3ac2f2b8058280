// Tests for the core utilities: error codes, the portable RNG and the bounds-checked byte reader.
#include <gtest/gtest.h>

#include <set>

#include "core/bytes.h"
#include "core/error.h"
#include "core/rng.h"

using namespace pathwise;

TEST(Error, CarriesCodeAndPrefixedMessage) {
  Error e(ErrorCode::BAD_OPTION, "epochs must be >= 1 (got 0)");
  EXPECT_STREQ(e.codeName(), "BAD_OPTION");
  EXPECT_EQ(e.detail(), "epochs must be >= 1 (got 0)");
  EXPECT_STREQ(e.what(), "BAD_OPTION: epochs must be >= 1 (got 0)");
}

TEST(Error, CodeNamesAreUniqueAndComplete) {
  auto names = allErrorCodeNames();
  std::set<std::string> unique(names.begin(), names.end());
  EXPECT_EQ(unique.size(), names.size());
  EXPECT_EQ(names.front(), "EMPTY_DATA");
  EXPECT_STREQ(errorCodeName(ErrorCode::INTERNAL), "INTERNAL");
}

TEST(Rng, SplitMixXoshiroKnownFirstOutput) {
  // Reference: splitmix64 seeding of xoshiro256** with seed 0 — the first splitmix64 output
  // for state 0 is 0xe220a8397b1dcdaf (Vigna's published test vector).
  uint64_t x = 0;
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  EXPECT_EQ(z ^ (z >> 31), 0xe220a8397b1dcdafULL);
}

TEST(Rng, SameSeedSameStreamDifferentSeedDifferentStream) {
  Rng a(42), b(42), c(43);
  for (int i = 0; i < 100; ++i) {
    uint64_t va = a.next();
    EXPECT_EQ(va, b.next());
    (void)c;
  }
  Rng d(42), e(43);
  int same = 0;
  for (int i = 0; i < 100; ++i) same += d.next() == e.next();
  EXPECT_EQ(same, 0);
}

TEST(Rng, UniformInRangeAndBelowIsUnbiasedEnough) {
  Rng r(7);
  std::vector<int> counts(6, 0);
  const int n = 60000;
  for (int i = 0; i < n; ++i) {
    double u = r.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    counts[r.below(6)]++;
  }
  for (int c : counts) EXPECT_NEAR(c, n / 6, 400);  // ~5 sd
}

TEST(Rng, ShuffleIsAPermutation) {
  Rng r(3);
  std::vector<int> v(100);
  for (int i = 0; i < 100; ++i) v[i] = i;
  r.shuffle(v);
  std::set<int> s(v.begin(), v.end());
  EXPECT_EQ(s.size(), 100u);
  int fixed = 0;
  for (int i = 0; i < 100; ++i) fixed += v[i] == i;
  EXPECT_LT(fixed, 10);
}

TEST(Bytes, RoundTripAllTypes) {
  ByteWriter w;
  w.u8(7);
  w.u32(0xDEADBEEF);
  w.u64(0x0123456789ABCDEFULL);
  w.f32(1.5f);
  w.f64(-2.25);
  w.str("héllo");
  ByteReader r(w.data());
  EXPECT_EQ(r.u8(), 7);
  EXPECT_EQ(r.u32(), 0xDEADBEEFu);
  EXPECT_EQ(r.u64(), 0x0123456789ABCDEFULL);
  EXPECT_EQ(r.f32(), 1.5f);
  EXPECT_EQ(r.f64(), -2.25);
  EXPECT_EQ(r.str(), "héllo");
  EXPECT_TRUE(r.atEnd());
}

TEST(Bytes, TruncationAndForgedCountsAreBadModelFile) {
  ByteWriter w;
  w.u32(0xFFFFFFFFu);  // a forged count of 4 billion elements
  ByteReader r(w.data());
  try {
    r.count(4, "weights");
    FAIL() << "expected BAD_MODEL_FILE";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::BAD_MODEL_FILE);
  }
  ByteReader t(w.data().data(), 2);
  EXPECT_THROW(t.u32(), Error);
}

TEST(Bytes, Crc32KnownVector) {
  const char* s = "123456789";
  EXPECT_EQ(crc32(reinterpret_cast<const uint8_t*>(s), 9), 0xCBF43926u);
}
