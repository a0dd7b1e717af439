#include "complexity/trainer.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace splitpoint::complexity {
namespace {

constexpr std::size_t kDim = kFeatureCount + 1;  // bias first

double log1p_exp(double z) {
  return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}
double sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

// Solves A x = b for a symmetric positive definite A (row-major kDim x kDim) by Cholesky.
// False if A is not positive definite.
bool cholesky_solve(std::vector<double> a, const std::vector<double>& b, std::vector<double>& x) {
  const std::size_t n = kDim;
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
    if (!(d > 0)) return false;
    const double l = std::sqrt(d);
    a[j * n + j] = l;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= a[i * n + k] * a[j * n + k];
      a[i * n + j] = s / l;
    }
  }
  x.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {  // L y = b
    double s = b[i];
    for (std::size_t k = 0; k < i; ++k) s -= a[i * n + k] * x[k];
    x[i] = s / a[i * n + i];
  }
  for (std::size_t i = n; i-- > 0;) {  // L^T x = y
    double s = x[i];
    for (std::size_t k = i + 1; k < n; ++k) s -= a[k * n + i] * x[k];
    x[i] = s / a[i * n + i];
  }
  return true;
}

struct Problem {
  std::vector<double> z;  // n x kDim standardized design matrix, column 0 = 1
  std::vector<double> w;  // example weights, summing to 1
  std::vector<double> y;
  double l2 = 0;

  std::size_t size() const { return w.size(); }
  const double* row(std::size_t i) const { return z.data() + i * kDim; }
  double margin(const std::vector<double>& theta, std::size_t i) const {
    const double* r = row(i);
    double s = 0;
    for (std::size_t j = 0; j < kDim; ++j) s += theta[j] * r[j];
    return s;
  }
  double loss(const std::vector<double>& theta) const {
    double l = 0;
    for (std::size_t i = 0; i < size(); ++i) {
      const double m = margin(theta, i);
      l += w[i] * (log1p_exp(m) - y[i] * m);
    }
    for (std::size_t j = 1; j < kDim; ++j) l += 0.5 * l2 * theta[j] * theta[j];
    return l;
  }
  // Gradient and Hessian of loss() at theta.
  void derivatives(const std::vector<double>& theta, std::vector<double>& g,
                   std::vector<double>& h) const {
    g.assign(kDim, 0);
    h.assign(kDim * kDim, 0);
    for (std::size_t i = 0; i < size(); ++i) {
      const double* r = row(i);
      const double p = sigmoid(margin(theta, i));
      const double gi = w[i] * (p - y[i]);
      const double hi = w[i] * p * (1 - p);
      for (std::size_t j = 0; j < kDim; ++j) {
        g[j] += gi * r[j];
        const double hij = hi * r[j];
        for (std::size_t k = 0; k <= j; ++k) h[j * kDim + k] += hij * r[k];
      }
    }
    for (std::size_t j = 0; j < kDim; ++j) {
      for (std::size_t k = 0; k < j; ++k) h[k * kDim + j] = h[j * kDim + k];
      if (j > 0) {
        g[j] += l2 * theta[j];
        h[j * kDim + j] += l2;
      } else {
        h[0] += 1e-12;
      }
    }
  }
};

// Normalized example weights (class-balanced if asked); fills m's standardization.
Problem make_problem(const std::vector<Example>& examples, const TrainOptions& o, Model& m) {
  Problem pr;
  pr.l2 = o.l2;
  const std::size_t n = examples.size();
  pr.w.resize(n);
  pr.y.resize(n);
  double pos = 0, neg = 0;
  for (std::size_t i = 0; i < n; ++i) {
    pr.w[i] = std::max(0.0, examples[i].weight);
    pr.y[i] = examples[i].label ? 1.0 : 0.0;
    (examples[i].label ? pos : neg) += pr.w[i];
  }
  const bool balance = o.balance_classes && pos > 0 && neg > 0;
  for (std::size_t i = 0; i < n; ++i) {
    pr.w[i] *= balance ? 0.5 / (examples[i].label ? pos : neg) : 1.0 / (pos + neg);
  }
  for (std::size_t j = 0; j < kFeatureCount; ++j) {
    double mean = 0, var = 0;
    for (std::size_t i = 0; i < n; ++i) mean += pr.w[i] * examples[i].features[j];
    for (std::size_t i = 0; i < n; ++i) {
      const double dv = examples[i].features[j] - mean;
      var += pr.w[i] * dv * dv;
    }
    m.mean[j] = mean;
    m.scale[j] = std::sqrt(var) > 1e-9 ? std::sqrt(var) : 1.0;
  }
  pr.z.resize(n * kDim);
  for (std::size_t i = 0; i < n; ++i) {
    double* r = pr.z.data() + i * kDim;
    r[0] = 1;
    for (std::size_t j = 0; j < kFeatureCount; ++j) {
      r[j + 1] = (examples[i].features[j] - m.mean[j]) / m.scale[j];
    }
  }
  return pr;
}

}  // namespace

Model train(const std::vector<Example>& examples, const TrainOptions& options) {
  Model m;
  m.weights.assign(kFeatureCount, 0);
  m.mean.assign(kFeatureCount, 0);
  m.scale.assign(kFeatureCount, 1);
  if (examples.empty()) return m;
  Problem pr = make_problem(examples, options, m);
  std::vector<double> theta(kDim, 0), g, h, step;
  double loss = pr.loss(theta);
  for (int it = 0; it < options.max_iterations; ++it) {
    pr.derivatives(theta, g, h);
    if (!cholesky_solve(h, g, step)) step = g;  // not positive definite: gradient step
    double t = 1.0;
    std::vector<double> next(kDim);
    double next_loss = loss;
    for (int halvings = 0; halvings < 40; ++halvings, t *= 0.5) {
      for (std::size_t j = 0; j < kDim; ++j) next[j] = theta[j] - t * step[j];
      next_loss = pr.loss(next);
      if (next_loss <= loss) break;
    }
    if (next_loss > loss) break;  // no descent left
    double moved = 0;
    for (std::size_t j = 0; j < kDim; ++j) moved = std::max(moved, std::abs(next[j] - theta[j]));
    theta = next;
    loss = next_loss;
    if (moved < options.tolerance) break;
  }
  m.bias = theta[0];
  for (std::size_t j = 0; j < kFeatureCount; ++j) m.weights[j] = theta[j + 1];
  return m;
}

double calibrate(std::vector<double> scores, double target_local_share) {
  if (scores.empty() || target_local_share >= 1) return 1.0;
  if (target_local_share <= 0) return 0.0;
  std::sort(scores.begin(), scores.end());
  const auto n = scores.size();
  const auto k = static_cast<std::size_t>(std::llround(target_local_share * n));
  if (k == 0) return 0.0;
  if (k >= n) return 1.0;
  return (scores[k - 1] + scores[k]) / 2;
}

double Confusion::accuracy() const {
  return total() ? static_cast<double>(reflex_local + reasoning_cloud) / total() : 0;
}
double Confusion::reflex_recall() const {
  const int64_t n = reflex_local + reflex_cloud;
  return n ? static_cast<double>(reflex_local) / n : 0;
}
double Confusion::reasoning_recall() const {
  const int64_t n = reasoning_local + reasoning_cloud;
  return n ? static_cast<double>(reasoning_cloud) / n : 0;
}

Confusion evaluate(const Model& model, const std::vector<Example>& examples, double threshold) {
  Confusion c;
  for (const auto& e : examples) {
    const bool cloud = model.score(e.features) > threshold;
    if (e.label)
      ++(cloud ? c.reasoning_cloud : c.reasoning_local);
    else
      ++(cloud ? c.reflex_cloud : c.reflex_local);
  }
  return c;
}

std::vector<TradeoffRow> tradeoff(const std::vector<RoutedItem>& items,
                                  const std::vector<double>& strong_shares) {
  std::vector<TradeoffRow> rows;
  const std::size_t n = items.size();
  if (n == 0) return rows;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return items[a].score > items[b].score; });
  double weak = 0, strong = 0;
  for (const auto& it : items) weak += it.weak_correct, strong += it.strong_correct;
  weak /= n;
  strong /= n;
  for (double share : strong_shares) {
    const auto k = static_cast<std::size_t>(std::llround(std::clamp(share, 0.0, 1.0) * n));
    double correct = 0;
    for (std::size_t r = 0; r < n; ++r) {
      const auto& it = items[order[r]];
      correct += r < k ? it.strong_correct : it.weak_correct;
    }
    const double actual = static_cast<double>(k) / n;
    rows.push_back({actual, correct / n, (1 - actual) * weak + actual * strong});
  }
  return rows;
}

}  // namespace splitpoint::complexity
