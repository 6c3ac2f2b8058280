// AttemptLog construction: validation, string dictionaries and the stable student/order sort.
#include "personal/attempt_log.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "core/error.h"

namespace pathwise {
namespace {

std::string rowText(size_t i) { return "row " + std::to_string(i + 1); }

// Codes cells by first appearance; an empty cell is an error naming the column and row.
std::vector<int32_t> encode(const std::vector<std::string>& cells, const char* column,
                            std::vector<std::string>& names) {
  std::unordered_map<std::string, int32_t> index;
  std::vector<int32_t> codes(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    require(!cells[i].empty(), ErrorCode::NON_NUMERIC_VALUE,
            std::string("column '") + column + "' " + rowText(i) + " is empty");
    auto it = index.find(cells[i]);
    if (it == index.end()) {
      it = index.emplace(cells[i], static_cast<int32_t>(names.size())).first;
      names.push_back(cells[i]);
    }
    codes[i] = it->second;
  }
  return codes;
}

std::string lowerTrim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  std::string out = s.substr(b, e - b);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::vector<double> AttemptLog::parseCorrect(const std::vector<std::string>& cells,
                                             const std::string& columnName) {
  std::vector<double> out(cells.size());
  for (size_t i = 0; i < cells.size(); ++i) {
    const std::string v = lowerTrim(cells[i]);
    if (v == "1" || v == "1.0" || v == "true" || v == "yes") {
      out[i] = 1;
    } else if (v == "0" || v == "0.0" || v == "false" || v == "no") {
      out[i] = 0;
    } else {
      throw Error(ErrorCode::NON_NUMERIC_VALUE, "column '" + columnName + "' " + rowText(i) +
                                                    ": '" + cells[i] + "' is not 0/1");
    }
  }
  return out;
}

AttemptLog AttemptLog::fromColumns(const std::vector<std::string>& students,
                                   const std::vector<std::string>& skills,
                                   const std::vector<double>& correct,
                                   const std::vector<std::string>& items,
                                   const std::vector<double>& order) {
  const size_t n = students.size();
  require(n > 0, ErrorCode::EMPTY_DATA, "the attempt log has no rows");
  auto sizeOk = [n](size_t m, bool optional) { return m == n || (optional && m == 0); };
  require(sizeOk(skills.size(), false) && sizeOk(correct.size(), false) &&
              sizeOk(items.size(), true) && sizeOk(order.size(), true),
          ErrorCode::SHAPE_MISMATCH,
          "attempt log columns differ in length (student " + std::to_string(n) + ", skill " +
              std::to_string(skills.size()) + ", correct " + std::to_string(correct.size()) +
              ", item " + std::to_string(items.size()) + ", order " +
              std::to_string(order.size()) + ")");
  for (size_t i = 0; i < n; ++i) {
    require(correct[i] == 0.0 || correct[i] == 1.0, ErrorCode::NON_NUMERIC_VALUE,
            "column 'correct' " + rowText(i) + ": " + std::to_string(correct[i]) +
                " is not 0 or 1");
    if (!order.empty())
      require(std::isfinite(order[i]), ErrorCode::NON_FINITE_VALUE,
              "column 'order' " + rowText(i) + " is not a finite number");
  }
  AttemptLog log;
  std::vector<int32_t> stu = encode(students, "student", log.studentNames_);
  std::vector<int32_t> sk = encode(skills, "skill", log.skillNames_);
  std::vector<int32_t> it;
  if (!items.empty()) it = encode(items, "item", log.itemNames_);

  std::vector<size_t> perm(n);
  std::iota(perm.begin(), perm.end(), size_t{0});
  std::stable_sort(perm.begin(), perm.end(), [&](size_t a, size_t b) {
    if (stu[a] != stu[b]) return stu[a] < stu[b];
    return !order.empty() && order[a] < order[b];
  });
  log.student_.resize(n);
  log.skill_.resize(n);
  log.correct_.resize(n);
  log.order_.resize(n);
  log.sourceRow_ = perm;
  if (!it.empty()) log.item_.resize(n);
  for (size_t k = 0; k < n; ++k) {
    const size_t r = perm[k];
    log.student_[k] = stu[r];
    log.skill_[k] = sk[r];
    log.correct_[k] = static_cast<uint8_t>(correct[r]);
    log.order_[k] = order.empty() ? static_cast<double>(r) : order[r];
    if (!it.empty()) log.item_[k] = it[r];
  }
  log.ranges_.assign(log.studentNames_.size(), {0, 0});
  for (size_t k = 0; k < n; ++k) {
    auto& range = log.ranges_[log.student_[k]];
    if (k == 0 || log.student_[k - 1] != log.student_[k]) range.first = k;
    range.second = k + 1;
  }
  return log;
}

const std::string& AttemptLog::itemName(size_t i) const {
  static const std::string kNone;
  return item_.empty() ? kNone : itemNames_[item_[i]];
}

AttemptLog AttemptLog::selectStudents(const std::vector<int32_t>& studentCodes) const {
  std::vector<std::string> stu, sk, it;
  std::vector<double> cor, ord;
  for (int32_t s : studentCodes) {
    require(s >= 0 && static_cast<size_t>(s) < ranges_.size(), ErrorCode::BAD_OPTION,
            "student code " + std::to_string(s) + " is out of range");
    for (size_t i = ranges_[s].first; i < ranges_[s].second; ++i) {
      stu.push_back(studentNames_[student_[i]]);
      sk.push_back(skillNames_[skill_[i]]);
      if (hasItems()) it.push_back(itemNames_[item_[i]]);
      cor.push_back(correct_[i]);
      ord.push_back(order_[i]);
    }
  }
  return fromColumns(stu, sk, cor, it, ord);
}

}  // namespace pathwise
