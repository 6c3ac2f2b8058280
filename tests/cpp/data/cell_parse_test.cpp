// Tests that the fast exact path of parseDecimal gives bit-for-bit the same double as strtod
// (correct rounding) on random decimal literals, including the cases that fall back to strtod.
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "core/rng.h"
#include "data/cell_parse.h"

using namespace pathwise;

TEST(CellParse, ParseDecimalMatchesStrtodBitForBit) {
  Rng rng(42);
  for (int i = 0; i < 300000; ++i) {
    std::string s;
    if (rng.below(4) == 0) s += rng.below(2) ? "-" : "+";
    const int intDigits = static_cast<int>(rng.below(12));
    for (int d = 0; d < intDigits; ++d) s += static_cast<char>('0' + rng.below(10));
    if (intDigits == 0) s += '0';
    if (rng.below(3)) {
      s += '.';
      const int fracDigits = 1 + static_cast<int>(rng.below(25));  // past 22: the strtod path
      for (int d = 0; d < fracDigits; ++d) s += static_cast<char>('0' + rng.below(10));
    }
    if (rng.below(10) == 0) s += "e" + std::to_string(static_cast<int>(rng.below(40)) - 20);
    double got = 0;
    ASSERT_TRUE(parseDecimal(s, got)) << s;
    const double want = std::strtod(s.c_str(), nullptr);
    ASSERT_EQ(std::memcmp(&got, &want, sizeof got), 0) << s << " " << got << " vs " << want;
  }
}

TEST(CellParse, KnownValues) {
  double v = 0;
  ASSERT_TRUE(parseDecimal("0.1", v));
  EXPECT_EQ(v, 0.1);
  ASSERT_TRUE(parseDecimal(" -12.5 ", v));
  EXPECT_EQ(v, -12.5);
  ASSERT_TRUE(parseDecimal("123456789012345678", v));  // 18 digits: strtod path
  EXPECT_EQ(v, 123456789012345678.0);
  EXPECT_FALSE(parseDecimal("1.2.3", v));
  EXPECT_FALSE(parseDecimal("12,5", v));
}
