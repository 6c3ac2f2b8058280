// Cell token parsing: missing and boolean tokens, C-locale decimal numbers, float printing.
#include "data/cell_parse.h"

#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace pathwise {
namespace {

// ASCII-only lower case: cheaper than std::tolower and independent of the locale.
char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equalsNoCase(std::string_view a, const char* b) {
  size_t i = 0;
  for (; i < a.size() && b[i] != '\0'; ++i)
    if (lowerAscii(a[i]) != b[i]) return false;
  return i == a.size() && b[i] == '\0';
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Advances i over digits; returns how many were consumed.
size_t skipDigits(std::string_view s, size_t& i) {
  const size_t start = i;
  while (i < s.size() && isDigit(s[i])) ++i;
  return i - start;
}

// True when s is exactly a decimal literal as described in the header.
bool isDecimalGrammar(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t mantissa = skipDigits(s, i);
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa += skipDigits(s, i);
  }
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (skipDigits(s, i) == 0) return false;
  }
  return i == s.size();
}

}  // namespace

std::string_view trimCell(std::string_view cell) {
  const char* ws = " \t\r\n";
  const size_t b = cell.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  const size_t e = cell.find_last_not_of(ws);
  return cell.substr(b, e - b + 1);
}

bool isMissingToken(std::string_view cell) {
  const std::string_view t = trimCell(cell);
  if (t.size() > 4) return false;  // longest token is "null"
  return t.empty() || equalsNoCase(t, "na") || equalsNoCase(t, "n/a") || equalsNoCase(t, "null") ||
         equalsNoCase(t, "nan") || t == "?";
}

int parseBooleanToken(std::string_view cell) {
  const std::string_view t = trimCell(cell);
  if (t.size() < 2 || t.size() > 5) return -1;
  if (equalsNoCase(t, "yes") || equalsNoCase(t, "true")) return 1;
  if (equalsNoCase(t, "no") || equalsNoCase(t, "false")) return 0;
  return -1;
}

// Exact fast path (Clinger): with at most 15 significant digits, no exponent and at most 22
// fraction digits, mantissa and 10^k are exact doubles, so one IEEE division is correctly
// rounded — the same result as strtod. In wasm, strtod goes through soft-float long double and
// dominated CSV loading (measured in bench/). Returns false to defer to strtod.
static bool fastDecimal(std::string_view t, double& out) {
  static const double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
  size_t i = 0;
  bool negative = false;
  if (t[0] == '+' || t[0] == '-') {
    negative = t[0] == '-';
    ++i;
  }
  uint64_t mantissa = 0;
  int significant = 0, fraction = 0;
  bool point = false;
  for (; i < t.size(); ++i) {
    const char c = t[i];
    if (c == '.') {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return false;  // exponent: slow path
    if (significant > 0 || c != '0') ++significant;
    if (significant > 15) return false;
    mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
    if (point) ++fraction;
  }
  if (fraction > 22) return false;
  const double v = static_cast<double>(mantissa) / kPow10[fraction];
  out = negative ? -v : v;
  return true;
}

bool parseDecimal(std::string_view cell, double& out) {
  const std::string_view t = trimCell(cell);
  if (t.empty() || t.size() > 400 || !isDecimalGrammar(t)) return false;
  if (fastDecimal(t, out)) return true;
  // strtod honours LC_NUMERIC; swap '.' for the current decimal point so "2.5" always parses.
  char buf[401];
  const char point = *std::localeconv()->decimal_point;
  for (size_t i = 0; i < t.size(); ++i) buf[i] = (t[i] == '.') ? point : t[i];
  buf[t.size()] = '\0';
  char* end = nullptr;
  out = std::strtod(buf, &end);
  return end == buf + t.size();
}

bool looksDecimal(std::string_view cell) { return isDecimalGrammar(trimCell(cell)); }

std::string floatText(float v) {
  if (std::isnan(v)) return "";
  char buf[48];
  if (v == std::floor(v) && std::fabs(v) < 1e16f) {  // integers without exponent: "100", not "1e+02"
    std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(v));
    return buf;
  }
  for (int precision = 1; precision <= 9; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, static_cast<double>(v));
    if (std::strtof(buf, nullptr) == v) break;
  }
  std::string s(buf);
  const char point = *std::localeconv()->decimal_point;
  for (char& c : s)
    if (c == point) c = '.';
  return s;
}

std::string quoteCell(std::string_view cell) {
  constexpr size_t kMax = 40;
  if (cell.size() <= kMax) return "'" + std::string(cell) + "'";
  return "'" + std::string(cell.substr(0, kMax)) + "...'";
}

}  // namespace pathwise
