// pathwise::Error — the one exception type of the core. Each error carries a stable code
// (the list below is the single source of truth: the bindings export it to JS and a web test
// compares it with web/src/errors.ts) and a message that names the column, row or option.
// Depends on nothing but the standard library.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace pathwise {

// X-macro list of every error code. Add new codes here only.
#define PATHWISE_ERROR_CODES(X)                                                        \
  X(EMPTY_DATA)          /* no rows / no usable rows / no features */                  \
  X(UNKNOWN_COLUMN)      /* a named column does not exist */                           \
  X(DUPLICATE_COLUMN)    /* two columns with the same name */                          \
  X(NON_NUMERIC_VALUE)   /* a cell of a numeric column is not a number */              \
  X(NON_FINITE_VALUE)    /* Inf / out of float range in a numeric cell */              \
  X(SINGLE_CLASS_TARGET) /* classification target with fewer than two classes */       \
  X(ALL_MISSING_COLUMN)  /* every value of a used column is missing */                 \
  X(BAD_RULE)            /* a positive rule that does not parse or fit the column */   \
  X(BAD_MODEL_FILE)      /* truncated, corrupted, hostile or wrong-version model */    \
  X(BAD_OPTION)          /* an option out of range or of the wrong kind */             \
  X(SHAPE_MISMATCH)      /* sizes of inputs do not agree */                            \
  X(SCHEMA_MISMATCH)     /* data given to predict lacks a column the model needs */    \
  X(CANCELLED)           /* training stopped by the caller's cancel flag */            \
  X(DIVERGED)            /* training produced a non-finite loss */                     \
  X(OUT_OF_MEMORY)       /* the WebAssembly heap could not grow */                      \
  X(DISPOSED)            /* a method called on a disposed object (raised in web/) */    \
  X(BAD_CSV)             /* malformed CSV in strict mode (raised in web/) */            \
  X(INTERNAL)            /* a bug: an invariant of pathwise itself failed */

enum class ErrorCode {
#define PATHWISE_ENUM_ENTRY(name) name,
  PATHWISE_ERROR_CODES(PATHWISE_ENUM_ENTRY)
#undef PATHWISE_ENUM_ENTRY
};

// Stable string name of a code, e.g. "BAD_OPTION".
const char* errorCodeName(ErrorCode code);

// Every code name, in declaration order (exported to JS for the consistency test).
std::vector<std::string> allErrorCodeNames();

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message);
  ErrorCode code() const { return code_; }
  const char* codeName() const { return errorCodeName(code_); }
  // The message without the "CODE: " prefix that what() carries.
  const std::string& detail() const { return detail_; }

 private:
  ErrorCode code_;
  std::string detail_;
};

// Throws Error(code, message) when cond is false.
inline void require(bool cond, ErrorCode code, const std::string& message) {
  if (!cond) throw Error(code, message);
}

}  // namespace pathwise
