// Parser of the DKT 3-line sequence format into long columns.
#include "personal/dkt_format.h"

#include <cstdlib>

#include "core/error.h"
#include "core/text.h"

namespace pathwise {
namespace {

std::vector<std::string> splitFields(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : line) {
    if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);  // tolerate a missing trailing comma
  return out;
}

long parseInt(const std::string& s, size_t line) {
  char* end = nullptr;
  const long v = std::strtol(s.c_str(), &end, 10);
  require(!s.empty() && end && *end == '\0', ErrorCode::BAD_OPTION,
          "DKT sequence file line " + std::to_string(line) + ": '" + s + "' is not an integer");
  return v;
}

}  // namespace

LongLogColumns parseDktSequences(const std::string& text, const std::string& studentPrefix) {
  LineReader in(text);
  std::string header, skillLine, correctLine;
  LongLogColumns cols;
  size_t line = 0, record = 0;
  while (in.next(header)) {
    ++line;
    if (header.empty() || header == "\r") continue;
    const long n = parseInt(splitFields(header).empty() ? "" : splitFields(header)[0], line);
    require(n >= 0 && in.next(skillLine) && in.next(correctLine),
            ErrorCode::BAD_OPTION,
            "DKT sequence file line " + std::to_string(line) + ": record is incomplete");
    const auto skills = splitFields(skillLine);
    const auto correct = splitFields(correctLine);
    require(skills.size() == static_cast<size_t>(n) && correct.size() == static_cast<size_t>(n),
            ErrorCode::BAD_OPTION,
            "DKT sequence file line " + std::to_string(line) + ": expected " + std::to_string(n) +
                " skills and flags, got " + std::to_string(skills.size()) + " and " +
                std::to_string(correct.size()));
    const std::string student = studentPrefix + std::to_string(record);
    for (long i = 0; i < n; ++i) {
      parseInt(skills[i], line + 1);
      const long c = parseInt(correct[i], line + 2);
      require(c == 0 || c == 1, ErrorCode::BAD_OPTION,
              "DKT sequence file line " + std::to_string(line + 2) + ": flag is not 0/1");
      cols.students.push_back(student);
      cols.skills.push_back(skills[i]);
      cols.correct.push_back(static_cast<double>(c));
      cols.order.push_back(static_cast<double>(i));
    }
    line += 2;
    ++record;
  }
  require(!cols.students.empty(), ErrorCode::EMPTY_DATA, "DKT sequence file has no attempts");
  return cols;
}

AttemptLog dktToAttemptLog(const std::string& text, const std::string& studentPrefix) {
  const LongLogColumns c = parseDktSequences(text, studentPrefix);
  return AttemptLog::fromColumns(c.students, c.skills, c.correct, {}, c.order);
}

}  // namespace pathwise
