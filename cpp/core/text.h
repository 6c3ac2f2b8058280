// Small text helpers that keep <sstream>/<iostream> (and with them libc++'s locale machinery,
// ~70 KB of wasm) out of the WebAssembly build.
#pragma once

#include <cstdio>
#include <string>

namespace pathwise {

// v as `std::ostream << v` prints it with the given precision and default float format
// ("%.*g"): 0.25, 1e+06, inf, nan.
inline std::string formatG(double v, int precision = 6) {
  char buf[40];
  const int n = std::snprintf(buf, sizeof buf, "%.*g", precision, v);
  return std::string(buf, n > 0 ? static_cast<size_t>(n) : 0);
}

// Reads text line by line like std::getline on an istringstream: lines end at '\n' (not
// included); a last line without '\n' is returned; nothing after a final '\n'.
class LineReader {
 public:
  explicit LineReader(const std::string& text) : text_(text) {}
  bool next(std::string& line) {
    if (pos_ >= text_.size()) return false;
    const size_t end = text_.find('\n', pos_);
    const size_t stop = end == std::string::npos ? text_.size() : end;
    line.assign(text_, pos_, stop - pos_);
    pos_ = end == std::string::npos ? text_.size() : end + 1;
    return true;
  }

 private:
  const std::string& text_;
  size_t pos_ = 0;
};

}  // namespace pathwise
