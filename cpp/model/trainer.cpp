// Trainer<T>: option validation, the mini-batch loop (allocation-free after the first batch),
// per-epoch validation and early stopping, and the train() convenience loop.
#include "model/trainer.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace pathwise {

namespace {
void optionError(const std::string& name, const std::string& rule, double got) {
  throw Error(ErrorCode::BAD_OPTION, "option '" + name + "' must be " + rule + " (got " + std::to_string(got) + ")");
}
void checkUnitInterval(const std::string& name, double v) {
  if (!(std::isfinite(v) && v >= 0 && v < 1)) optionError(name, "in [0, 1)", v);
}
}  // namespace

void validateTrainOptions(const TrainOptions& o) {
  for (size_t i = 0; i < o.hidden.size(); ++i)
    if (o.hidden[i] <= 0) optionError("hidden", ">= 1 units per layer", o.hidden[i]);
  const int act = static_cast<int>(o.activation);
  if (act < 0 || act > static_cast<int>(Activation::Linear)) optionError("activation", "relu, tanh, sigmoid or linear", act);
  const int opt = static_cast<int>(o.optimizer);
  if (opt < 0 || opt > 1) optionError("optimizer", "adam or sgd", opt);
  if (!(std::isfinite(o.learningRate) && o.learningRate > 0)) optionError("learningRate", "finite and > 0", o.learningRate);
  checkUnitInterval("momentum", o.momentum);
  checkUnitInterval("beta1", o.beta1);
  checkUnitInterval("beta2", o.beta2);
  if (!(std::isfinite(o.epsilon) && o.epsilon > 0)) optionError("epsilon", "finite and > 0", o.epsilon);
  if (o.batchSize < 1) optionError("batchSize", ">= 1", o.batchSize);
  if (o.epochs < 1) optionError("epochs", ">= 1", o.epochs);
  if (!(std::isfinite(o.l2) && o.l2 >= 0)) optionError("l2", "finite and >= 0", o.l2);
  checkUnitInterval("dropout", o.dropout);
  checkUnitInterval("validationSplit", o.validationSplit);
  if (o.patience < 0) optionError("patience", ">= 0", o.patience);
  if (!(std::isfinite(o.clipNorm) && o.clipNorm >= 0)) optionError("clipNorm", "finite and >= 0 (0 = off)", o.clipNorm);
}

// Shape, finiteness and target checks shared by the training and validation data.
template <typename T>
static void checkData(const Mlp<T>& net, const Matrix<T>& X, const std::vector<float>& y, const char* what) {
  const std::string name(what);
  require(X.rows() > 0, ErrorCode::EMPTY_DATA, name + " data has no rows");
  require(X.cols() == net.inputs(), ErrorCode::SHAPE_MISMATCH,
          name + " data has " + std::to_string(X.cols()) + " columns, the network expects " + std::to_string(net.inputs()));
  require(static_cast<Eigen::Index>(y.size()) == X.rows(), ErrorCode::SHAPE_MISMATCH,
          name + " targets: " + std::to_string(y.size()) + " values for " + std::to_string(X.rows()) + " rows");
  require(X.allFinite(), ErrorCode::NON_FINITE_VALUE, name + " data contains a non-finite value");
  checkTargets(net.outputKind(), net.outputs(), y);
}

template <typename T>
Trainer<T>::Trainer(Mlp<T>& net, const Matrix<T>& X, const std::vector<float>& y, const std::vector<float>& w,
                    const Matrix<T>* Xval, const std::vector<float>* yval, const TrainOptions& opts)
    : Trainer(net, Matrix<T>(X), y, w, Xval, yval, opts) {}

template <typename T>
Trainer<T>::Trainer(Mlp<T>& net, Matrix<T>&& X, const std::vector<float>& y, const std::vector<float>& w,
                    const Matrix<T>* Xval, const std::vector<float>* yval, const TrainOptions& opts)
    : net_(net), opts_(opts) {
  validateTrainOptions(opts);
  checkData(net, X, y, "training");
  require((Xval == nullptr) == (yval == nullptr), ErrorCode::BAD_OPTION, "validation data needs both Xval and yval");
  const Eigen::Index n = X.rows();
  X_ = std::move(X);
  y_ = Eigen::Map<const Eigen::VectorXf>(y.data(), n).template cast<T>();
  weighted_ = !w.empty();
  if (weighted_) {
    require(static_cast<Eigen::Index>(w.size()) == n, ErrorCode::SHAPE_MISMATCH,
            "sampleWeights has " + std::to_string(w.size()) + " values for " + std::to_string(n) + " rows");
    w_ = Eigen::Map<const Eigen::VectorXf>(w.data(), n).template cast<T>();
    require(w_.allFinite() && (w_.array() >= T(0)).all() && w_.sum() > T(0), ErrorCode::BAD_OPTION,
            "sampleWeights must be finite, >= 0 and not all 0");
  }
  hasVal_ = Xval != nullptr;
  if (hasVal_) {
    checkData(net, *Xval, *yval, "validation");
    Xval_ = *Xval;
    yval_ = Eigen::Map<const Eigen::VectorXf>(yval->data(), Xval->rows()).template cast<T>();
    val_.resize(net.layers(), Xval_.rows());
  }
  const Eigen::Index bs = std::min<Eigen::Index>(opts.batchSize, n);
  batchesPerEpoch_ = static_cast<int>((n + bs - 1) / bs);
  full_.resize(net.layers(), bs);
  if (n % bs) tail_.resize(net.layers(), n % bs);
  yb_.resize(bs);
  wb_.resize(bs);
  order_.resize(static_cast<size_t>(n));
  for (Eigen::Index i = 0; i < n; ++i) order_[static_cast<size_t>(i)] = i;
  Rng seeder(opts.seed);
  shuffleRng_.reseed(seeder.split());
  dropoutRng_.reseed(seeder.split());
  if (opts.optimizer == TrainOptions::Optimizer::Adam)
    optimizer_ = std::make_unique<Adam<T>>(opts.learningRate, opts.beta1, opts.beta2, opts.epsilon);
  else
    optimizer_ = std::make_unique<Sgd<T>>(opts.learningRate, opts.momentum);
  grads_.resizeLike(net.layers());
}

template <typename T>
bool Trainer<T>::step(int maxBatches) {
  if (maxBatches < 1)  // not require(): its message string would be built on every call
    throw Error(ErrorCode::BAD_OPTION, "step: maxBatches must be >= 1 (got " + std::to_string(maxBatches) + ")");
  for (int k = 0; k < maxBatches && !done_; ++k) {
    if (batch_ == 0) {
      ++epoch_;
      shuffleRng_.shuffle(order_);
      epochStart_ = net_.layers();
      epochLoss_ = 0;
    }
    runBatch();
    if (++batch_ == batchesPerEpoch_) {
      batch_ = 0;
      finishEpoch();
    }
  }
  return done_;
}

template <typename T>
void Trainer<T>::runBatch() {
  auto& layers = net_.layers();
  const Eigen::Index bs = full_.rows();
  const Eigen::Index start = batch_ * bs;
  const Eigen::Index n = std::min<Eigen::Index>(bs, X_.rows() - start);
  Backprop<T>& bp = n == bs ? full_ : tail_;
  Matrix<T>& xb = bp.input();
  double sumW = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index r = order_[static_cast<size_t>(start + i)];
    xb.row(i) = X_.row(r);
    yb_[i] = y_[r];
    wb_[i] = weighted_ ? w_[r] : T(1);
    sumW += static_cast<double>(wb_[i]);
  }
  bp.forward(layers, xb, static_cast<T>(opts_.dropout), &dropoutRng_);
  // A batch whose weights are all 0 contributes loss 0 and a zero gradient (deltas are w·…).
  double loss = bp.lossAndOutputDelta(net_.outputKind(), yb_.data(), weighted_ ? wb_.data() : nullptr,
                                      sumW > 0 ? sumW : 1.0);
  if (opts_.l2 > 0) loss += opts_.l2 * weightSquaredNorm(layers);
  if (!std::isfinite(loss)) {
    layers = epochStart_;
    done_ = true;
    throw Error(ErrorCode::DIVERGED, "training diverged at epoch " + std::to_string(epoch_) + ", batch " +
                                         std::to_string(batch_ + 1) + " (loss " + std::to_string(loss) +
                                         "); weights restored to the start of that epoch. Lower 'learningRate' "
                                         "or set 'clipNorm'");
  }
  bp.backward(layers, xb, static_cast<T>(opts_.l2), grads_);
  if (opts_.clipNorm > 0) {
    const double norm = std::sqrt(static_cast<double>(grads_.squaredNorm()));
    if (norm > opts_.clipNorm) grads_.scale(static_cast<T>(opts_.clipNorm / norm));
  }
  optimizer_->apply(layers, grads_);
  epochLoss_ += loss;
}

template <typename T>
void Trainer<T>::evaluateValidation(double& loss, double& accuracy) {
  const auto& layers = net_.layers();
  const Matrix<T>& Z = val_.forward(layers, Xval_);
  const Eigen::Index n = Xval_.rows();
  loss = val_.lossAndOutputDelta(net_.outputKind(), yval_.data(), nullptr, static_cast<double>(n));
  if (opts_.l2 > 0) loss += opts_.l2 * weightSquaredNorm(layers);
  if (net_.outputKind() == OutputKind::Linear) return;
  Eigen::Index correct = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    Eigen::Index predicted;
    if (net_.outputKind() == OutputKind::Sigmoid)
      predicted = Z(i, 0) >= T(0) ? 1 : 0;
    else
      Z.row(i).maxCoeff(&predicted);
    const Eigen::Index truth = net_.outputKind() == OutputKind::Sigmoid ? (yval_[i] >= T(0.5) ? 1 : 0)
                                                                         : static_cast<Eigen::Index>(yval_[i]);
    correct += predicted == truth;
  }
  accuracy = static_cast<double>(correct) / static_cast<double>(n);
}

template <typename T>
void Trainer<T>::finishEpoch() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EpochReport r{epoch_, epochLoss_ / batchesPerEpoch_, nan, nan};
  result_.epochsRun = epoch_;
  result_.finalLoss = r.loss;
  if (hasVal_) {
    evaluateValidation(r.valLoss, r.valAccuracy);
    if (r.valLoss < bestValLoss_) {
      bestValLoss_ = r.valLoss;
      result_.bestValLoss = r.valLoss;
      result_.bestEpoch = epoch_;
      if (opts_.restoreBestWeights) best_ = net_.layers();
    } else if (opts_.patience > 0 && epoch_ - result_.bestEpoch >= opts_.patience) {
      result_.stoppedEarly = true;
      done_ = true;
    }
  } else {
    result_.bestEpoch = epoch_;
  }
  if (epoch_ >= opts_.epochs) done_ = true;
  if (done_ && hasVal_ && opts_.restoreBestWeights && result_.bestEpoch > 0 && result_.bestEpoch != epoch_)
    net_.layers() = best_;
  pending_.push_back(r);
}

template <typename T>
std::vector<EpochReport> Trainer<T>::takeEpochs() {
  std::vector<EpochReport> out;
  out.swap(pending_);
  return out;
}

template <typename T>
TrainResult train(Mlp<T>& net, const Matrix<T>& X, const std::vector<float>& y,
                  const std::vector<float>& sampleWeights, const typename NonDeduced<Matrix<T>>::type* Xval,
                  const std::vector<float>* yval, const TrainOptions& opts, const TrainControl& control) {
  const std::vector<DenseLayer<T>> before = net.layers();
  Trainer<T> trainer(net, X, y, sampleWeights, Xval, yval, opts);
  for (;;) {
    if (control.cancelled && control.cancelled()) {
      net.layers() = before;
      throw Error(ErrorCode::CANCELLED, "training cancelled at epoch " + std::to_string(trainer.result().epochsRun + 1));
    }
    const bool finished = trainer.step(1);
    for (const EpochReport& r : trainer.takeEpochs())
      if (control.onEpoch) control.onEpoch(r);
    if (finished) return trainer.result();
  }
}

template class Trainer<float>;
template class Trainer<double>;
template TrainResult train<float>(Mlp<float>&, const Matrix<float>&, const std::vector<float>&,
                                  const std::vector<float>&, const Matrix<float>*, const std::vector<float>*,
                                  const TrainOptions&, const TrainControl&);
template TrainResult train<double>(Mlp<double>&, const Matrix<double>&, const std::vector<float>&,
                                   const std::vector<float>&, const Matrix<double>*, const std::vector<float>*,
                                   const TrainOptions&, const TrainControl&);

}  // namespace pathwise
