// Parsing of single text cells shared by the data module: trimming, missing/boolean tokens,
// locale-independent decimal numbers, canonical float text and message-safe quoting.
#pragma once

#include <string>
#include <string_view>

namespace pathwise {

// Cell without leading/trailing spaces, tabs, CR and LF.
std::string_view trimCell(std::string_view cell);

// "", NA, N/A, null, NaN, ? (case-insensitive, after trimming).
bool isMissingToken(std::string_view cell);

// yes/true → 1, no/false → 0 (case-insensitive, trimmed); -1 when not a boolean token.
int parseBooleanToken(std::string_view cell);

// Full-token decimal number ([+-]digits[.digits][e[+-]digits], trimmed), parsed in the C locale
// whatever the process locale is. Hex floats, inf, nan and partial tokens are rejected.
bool parseDecimal(std::string_view cell, double& out);
// The grammar check of parseDecimal alone (no conversion), for fast type inference.
bool looksDecimal(std::string_view cell);

// Shortest text that reads back as the same float ("1", "2.5", "0.1"); "" for NaN.
std::string floatText(float v);

// Cell text for error messages: quoted, truncated to ~40 characters.
std::string quoteCell(std::string_view cell);

}  // namespace pathwise
