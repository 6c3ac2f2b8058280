// MasteryModel — knowledge tracing: an MLP (pathwise::Mlp<float> + the model module's trainer)
// predicting P(next attempt correct) from causal per-attempt features (mastery_features.h), with
// the PFA baseline fitted alongside; per-skill mastery of a student; save/load.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/bytes.h"
#include "model/mlp.h"
#include "model/trainer.h"
#include "personal/attempt_log.h"
#include "personal/mastery_features.h"
#include "personal/pfa.h"

namespace pathwise {

struct MasteryOptions {
  std::vector<int> hidden{64, 32};
  int epochs = 8;
  uint64_t seed = 1;
  double learningRate = 0.002;
  int batchSize = 256;
  double l2 = 1e-6;
  double validationFraction = 0.1;  // of training STUDENTS, for early stopping; 0 = none
  int patience = 2;
  bool useItems = true;          // use item difficulty when the log has items
  double skillPrior = 10, itemPrior = 10;  // difficulty smoothing (pseudo-attempts)
  double pfaRidge = 0.01;
  size_t maxTrainStudents = 0;   // > 0: train on a seeded random subset of this many students
};

// Pooled over all attempts of the evaluated log; accuracy at threshold 0.5.
struct MasteryReport {
  double auc = 0, accuracy = 0, rmse = 0, logLoss = 0;
  double pfaAuc = 0, pfaAccuracy = 0, pfaLogLoss = 0;
  size_t attempts = 0, students = 0;
};

struct SkillMastery {
  std::string skill;
  double mastery = 0;  // P(success on a typical item of the skill, next attempt)
  int attempts = 0, successes = 0;  // in the student's history
};

class MasteryModel {
 public:
  // BAD_OPTION naming the option; EMPTY_DATA; CANCELLED via control.
  static MasteryModel train(const AttemptLog& trainLog, const MasteryOptions& opts = {},
                            const TrainControl& control = {});

  MasteryReport evaluate(const AttemptLog& testLog) const;
  // P(correct) of every attempt of `log` (sorted order) from that student's earlier attempts.
  std::vector<double> predictNext(const AttemptLog& log) const;
  std::vector<double> predictPfa(const AttemptLog& log) const;

  // A student's running state after replaying his attempts in `history` (empty if absent).
  StudentState replay(const AttemptLog& history, const std::string& student) const;
  // P(success) of the next attempt on `skill` for an item of the given difficulty (probability
  // that a typical training student fails it, in (0, 1); NaN = a typical item of the skill).
  // Unknown skill → BAD_OPTION.
  double predictAttempt(const StudentState& state, const std::string& skill,
                        double difficulty = std::numeric_limits<double>::quiet_NaN()) const;
  // Mastery of every training skill (training order) for a replayed state.
  std::vector<SkillMastery> mastery(const StudentState& state) const;
  // Mastery of every training skill (training order), for one student of `history`.
  std::vector<SkillMastery> mastery(const AttemptLog& history, const std::string& student) const;
  // The same for a history holding exactly one student (BAD_OPTION otherwise).
  std::vector<SkillMastery> mastery(const AttemptLog& history) const;

  const std::vector<std::string>& skills() const { return table_.skillNames(); }
  bool knowsSkill(const std::string& skill) const { return table_.skillIndex(skill) >= 0; }
  bool usesItems() const { return useItems_; }
  const DifficultyTable& difficulty() const { return table_; }
  const TrainResult& trainResult() const { return trainResult_; }

  void save(ByteWriter& w) const;
  static MasteryModel load(ByteReader& r);  // BAD_MODEL_FILE on anything invalid
  std::vector<uint8_t> saveBytes() const;   // with a CRC-32 trailer
  static MasteryModel loadBytes(const std::vector<uint8_t>& bytes);

 private:
  MasteryModel() : net_(1, {}, Activation::Linear, OutputKind::Sigmoid, 1, 1) {}
  std::vector<double> predictRows(MatrixF& X) const;  // scales X in place

  DifficultyTable table_;
  FeatureScaler scaler_;
  Mlp<float> net_;
  Pfa pfa_;
  bool useItems_ = false;
  TrainResult trainResult_;
};

}  // namespace pathwise
