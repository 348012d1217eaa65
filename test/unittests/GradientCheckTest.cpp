//===- GradientCheckTest.cpp - Finite-difference checks of gradient rules -===//
//
// A case per differentiable nn op and per loss, each a scalar function
// checked against central differences through the real CPU pipeline
// (tools/plexus-gradcheck/GradientChecker.h has the method and the bound),
// and a test that no op is left without a decision.
//
//===----------------------------------------------------------------------===//

#include "tools/plexus-gradcheck/GradientChecker.h"

#include "compiler/Dialect/NN/IR/NNOps.h"
#include "compiler/RegisterAll.h"

#include "mlir/IR/MLIRContext.h"

#include "gtest/gtest.h"

using namespace mlir;

namespace {} // namespace

namespace plexus {
// Test names and failure messages show the case's name.
void PrintTo(const GradientCheckCase &c, std::ostream *os) { *os << c.name; }
} // namespace plexus

namespace {

using Arg = plexus::GradientCheckArg;
using Case = plexus::GradientCheckCase;

std::string typeOf(const Arg &a) { return plexus::tensorTypeOf(a); }

class GradientCheck : public ::testing::TestWithParam<Case> {};

TEST_P(GradientCheck, MatchesCentralDifferences) {
  static const DialectRegistry registry = [] {
    DialectRegistry r;
    plexus::registerGradientCheckDialects(r);
    return r;
  }();
  for (const std::string &failure : plexus::checkGradient(registry, GetParam()))
    ADD_FAILURE() << failure;
}

/// The loss used to turn a matrix-valued op into a scalar: the mean squared
/// distance to a random target %t (whose shape is the op's result shape).
std::string mseTo(const std::string &value, const std::string &type) {
  return "  %loss = nn.mse_loss " + value + ", %t : " + type;
}

std::vector<Case> cases() {
  const std::string m35 = "tensor<3x5xf64>", m34 = "tensor<3x4xf64>";
  auto param = [](std::string n, std::vector<int64_t> s, double lo = -1,
                  double hi = 1) {
    return Arg{n, s, true, lo, hi};
  };
  auto input = [](std::string n, std::vector<int64_t> s, double lo = -1,
                  double hi = 1) {
    return Arg{n, s, false, lo, hi};
  };
  std::vector<Case> all;
  auto matmul = [&](std::string name, std::vector<int64_t> a,
                    std::vector<int64_t> b, std::string attrs) {
    all.push_back({name,
                   {param("a", a), param("b", b), input("t", {3, 5})},
                   "  %0 = nn.matmul %a, %b " + attrs + " : " +
                       typeOf(param("a", a)) + ", " + typeOf(param("b", b)) +
                       " -> " + m35 + "\n" + mseTo("%0", m35)});
  };
  matmul("matmul", {3, 4}, {4, 5}, "");
  matmul("matmul_transpose_lhs", {4, 3}, {4, 5}, "{transpose_lhs}");
  matmul("matmul_transpose_rhs", {3, 4}, {5, 4}, "{transpose_rhs}");
  matmul("matmul_transpose_both", {4, 3}, {5, 4},
         "{transpose_lhs, transpose_rhs}");
  all.push_back({"bias_add",
                 {param("x", {3, 4}), param("b", {4}), input("t", {3, 4})},
                 "  %0 = nn.bias_add %x, %b : " + m34 + ", tensor<4xf64>\n" +
                     mseTo("%0", m34)});
  all.push_back(
      {"sum_rows_and_broadcast_rows",
       {param("x", {3, 4}), input("like", {3, 4}), input("t", {3, 4})},
       "  %0 = nn.sum_rows %x : " + m34 +
           " -> tensor<4xf64>\n  %1 = nn.broadcast_rows %0, %like : "
           "tensor<4xf64>, " +
           m34 + "\n" + mseTo("%1", m34)});
  for (std::string op : {"add", "sub", "mul"})
    all.push_back(
        {op,
         {param("x", {3, 4}), param("y", {3, 4}), input("t", {3, 4})},
         "  %0 = nn." + op + " %x, %y : " + m34 + "\n" + mseTo("%0", m34)});
  for (std::string op : {"neg", "relu", "sigmoid", "tanh", "gelu", "silu",
                         "softmax", "log_softmax"})
    all.push_back(
        {op,
         {param("x", {3, 4}, -2, 2), input("t", {3, 4})},
         "  %0 = nn." + op + " %x : " + m34 + "\n" + mseTo("%0", m34)});
  all.push_back({"scale",
                 {param("x", {3, 4}), input("t", {3, 4})},
                 "  %0 = nn.scale %x {factor = -2.5 : f32} : " + m34 + "\n" +
                     mseTo("%0", m34)});
  Arg labels = input("labels", {3}, 0, 3);
  labels.integers = true;
  all.push_back({"softmax_cross_entropy",
                 {param("logits", {3, 4}, -3, 3), labels},
                 "  %loss = nn.softmax_cross_entropy %logits, %labels : " +
                     m34 + ", tensor<3xf64>"});
  all.push_back(
      {"mse_loss", {param("p", {3, 4}), input("t", {3, 4})}, mseTo("%p", m34)});
  all.push_back({"mae_loss",
                 {param("p", {3, 4}), input("t", {3, 4})},
                 "  %loss = nn.mae_loss %p, %t : " + m34});
  // Values of both signs and on both sides of the Huber threshold (1).
  all.push_back({"huber_loss",
                 {param("p", {3, 4}, -3, 3), input("t", {3, 4})},
                 "  %loss = nn.huber_loss %p, %t : " + m34});
  all.push_back({"binary_cross_entropy",
                 {param("p", {3, 4}, 0.1, 0.9), input("t", {3, 4}, 0, 1)},
                 "  %loss = nn.binary_cross_entropy %p, %t : " + m34});
  // Images: each result is flattened (nn.reshape) into the mse.
  auto image = [&](std::string name, std::vector<int64_t> out,
                   std::vector<Arg> args, std::string op,
                   bool resultType = true) {
    int64_t features = out[1] * out[2] * out[3];
    std::string outType = typeOf(param("", out));
    std::string flat = "tensor<" + std::to_string(out[0]) + "x" +
                       std::to_string(features) + "xf64>";
    args.push_back(input("t", {out[0], features}));
    all.push_back({name, args,
                   "  %0 = " + op + (resultType ? " -> " + outType : "") +
                       "\n  %1 = nn.reshape %0 : " + outType + " -> " + flat +
                       "\n" + mseTo("%1", flat)});
  };
  auto conv = [&](std::string name, std::vector<int64_t> x,
                  std::vector<int64_t> w, std::vector<int64_t> out,
                  std::string attrs) {
    Arg xa = param("x", x), wa = param("w", w);
    image(name, out, {xa, wa},
          "nn.conv2d %x, %w " + attrs + " : " + typeOf(xa) + ", " + typeOf(wa));
  };
  conv("conv2d_same", {2, 5, 5, 2}, {3, 3, 2, 3}, {2, 5, 5, 3},
       "{strides = array<i64: 1, 1>, padding = array<i64: 1, 1, 1, 1>}");
  conv("conv2d_valid_stride2", {2, 6, 5, 2}, {3, 2, 2, 3}, {2, 2, 2, 3},
       "{strides = array<i64: 2, 2>, padding = array<i64: 0, 0, 0, 0>}");
  conv("conv2d_uneven_padding", {2, 5, 5, 1}, {2, 2, 1, 2}, {2, 3, 3, 2},
       "{strides = array<i64: 2, 2>, padding = array<i64: 0, 1, 0, 1>}");
  conv("conv2d_same_stride2", {2, 6, 6, 2}, {3, 3, 2, 3}, {2, 3, 3, 3},
       "{strides = array<i64: 2, 2>, padding = array<i64: 1, 1, 1, 1>}");
  // Padding as large as the filter: the input gradient is computed over the
  // padded image and cut out of it.
  conv("conv2d_wide_padding", {1, 4, 4, 1}, {2, 2, 1, 2}, {1, 6, 5, 2},
       "{strides = array<i64: 1, 1>, padding = array<i64: 2, 1, 0, 2>}");
  {
    Arg xa = param("x", {2, 3, 3, 2}), ba = param("b", {2});
    image("bias_add_image", {2, 3, 3, 2}, {xa, ba},
          "nn.bias_add %x, %b : " + typeOf(xa) + ", tensor<2xf64>", false);
  }
  auto pool = [&](std::string name, std::string op, std::vector<int64_t> x,
                  std::vector<int64_t> out, int window, int stride) {
    Arg xa = param("x", x);
    image(name, out, {xa},
          "nn." + op + " %x {window = " + std::to_string(window) +
              " : i64, stride = " + std::to_string(stride) +
              " : i64} : " + typeOf(xa));
  };
  pool("max_pool2d", "max_pool2d", {2, 5, 5, 2}, {2, 2, 2, 2}, 2, 2);
  // Windows that tile the input: the gradient without spreading.
  pool("max_pool2d_tiles", "max_pool2d", {2, 4, 6, 3}, {2, 2, 3, 3}, 2, 2);
  pool("max_pool2d_overlapping", "max_pool2d", {1, 4, 4, 1}, {1, 2, 2, 1}, 3,
       1);
  pool("avg_pool2d", "avg_pool2d", {2, 5, 5, 2}, {2, 2, 2, 2}, 2, 2);
  pool("avg_pool2d_overlapping", "avg_pool2d", {2, 3, 3, 2}, {2, 2, 2, 2}, 2,
       1);

  {
    Arg step = input("step", {}, 3, 3);
    step.integers = true;
    all.push_back({"dropout",
                   {param("x", {3, 4}), step, input("t", {3, 4})},
                   "  %0 = nn.dropout %x, %step {rate = 5.0e-01 : f64, seed = "
                   "7 : i64} : " +
                       m34 + ", tensor<f64>\n" + mseTo("%0", m34)});
  }
  all.push_back({"normalize",
                 {param("x", {3, 5}), input("t", {3, 5})},
                 "  %0 = nn.normalize %x {epsilon = 1.0e-05 : f64} : " + m35 +
                     "\n" + mseTo("%0", m35)});
  {
    Arg xa = param("x", {2, 2, 2, 3});
    image("normalize_image", {2, 2, 2, 3}, {xa},
          "nn.normalize %x {epsilon = 1.0e-03 : f64} : " + typeOf(xa), false);
  }
  all.push_back({"batch_normalize",
                 {param("x", {3, 4}), input("t", {3, 4})},
                 "  %0 = nn.batch_normalize %x {epsilon = 1.0e-03 : f64} : " +
                     m34 + "\n" + mseTo("%0", m34)});
  {
    Arg xa = param("x", {2, 2, 2, 3});
    image("batch_normalize_image", {2, 2, 2, 3}, {xa},
          "nn.batch_normalize %x {epsilon = 1.0e-03 : f64} : " + typeOf(xa),
          false);
  }
  all.push_back({"scale_last",
                 {param("x", {3, 4}), param("g", {4}), input("t", {3, 4})},
                 "  %0 = nn.scale_last %x, %g : " + m34 + ", tensor<4xf64>\n" +
                     mseTo("%0", m34)});
  {
    Arg ids = input("ids", {2, 3}, 0, 4);
    ids.integers = true;
    all.push_back(
        {"embedding",
         {param("table", {5, 3}), ids, input("t", {2, 9})},
         "  %0 = nn.embedding %ids, %table : tensor<2x3xf64>, "
         "tensor<5x3xf64> -> tensor<2x3x3xf64>\n  %1 = nn.reshape %0 : "
         "tensor<2x3x3xf64> -> tensor<2x9xf64>\n" +
             mseTo("%1", "tensor<2x9xf64>")});
  }
  // A whole dense network: every rule composed, weights used twice.
  all.push_back(
      {"two_layer_network",
       {param("w1", {4, 5}), param("b1", {5}), param("w2", {5, 4}),
        input("x", {3, 4}), labels},
       "  %0 = nn.matmul %x, %w1 : " + m34 + ", tensor<4x5xf64> -> " + m35 +
           "\n  %1 = nn.bias_add %0, %b1 : " + m35 +
           ", tensor<5xf64>\n  %2 = nn.tanh %1 : " + m35 +
           "\n  %3 = nn.matmul %2, %w2 : " + m35 + ", tensor<5x4xf64> -> " +
           m34 + "\n  %4 = nn.add %3, %x : " + m34 +
           "\n  %loss = nn.softmax_cross_entropy %4, %labels : " + m34 +
           ", tensor<3xf64>"});
  return all;
}

/// Every nn op is differentiable (and then has a case above), a gradient
/// kernel (NonDifferentiable), or deliberately without a rule; nothing is
/// left undecided.
TEST(GradientCoverage, EveryOpIsDecidedAndEveryRuleChecked) {
  DialectRegistry registry;
  plexus::registerPlexusDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();
  std::string checked;
  for (const Case &c : cases())
    checked += c.body;
  for (RegisteredOperationName name : context.getRegisteredOperations()) {
    if (name.getDialectNamespace() != "nn")
      continue;
    bool rule = name.hasInterface<plexus::nn::GradientOpInterface>();
    bool kernel = name.hasTrait<plexus::nn::NonDifferentiable>();
    bool none = name.hasTrait<plexus::nn::NoGradientRule>();
    EXPECT_EQ(rule + kernel + none, 1)
        << name.getStringRef().str()
        << " must have exactly one of: a gradient rule, NonDifferentiable, "
           "NoGradientRule";
    if (!rule)
      continue;
    EXPECT_NE(checked.find(name.getStringRef().str() + " "), std::string::npos)
        << name.getStringRef().str()
        << " has a gradient rule but no finite-difference case";
  }
}

INSTANTIATE_TEST_SUITE_P(NN, GradientCheck, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                           return info.param.name;
                         });

} // namespace
