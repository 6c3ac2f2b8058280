// libFuzzer target for core/bytes.h: the input is a small "program" of typed reads (u8, u32, u64,
// i32, f32, f64, strings, counts, arrays, raw) run by a ByteReader over the rest of the input.
// The reader may only throw pathwise::Error(BAD_MODEL_FILE); anything else, a sanitizer report, or a
// broken invariant (position bookkeeping, count bound, ByteWriter echo mismatch) is a crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "core/bytes.h"
#include "core/error.h"

namespace {

using pathwise::ByteReader;
using pathwise::ByteWriter;

void check(bool ok) {
  if (!ok) __builtin_trap();
}

// Runs one op; every value read is written back to `echo`, so after any sequence of successful
// reads `echo` must equal the consumed prefix of the payload byte for byte.
void runOp(uint8_t op, ByteReader& r, ByteWriter& echo) {
  const size_t arg = op >> 4;  // 0..15, scales sizes and limits
  switch (op % 11) {
    case 0: echo.u8(r.u8()); break;
    case 1: echo.u32(r.u32()); break;
    case 2: echo.u64(r.u64()); break;
    case 3: echo.i32(r.i32()); break;
    case 4: echo.f32(r.f32()); break;   // bit-exact, NaN payloads included
    case 5: echo.f64(r.f64()); break;
    case 6: {                           // string with a limit chosen by the program
      const std::string s = r.str(arg == 15 ? (size_t{1} << 20) : arg * 3);
      check(s.size() <= (arg == 15 ? (size_t{1} << 20) : arg * 3));
      echo.str(s);
      break;
    }
    case 7: {                           // count, then allocate as loaders do and fill
      const size_t perElement = arg % 9;  // 0..8 bytes per element (0 = unchecked count)
      const uint32_t c = r.count(perElement, "element");
      echo.u32(c);
      if (perElement == 0) break;
      check(static_cast<uint64_t>(c) * perElement <= r.remaining());
      std::vector<uint8_t> buf(static_cast<size_t>(c) * perElement);
      if (!buf.empty()) std::memcpy(buf.data(), r.raw(buf.size()), buf.size());
      echo.bytes(buf.data(), buf.size());
      break;
    }
    case 8: {
      std::vector<float> v(arg * 5);
      r.f32s(v.data(), v.size());
      echo.f32s(v.data(), v.size());
      break;
    }
    case 9: {
      std::vector<double> v(arg * 3);
      r.f64s(v.data(), v.size());
      echo.f64s(v.data(), v.size());
      break;
    }
    default: {
      const uint8_t* p = r.raw(arg * 7);
      echo.bytes(p, arg * 7);
      break;
    }
  }
}

}  // namespace

// Layout: byte 0 = number m of op bytes, bytes 1..m = ops, the rest = payload for the reader.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const size_t m = std::min<size_t>(data[0], size - 1);
  const uint8_t* ops = data + 1;
  const uint8_t* payload = data + 1 + m;
  const size_t payloadSize = size - 1 - m;

  ByteReader r(payload, payloadSize);
  ByteWriter echo;
  size_t lastPosition = 0;
  try {
    for (size_t i = 0; i < m; ++i) {
      runOp(ops[i], r, echo);
      check(r.position() >= lastPosition);
      check(r.position() + r.remaining() == payloadSize);
      check(r.atEnd() == (r.remaining() == 0));
      check(echo.size() == r.position());
      lastPosition = r.position();
    }
  } catch (const pathwise::Error& e) {
    check(e.code() == pathwise::ErrorCode::BAD_MODEL_FILE);
    check(r.position() <= payloadSize);
  }
  check(echo.size() <= payloadSize);
  check(echo.size() == 0 || std::memcmp(echo.data().data(), payload, echo.size()) == 0);
  // The CRC must be computable over any buffer without reading out of bounds.
  (void)pathwise::crc32(payload, payloadSize);
  return 0;
}
