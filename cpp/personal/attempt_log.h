// AttemptLog — an interaction log for knowledge tracing: one attempt per row (student, skill,
// optional item, correct 0/1, optional order), coded through string dictionaries and stably
// sorted by student then order, so each student's attempts are one contiguous, time-ordered run.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace pathwise {

class AttemptLog {
 public:
  AttemptLog() = default;

  // Builds a log from column vectors of equal length. items and order may be empty (absent).
  // correct must be exactly 0 or 1 (NON_NUMERIC_VALUE naming the 1-based row otherwise); order
  // values must be finite (NON_FINITE_VALUE). No rows → EMPTY_DATA; unequal lengths →
  // SHAPE_MISMATCH; an empty student or skill cell → NON_NUMERIC_VALUE naming the row.
  // Sort: stable by student (first-seen order) then by order (file order when order is absent).
  static AttemptLog fromColumns(const std::vector<std::string>& students,
                                const std::vector<std::string>& skills,
                                const std::vector<double>& correct,
                                const std::vector<std::string>& items = {},
                                const std::vector<double>& order = {});

  // Parses correctness cells: "0"/"1", "true"/"false", "yes"/"no" (trimmed, case-insensitive).
  // Anything else → NON_NUMERIC_VALUE naming column `columnName` and the 1-based row.
  static std::vector<double> parseCorrect(const std::vector<std::string>& cells,
                                          const std::string& columnName = "correct");

  size_t size() const { return correct_.size(); }
  bool hasItems() const { return !itemNames_.empty(); }

  // Per sorted attempt: codes into the dictionaries below (item −1 when the log has no items).
  int32_t student(size_t i) const { return student_[i]; }
  int32_t skill(size_t i) const { return skill_[i]; }
  int32_t item(size_t i) const { return item_.empty() ? -1 : item_[i]; }
  int correct(size_t i) const { return correct_[i]; }
  double order(size_t i) const { return order_[i]; }
  size_t sourceRow(size_t i) const { return sourceRow_[i]; }  // 0-based row in the input columns

  const std::vector<std::string>& studentNames() const { return studentNames_; }
  const std::vector<std::string>& skillNames() const { return skillNames_; }
  const std::vector<std::string>& itemNames() const { return itemNames_; }
  const std::string& skillName(size_t i) const { return skillNames_[skill_[i]]; }
  const std::string& itemName(size_t i) const;  // "" when the log has no items

  // [begin, end) of each student's run in sorted order, indexed by student code.
  const std::vector<std::pair<size_t, size_t>>& studentRanges() const { return ranges_; }
  size_t numStudents() const { return studentNames_.size(); }

  // A new log with only the given students (codes), keeping their attempts in order.
  AttemptLog selectStudents(const std::vector<int32_t>& studentCodes) const;

 private:
  std::vector<int32_t> student_, skill_, item_;
  std::vector<uint8_t> correct_;
  std::vector<double> order_;
  std::vector<size_t> sourceRow_;
  std::vector<std::string> studentNames_, skillNames_, itemNames_;
  std::vector<std::pair<size_t, size_t>> ranges_;
};

}  // namespace pathwise
