// MasteryModel: training (student-level validation split, MLP + PFA), evaluation, per-skill
// mastery queries and the binary model format.
#include "personal/mastery.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/rng.h"
#include "eval/metrics.h"

namespace pathwise {
namespace {

constexpr uint32_t kMagic = 0x544B5750;  // "PWKT"
constexpr uint32_t kVersion = 1;

void validateOptions(const MasteryOptions& o) {
  auto bad = [](const char* name, const std::string& why) {
    throw Error(ErrorCode::BAD_OPTION, std::string("option '") + name + "' " + why);
  };
  for (int h : o.hidden)
    if (h < 1) bad("hidden", "must list layer sizes >= 1");
  if (o.epochs < 1) bad("epochs", "must be >= 1");
  if (o.batchSize < 1) bad("batchSize", "must be >= 1");
  if (!(o.learningRate > 0) || !std::isfinite(o.learningRate)) bad("learningRate", "must be > 0");
  if (!(o.validationFraction >= 0 && o.validationFraction < 1))
    bad("validationFraction", "must be in [0, 1)");
  if (o.patience < 0) bad("patience", "must be >= 0");
}

std::vector<int32_t> shuffledStudents(size_t n, uint64_t seed) {
  std::vector<int32_t> codes(n);
  for (size_t i = 0; i < n; ++i) codes[i] = static_cast<int32_t>(i);
  Rng rng(seed);
  rng.shuffle(codes);
  return codes;
}

// Rows of X (and labels) belonging to the given students, in log order.
void gather(const AttemptLog& log, const MatrixF& X, const std::vector<int32_t>& students,
            MatrixF& out, std::vector<float>& y) {
  std::vector<int32_t> sorted = students;
  std::sort(sorted.begin(), sorted.end());
  size_t n = 0;
  for (int32_t s : sorted) n += log.studentRanges()[s].second - log.studentRanges()[s].first;
  out.resize(static_cast<Eigen::Index>(n), X.cols());
  y.resize(n);
  size_t k = 0;
  for (int32_t s : sorted)
    for (size_t i = log.studentRanges()[s].first; i < log.studentRanges()[s].second; ++i, ++k) {
      out.row(k) = X.row(i);
      y[k] = static_cast<float>(log.correct(i));
    }
}

double clippedLogLoss(const std::vector<int>& y, const std::vector<double>& p) {
  double sum = 0;
  for (size_t i = 0; i < y.size(); ++i) {
    const double q = std::min(std::max(p[i], 1e-15), 1 - 1e-15);
    sum -= y[i] ? std::log(q) : std::log(1 - q);
  }
  return sum / static_cast<double>(y.size());
}

double accuracy(const std::vector<int>& y, const std::vector<double>& p) {
  size_t right = 0;
  for (size_t i = 0; i < y.size(); ++i) right += ((p[i] >= 0.5) == (y[i] == 1));
  return static_cast<double>(right) / static_cast<double>(y.size());
}

}  // namespace

MasteryModel MasteryModel::train(const AttemptLog& fullLog, const MasteryOptions& opts,
                                 const TrainControl& control) {
  validateOptions(opts);
  require(fullLog.size() > 0, ErrorCode::EMPTY_DATA, "the training log has no attempts");
  AttemptLog subset;
  const bool subsample = opts.maxTrainStudents > 0 && opts.maxTrainStudents < fullLog.numStudents();
  if (subsample) {
    std::vector<int32_t> pick = shuffledStudents(fullLog.numStudents(), opts.seed ^ 0x5eedULL);
    pick.resize(opts.maxTrainStudents);
    std::sort(pick.begin(), pick.end());
    subset = fullLog.selectStudents(pick);
  }
  const AttemptLog& log = subsample ? subset : fullLog;

  MasteryModel m;
  m.useItems_ = opts.useItems && log.hasItems();
  m.table_ = DifficultyTable::fit(log, opts.skillPrior, opts.itemPrior);
  MatrixF X = masteryFeatures(log, m.table_, m.useItems_, /*leaveOneOut=*/true);
  m.scaler_.fit(X, continuousWidth(m.useItems_));
  m.scaler_.apply(X);

  // Validation by student: no student contributes rows to both parts.
  std::vector<int32_t> order = shuffledStudents(log.numStudents(), opts.seed);
  size_t nVal = static_cast<size_t>(std::round(opts.validationFraction * log.numStudents()));
  if (opts.validationFraction > 0 && log.numStudents() >= 2) nVal = std::max<size_t>(nVal, 1);
  nVal = std::min(nVal, log.numStudents() - 1);
  std::vector<int32_t> valStudents(order.begin(), order.begin() + nVal);
  std::vector<int32_t> fitStudents(order.begin() + nVal, order.end());
  MatrixF Xfit, Xval;
  std::vector<float> yfit, yval;
  gather(log, X, fitStudents, Xfit, yfit);
  if (nVal > 0) gather(log, X, valStudents, Xval, yval);
  X.resize(0, 0);

  TrainOptions t;
  t.hidden = opts.hidden;
  t.learningRate = opts.learningRate;
  t.batchSize = opts.batchSize;
  t.epochs = opts.epochs;
  t.seed = opts.seed;
  t.l2 = opts.l2;
  t.patience = opts.patience;
  t.validationSplit = 0;
  m.net_ = Mlp<float>(static_cast<int>(Xfit.cols()), opts.hidden, Activation::Relu,
                      OutputKind::Sigmoid, 1, opts.seed);
  m.trainResult_ = pathwise::train(m.net_, Xfit, yfit, {}, nVal ? &Xval : nullptr,
                                   nVal ? &yval : nullptr, t, control);

  std::vector<int> y(log.size());
  for (size_t i = 0; i < log.size(); ++i) y[i] = log.correct(i);
  m.pfa_ = Pfa::fit(pfaInputs(log, m.table_), y, m.table_.numSkills(), opts.pfaRidge);
  return m;
}

std::vector<double> MasteryModel::predictRows(MatrixF& X) const {
  scaler_.apply(X);
  std::vector<double> out(static_cast<size_t>(X.rows()));
  const Eigen::Index chunk = 8192;
  for (Eigen::Index start = 0; start < X.rows(); start += chunk) {
    const Eigen::Index n = std::min(chunk, X.rows() - start);
    MatrixF p = net_.predict(X.middleRows(start, n));
    for (Eigen::Index i = 0; i < n; ++i) out[start + i] = p(i, 0);
  }
  return out;
}

std::vector<double> MasteryModel::predictNext(const AttemptLog& log) const {
  MatrixF X = masteryFeatures(log, table_, useItems_, false);
  return predictRows(X);
}

std::vector<double> MasteryModel::predictPfa(const AttemptLog& log) const {
  return pfa_.predict(pfaInputs(log, table_));
}

MasteryReport MasteryModel::evaluate(const AttemptLog& log) const {
  require(log.size() > 0, ErrorCode::EMPTY_DATA, "the test log has no attempts");
  std::vector<int> y(log.size());
  for (size_t i = 0; i < log.size(); ++i) y[i] = log.correct(i);
  const std::vector<double> p = predictNext(log), q = predictPfa(log);
  MasteryReport r;
  r.attempts = log.size();
  r.students = log.numStudents();
  r.auc = rocAuc(y, p);
  r.pfaAuc = rocAuc(y, q);
  r.accuracy = accuracy(y, p);
  r.pfaAccuracy = accuracy(y, q);
  r.logLoss = clippedLogLoss(y, p);
  r.pfaLogLoss = clippedLogLoss(y, q);
  double se = 0;
  for (size_t i = 0; i < y.size(); ++i) se += (p[i] - y[i]) * (p[i] - y[i]);
  r.rmse = std::sqrt(se / static_cast<double>(y.size()));
  return r;
}

StudentState MasteryModel::replay(const AttemptLog& history, const std::string& student) const {
  StudentState state(table_);
  const auto& names = history.studentNames();
  const auto it = std::find(names.begin(), names.end(), student);
  if (it == names.end()) return state;
  const std::vector<int> keys = skillKeys(history, table_);
  const auto range = history.studentRanges()[it - names.begin()];
  for (size_t i = range.first; i < range.second; ++i) state.observe(keys[i], history.correct(i));
  return state;
}

double MasteryModel::predictAttempt(const StudentState& state, const std::string& skill,
                                    double difficulty) const {
  const int k = table_.skillIndex(skill);
  require(k >= 0, ErrorCode::BAD_OPTION, "skill '" + skill + "' is unknown to the mastery model");
  require(std::isnan(difficulty) || (difficulty > 0 && difficulty < 1), ErrorCode::BAD_OPTION,
          "difficulty of an item of skill '" + skill + "' must be in (0, 1)");
  const double skillLogit = logit(table_.skillRate(k));
  const double itemLogit = std::isnan(difficulty) ? skillLogit : logit(1 - difficulty);
  MatrixF X(1, featureWidth(table_, useItems_));
  state.writeFeatures(k, skillLogit, useItems_ ? itemLogit : skillLogit, useItems_, X.data());
  const double p = predictRows(X)[0];
  if (useItems_ || std::isnan(difficulty)) return p;
  // Without item features, shift the typical-item prediction by the item's relative difficulty.
  const double z = logit(p) + itemLogit - skillLogit;
  return 1 / (1 + std::exp(-z));
}

std::vector<SkillMastery> MasteryModel::mastery(const AttemptLog& history,
                                                const std::string& student) const {
  return mastery(replay(history, student));
}

std::vector<SkillMastery> MasteryModel::mastery(const StudentState& state) const {
  const size_t k = table_.numSkills();
  MatrixF X(static_cast<Eigen::Index>(k), featureWidth(table_, useItems_));
  for (size_t s = 0; s < k; ++s) {
    const double skillLogit = logit(table_.skillRate(static_cast<int>(s)));
    state.writeFeatures(static_cast<int>(s), skillLogit, skillLogit, useItems_, X.row(s).data());
  }
  const std::vector<double> p = predictRows(X);
  std::vector<SkillMastery> out(k);
  for (size_t s = 0; s < k; ++s) {
    const SkillCounts c = state.counts(static_cast<int>(s));
    out[s] = {table_.skillNames()[s], p[s], c.attempts, c.successes};
  }
  return out;
}

std::vector<SkillMastery> MasteryModel::mastery(const AttemptLog& history) const {
  require(history.numStudents() == 1, ErrorCode::BAD_OPTION,
          "the history must hold exactly one student (it holds " +
              std::to_string(history.numStudents()) + ")");
  return mastery(history, history.studentNames()[0]);
}

void MasteryModel::save(ByteWriter& w) const {
  w.u32(kMagic);
  w.u32(kVersion);
  w.u8(useItems_ ? 1 : 0);
  table_.save(w);
  scaler_.save(w);
  net_.save(w);
  pfa_.save(w);
  w.i32(trainResult_.epochsRun);
  w.i32(trainResult_.bestEpoch);
}

MasteryModel MasteryModel::load(ByteReader& r) {
  if (r.u32() != kMagic) r.fail("not a pathwise mastery model (bad magic)");
  if (r.u32() != kVersion) r.fail("unsupported mastery model version");
  MasteryModel m;
  const uint8_t items = r.u8();
  if (items > 1) r.fail("bad useItems flag");
  m.useItems_ = items == 1;
  m.table_ = DifficultyTable::load(r);
  m.scaler_ = FeatureScaler::load(r);
  m.net_ = Mlp<float>::load(r);
  m.pfa_ = Pfa::load(r);
  m.trainResult_.epochsRun = r.i32();
  m.trainResult_.bestEpoch = r.i32();
  if (m.net_.inputs() != featureWidth(m.table_, m.useItems_) || m.net_.outputs() != 1 ||
      m.net_.outputKind() != OutputKind::Sigmoid)
    r.fail("network shape does not match the feature layout");
  if (m.pfa_.params().size() != m.table_.numSkills()) r.fail("PFA size does not match skills");
  if (m.scaler_.width() != static_cast<size_t>(continuousWidth(m.useItems_)))
    r.fail("scaler width does not match the feature layout");
  return m;
}

std::vector<uint8_t> MasteryModel::saveBytes() const {
  ByteWriter w;
  save(w);
  const uint32_t crc = crc32(w.data().data(), w.size());
  w.u32(crc);
  return w.take();
}

MasteryModel MasteryModel::loadBytes(const std::vector<uint8_t>& bytes) {
  if (bytes.size() < 4)
    throw Error(ErrorCode::BAD_MODEL_FILE, "mastery model file is truncated (" +
                                               std::to_string(bytes.size()) + " bytes)");
  const size_t n = bytes.size() - 4;
  ByteReader trailer(bytes.data() + n, 4);
  if (trailer.u32() != crc32(bytes.data(), n))
    throw Error(ErrorCode::BAD_MODEL_FILE, "mastery model file is corrupt (CRC mismatch)");
  ByteReader r(bytes.data(), n);
  MasteryModel m = load(r);
  if (!r.atEnd()) r.fail("trailing bytes after the mastery model");
  return m;
}

}  // namespace pathwise
