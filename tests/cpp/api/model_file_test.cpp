// Tests for the model file (cpp/api/model_file.cpp): exact round trip, and rejection of
// truncated, corrupted, forged and wrong-version files with BAD_MODEL_FILE — never a crash.
#include <gtest/gtest.h>

#include "api/model.h"
#include "core/bytes.h"
#include "core/rng.h"

using namespace pathwise;

namespace {

Table smallTable() {
  Rng rng(5);
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 60; ++i) {
    const bool pos = i % 3 == 0;
    rows.push_back({std::to_string((pos ? 1 : -1) + rng.uniform(-0.5, 0.5)), pos ? "a" : (i % 2 ? "b" : "c"),
                    i % 7 == 0 ? "NA" : std::to_string(rng.uniform()), pos ? "pass" : "fail"});
  }
  return Table::fromRows({"x", "cat", "noise", "result"}, rows);
}

Model smallModel() {
  ModelOptions o;
  o.target = {"result", Task::Auto, "pass"};
  o.train.hidden = {4};
  o.train.epochs = 3;
  return Model::train(smallTable(), o);
}

std::string loadCode(const std::vector<uint8_t>& bytes) {
  try {
    Model::load(bytes.data(), bytes.size());
  } catch (const Error& e) {
    return e.codeName();
  }
  return "loaded";
}

// Rewrites the length and checksum so that a modified payload passes the outer checks and
// exercises the section parsers (a deliberately hostile file).
void reseal(std::vector<uint8_t>& b) {
  b.resize(b.size() - 4);
  const uint64_t payload = b.size() - 24;
  for (int i = 0; i < 8; ++i) b[16 + i] = static_cast<uint8_t>(payload >> (8 * i));
  const uint32_t crc = crc32(b.data(), b.size());
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(crc >> (8 * i)));
}

}  // namespace

TEST(ModelFile, RoundTripPredictsBitIdentically) {
  const Model m = smallModel();
  const auto bytes = m.save();
  const Model again = Model::load(bytes.data(), bytes.size());
  const Table t = smallTable();
  const Predictions a = m.predict(t), b = again.predict(t);
  ASSERT_EQ(a.values.rows(), b.values.rows());
  for (Eigen::Index i = 0; i < a.values.size(); ++i) EXPECT_EQ(a.values.data()[i], b.values.data()[i]);
  EXPECT_EQ(again.save(), bytes);  // loading and saving again reproduces the file
  EXPECT_EQ(again.target().classes(), m.target().classes());
  EXPECT_EQ(again.options().train.hidden, m.options().train.hidden);
}

TEST(ModelFile, TruncationAtEveryOffsetIsBadModelFile) {
  const auto bytes = smallModel().save();
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + n);
    ASSERT_EQ(loadCode(cut), "BAD_MODEL_FILE") << "truncated at " << n;
  }
}

TEST(ModelFile, ByteFlipsAreCaughtByTheChecksum) {
  const auto bytes = smallModel().save();
  Rng rng(1234);
  for (int i = 0; i < 3000; ++i) {
    auto b = bytes;
    b[rng.below(b.size())] ^= static_cast<uint8_t>(1 + rng.below(255));
    ASSERT_EQ(loadCode(b), "BAD_MODEL_FILE") << "flip " << i;
  }
}

TEST(ModelFile, ResealedFlipsNeverCrashAndNeverLoadNonFiniteWeights) {
  // The checksum is recomputed, so every section parser sees the corruption.
  const auto bytes = smallModel().save();
  const Table t = smallTable();
  Rng rng(99);
  int rejected = 0, loaded = 0;
  for (int i = 0; i < 3000; ++i) {
    auto b = bytes;
    const size_t at = 24 + rng.below(b.size() - 28);
    b[at] ^= static_cast<uint8_t>(1 + rng.below(255));
    reseal(b);
    try {
      const Model m = Model::load(b.data(), b.size());
      ++loaded;
      for (const auto& layer : m.net().layers()) ASSERT_TRUE(layer.W.allFinite() && layer.b.allFinite());
      try {
        m.predict(t);  // may legitimately fail (e.g. a renamed feature) but must not crash
      } catch (const Error&) {
      }
    } catch (const Error& e) {
      ASSERT_EQ(e.code(), ErrorCode::BAD_MODEL_FILE) << e.what();
      ++rejected;
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_EQ(rejected + loaded, 3000);
}

TEST(ModelFile, ForgedSizesAndWrongVersionAreRejected) {
  const auto bytes = smallModel().save();
  auto v2 = bytes;
  v2[8] = 2;
  reseal(v2);
  EXPECT_EQ(loadCode(v2), "BAD_MODEL_FILE");

  auto longer = bytes;
  longer[16] ^= 0x10;  // payload length no longer matches the file size
  EXPECT_EQ(loadCode(longer), "BAD_MODEL_FILE");

  // A forged count of 2^32-1 strings right after the magic/header: must fail without allocating.
  auto forged = bytes;
  forged.resize(24);
  for (int i = 0; i < 4; ++i) forged.push_back(0xFF);  // target column name length
  forged.push_back(0);
  forged.push_back(0);
  forged.push_back(0);
  forged.push_back(0);
  reseal(forged);
  EXPECT_EQ(loadCode(forged), "BAD_MODEL_FILE");

  std::vector<uint8_t> garbage(200, 0xAB);
  EXPECT_EQ(loadCode(garbage), "BAD_MODEL_FILE");
  EXPECT_EQ(loadCode({}), "BAD_MODEL_FILE");
}
