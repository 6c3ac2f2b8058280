// ByteWriter / ByteReader — little-endian binary encoding used by the model file.
// The reader never reads past the end and never allocates more than the remaining bytes can
// justify: every count read from a file is checked against what is left before anything is
// allocated, so a forged size fails with BAD_MODEL_FILE instead of allocating gigabytes.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/error.h"

namespace pathwise {

class ByteWriter {
 public:
  void u8(uint8_t v) { buf_.push_back(v); }
  void u32(uint32_t v) { putLe(v, 4); }
  void u64(uint64_t v) { putLe(v, 8); }
  void i32(int32_t v) { u32(static_cast<uint32_t>(v)); }
  void f32(float v) {
    uint32_t b;
    std::memcpy(&b, &v, 4);
    u32(b);
  }
  void f64(double v) {
    uint64_t b;
    std::memcpy(&b, &v, 8);
    u64(b);
  }
  void str(const std::string& s) {
    u32(static_cast<uint32_t>(s.size()));
    buf_.insert(buf_.end(), s.begin(), s.end());
  }
  void bytes(const uint8_t* p, size_t n) { buf_.insert(buf_.end(), p, p + n); }
  void f32s(const float* p, size_t n) {
    for (size_t i = 0; i < n; ++i) f32(p[i]);
  }
  void f64s(const double* p, size_t n) {
    for (size_t i = 0; i < n; ++i) f64(p[i]);
  }
  // Overwrite 4 bytes at an earlier offset (for lengths and checksums written afterwards).
  void patchU32(size_t offset, uint32_t v) {
    for (int i = 0; i < 4; ++i) buf_[offset + i] = static_cast<uint8_t>(v >> (8 * i));
  }
  size_t size() const { return buf_.size(); }
  const std::vector<uint8_t>& data() const { return buf_; }
  std::vector<uint8_t> take() { return std::move(buf_); }

 private:
  void putLe(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) buf_.push_back(static_cast<uint8_t>(v >> (8 * i)));
  }
  std::vector<uint8_t> buf_;
};

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : p_(data), n_(size) {}
  explicit ByteReader(const std::vector<uint8_t>& v) : p_(v.data()), n_(v.size()) {}

  size_t remaining() const { return n_ - pos_; }
  size_t position() const { return pos_; }
  bool atEnd() const { return pos_ == n_; }

  uint8_t u8() {
    need(1, "byte");
    return p_[pos_++];
  }
  uint32_t u32() { return static_cast<uint32_t>(getLe(4, "u32")); }
  uint64_t u64() { return getLe(8, "u64"); }
  int32_t i32() { return static_cast<int32_t>(u32()); }
  float f32() {
    uint32_t b = u32();
    float v;
    std::memcpy(&v, &b, 4);
    return v;
  }
  double f64() {
    uint64_t b = u64();
    double v;
    std::memcpy(&v, &b, 8);
    return v;
  }
  std::string str(size_t maxLen = 1u << 20) {
    const uint32_t len = u32();
    if (len > maxLen) fail("string length " + std::to_string(len) + " exceeds limit");
    need(len, "string");
    std::string s(reinterpret_cast<const char*>(p_ + pos_), len);
    pos_ += len;
    return s;
  }
  // Reads an element count and checks that `count * minBytesPerElement` bytes remain, so the
  // caller can allocate `count` elements safely.
  uint32_t count(size_t minBytesPerElement, const char* what) {
    const uint32_t c = u32();
    if (minBytesPerElement > 0 && static_cast<uint64_t>(c) * minBytesPerElement > remaining())
      fail(std::string(what) + " count " + std::to_string(c) + " exceeds the file size");
    return c;
  }
  void f32s(float* out, size_t n) {
    need(n * 4, "float array");
    for (size_t i = 0; i < n; ++i) out[i] = f32();
  }
  void f64s(double* out, size_t n) {
    need(n * 8, "double array");
    for (size_t i = 0; i < n; ++i) out[i] = f64();
  }
  const uint8_t* raw(size_t n) {
    need(n, "bytes");
    const uint8_t* r = p_ + pos_;
    pos_ += n;
    return r;
  }
  [[noreturn]] void fail(const std::string& why) const {
    throw Error(ErrorCode::BAD_MODEL_FILE,
                "model file is corrupt at byte " + std::to_string(pos_) + ": " + why);
  }

 private:
  void need(size_t k, const char* what) const {
    if (k > remaining())
      fail(std::string("truncated (") + what + " needs " + std::to_string(k) + " bytes, " +
           std::to_string(remaining()) + " left)");
  }
  uint64_t getLe(int k, const char* what) {
    need(static_cast<size_t>(k), what);
    uint64_t v = 0;
    for (int i = 0; i < k; ++i) v |= static_cast<uint64_t>(p_[pos_ + i]) << (8 * i);
    pos_ += k;
    return v;
  }
  const uint8_t* p_;
  size_t n_;
  size_t pos_ = 0;
};

// CRC-32 (IEEE), to detect corruption anywhere in a model file.
uint32_t crc32(const uint8_t* data, size_t n);

// Helpers shared by the model-file section parsers (api/model_file.cpp, data/pipeline_io.cpp).
// An enum stored as one byte; values >= count fail (BAD_MODEL_FILE) naming `what`.
template <typename E>
E readEnum(ByteReader& r, int count, const char* what) {
  const uint8_t v = r.u8();
  if (v >= count) r.fail(std::string("invalid ") + what + " " + std::to_string(v));
  return static_cast<E>(v);
}

// A double that must be finite.
inline double readFinite(ByteReader& r, const char* what) {
  const double v = r.f64();
  if (!std::isfinite(v)) r.fail(std::string(what) + " is not finite");
  return v;
}

}  // namespace pathwise
