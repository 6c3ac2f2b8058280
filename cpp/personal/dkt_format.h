// Reader for the 3-line-per-student sequence format of the DKT ASSISTments files
// (line 1: n; line 2: n skill ids with a trailing comma; line 3: n 0/1 flags with a trailing
// comma). Produces a long AttemptLog: student "<prefix><record index>", skill id as text,
// correct, order = position within the student's sequence.
#pragma once

#include <string>

#include "personal/attempt_log.h"

namespace pathwise {

// Columns of a long log, in file order (what the Node converter writes as CSV).
struct LongLogColumns {
  std::vector<std::string> students, skills;
  std::vector<double> correct, order;
};

// Parses the whole file text. Malformed input → BAD_OPTION naming the 1-based line.
LongLogColumns parseDktSequences(const std::string& text, const std::string& studentPrefix = "s");

AttemptLog dktToAttemptLog(const std::string& text, const std::string& studentPrefix = "s");

}  // namespace pathwise
