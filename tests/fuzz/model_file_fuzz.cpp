// libFuzzer target for model files: bytes -> Model::load (as given, and "resealed" with a correct
// length and CRC so mutations reach the section parsers) -> predict on a small fixed table.
// Only pathwise::Error may escape load/predict; a crash, sanitizer report or NaN is a bug.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "api/model.h"
#include "core/bytes.h"
#include "core/error.h"
#include "fixed_table.h"

namespace {

using namespace pathwise;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

const Table& fixedTable() {
  static const Table t = makeFixedTable();
  return t;
}

void tryLoad(const uint8_t* data, size_t size) {
  try {
    const Model m = Model::load(data, size);
    const Predictions p = m.predict(fixedTable());
    check(static_cast<size_t>(p.values.rows()) == p.rows.size());
    check(p.labels.size() == p.rows.size());
    for (size_t r : p.rows) check(r < fixedTable().rows());
    for (Eigen::Index i = 0; i < p.values.size(); ++i) check(!std::isnan(p.values.data()[i]));
    // A loaded model saves and reloads to the same bytes.
    const std::vector<uint8_t> again = m.save();
    const Model m2 = Model::load(again.data(), again.size());
    check(m2.save() == again);
  } catch (const Error&) {
  }
}

}  // namespace

// Layout of a model file (api/model_file.cpp): 16-byte header, u64 payload length at offset 16,
// payload, u32 CRC-32 of everything before it.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  tryLoad(data, size);
  if (size >= 28) {
    std::vector<uint8_t> b(data, data + size - 4);
    const uint64_t payload = b.size() - 24;
    for (int i = 0; i < 8; ++i) b[16 + i] = static_cast<uint8_t>(payload >> (8 * i));
    const uint32_t crc = crc32(b.data(), b.size());
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(crc >> (8 * i)));
    tryLoad(b.data(), b.size());
  }
  return 0;
}
