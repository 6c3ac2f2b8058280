// Gradient-descent update rules with Keras/TensorFlow semantics: SGD with momentum and Adam.
// State (velocities, moments) is sized on the first step, so later steps allocate nothing.
#pragma once

#include <vector>

#include "model/mlp.h"

namespace pathwise {

template <typename T>
class GradientOptimizer {
 public:
  virtual ~GradientOptimizer() = default;
  // One update of every layer's W and b from the gradient g.
  virtual void apply(std::vector<DenseLayer<T>>& layers, const Gradients<T>& g) = 0;
  // Forget all state (as if freshly constructed).
  virtual void reset() = 0;
};

// v = momentum·v − lr·g; w += v  (momentum 0: plain SGD). v starts at 0.
template <typename T>
class Sgd : public GradientOptimizer<T> {
 public:
  explicit Sgd(double learningRate = 0.001, double momentum = 0.9);  // BAD_OPTION on bad values
  void apply(std::vector<DenseLayer<T>>& layers, const Gradients<T>& g) override;
  void reset() override;

 private:
  T lr_, momentum_;
  Gradients<T> v_;
  bool started_ = false;
};

// t += 1; lr_t = lr·sqrt(1 − β2^t)/(1 − β1^t); m = β1·m + (1 − β1)·g; v = β2·v + (1 − β2)·g²;
// w −= lr_t·m/(sqrt(v) + ε). m, v start at 0.
template <typename T>
class Adam : public GradientOptimizer<T> {
 public:
  explicit Adam(double learningRate = 0.001, double beta1 = 0.9, double beta2 = 0.999,
                double epsilon = 1e-7);  // BAD_OPTION on bad values
  void apply(std::vector<DenseLayer<T>>& layers, const Gradients<T>& g) override;
  void reset() override;
  long steps() const { return t_; }

 private:
  double lr_, beta1_, beta2_;
  T epsilon_;
  Gradients<T> m_, v_;
  long t_ = 0;
};

extern template class Sgd<float>;
extern template class Sgd<double>;
extern template class Adam<float>;
extern template class Adam<double>;

}  // namespace pathwise
