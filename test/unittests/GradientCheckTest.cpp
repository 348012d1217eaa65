//===- GradientCheckTest.cpp - Finite-difference checks of gradient rules -===//
//
// For every differentiable nn op and every loss: a scalar function of the
// op is differentiated by the nn-autodiff pass, both the function and its
// gradient are compiled through the real CPU pipeline (nn -> linalg -> LLVM)
// in double precision and run in-process, and every gradient element is
// compared with a central difference
//
//   (f(x + h) - f(x - h)) / 2h,   h = 1e-6 * max(1, |x|)
//
// The bound: |analytic - numeric| <= 1e-6 * max(1, |analytic|, |numeric|).
// (Round-off is ~1e-10 and truncation ~1e-12 at this h for these smooth
// functions, so the bound leaves four orders of magnitude of margin while
// any wrong rule misses it by far.)
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/Pipelines.h"
#include "compiler/Dialect/NN/IR/FlatBuffers.h"
#include "compiler/Dialect/NN/IR/NNOps.h"
#include "compiler/RegisterAll.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"

#include "llvm/Support/TargetSelect.h"

#include "gtest/gtest.h"

#include <cmath>
#include <random>

using namespace mlir;

namespace {

struct Arg {
  std::string name;
  std::vector<int64_t> shape;
  bool param;            // differentiated (else a constant input)
  double lo, hi;         // initial values uniform in [lo, hi]
  bool integers = false; // class labels: integers in [lo, hi]
};

struct Case {
  std::string name;
  std::vector<Arg> args;
  std::string body; // defines %loss : tensor<f64>
};

std::string typeOf(const Arg &a) {
  std::string t = "tensor<";
  for (int64_t d : a.shape)
    t += std::to_string(d) + "x";
  return t + "f64>";
}

int64_t countOf(const Arg &a) {
  int64_t n = 1;
  for (int64_t d : a.shape)
    n *= d;
  return n;
}

struct MemRef1D {
  double *allocated, *aligned;
  int64_t offset, size, stride;
};

class GradientChecker {
public:
  explicit GradientChecker(const Case &c) : c(c) {
    static bool registered = [] {
      registerAllPasses();
      plexus::registerPlexusPasses();
      return true;
    }();
    (void)registered;
    DialectRegistry registry;
    registerAllDialects(registry);
    registerAllExtensions(registry);
    plexus::registerPlexusDialects(registry);
    registerBuiltinDialectTranslation(registry);
    registerLLVMDialectTranslation(registry);
    context = std::make_unique<MLIRContext>(registry);
    context->loadAllAvailableDialects();
  }

  /// Compiles the case; returns an empty string or the failure.
  std::string compile() {
    std::string text = "func.func @f(";
    unsigned numParams = 0;
    for (size_t i = 0; i < c.args.size(); ++i) {
      text += (i ? ", %" : "%") + c.args[i].name + ": " + typeOf(c.args[i]);
      numParams += c.args[i].param;
    }
    text += ") -> tensor<f64> attributes {nn.differentiate = " +
            std::to_string(numParams) + "} {\n" + c.body +
            "\n  return %loss : tensor<f64>\n}\n";
    module = parseSourceString<ModuleOp>(text, context.get());
    if (!module)
      return "cannot parse:\n" + text;
    if (failed(runAutodiff()))
      return "autodiff failed";
    addWrapper("eval", "f", 1);
    addWrapper("grad", "f_grad", 1 + numParams);
    PassManager lower(context.get());
    plexus::CPUOptions options;
    if (failed(plexus::buildLinalgPipeline(lower)) ||
        failed(plexus::buildLLVMPipeline(lower, options)) ||
        failed(lower.run(*module)))
      return "lowering failed";
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    ExecutionEngineOptions engineOptions;
    engineOptions.transformer = makeOptimizingTransformer(2, 0, nullptr);
    auto engineOr = ExecutionEngine::create(*module, engineOptions);
    if (!engineOr)
      return "JIT failed: " + llvm::toString(engineOr.takeError());
    engine = std::move(*engineOr);
    return "";
  }

  double eval(std::vector<double> &input) {
    double out = 0;
    call("eval", input, &out, 1);
    return out;
  }

  std::vector<double> grad(std::vector<double> &input, size_t numOutputs) {
    std::vector<double> out(numOutputs);
    call("grad", input, out.data(), numOutputs);
    return out;
  }

private:
  LogicalResult runAutodiff() {
    PassManager pm(context.get());
    if (failed(parsePassPipeline("nn-autodiff", pm)))
      return failure();
    return pm.run(*module);
  }

  void call(llvm::StringRef name, std::vector<double> &input, double *out,
            int64_t outSize) {
    MemRef1D in{input.data(), input.data(), 0,
                static_cast<int64_t>(input.size()), 1};
    MemRef1D o{out, out, 0, outSize, 1};
    MemRef1D *inPtr = &in, *oPtr = &o;
    void *args[] = {&inPtr, &oPtr};
    llvm::Error err =
        engine->invokePacked(("_mlir_ciface_" + name).str(), args);
    ASSERT_FALSE(static_cast<bool>(err)) << llvm::toString(std::move(err));
  }

  /// `name(%in: memref<N>, %out: memref<M>)`: unpacks every argument of
  /// `callee` from the flat input and packs its results into `out`.
  void addWrapper(llvm::StringRef name, llvm::StringRef callee,
                  int64_t numResults) {
    auto target = module->lookupSymbol<func::FuncOp>(callee);
    OpBuilder b(context.get());
    b.setInsertionPointToEnd(module->getBody());
    Location loc = b.getUnknownLoc();
    Type f64 = b.getF64Type();
    int64_t total = 0;
    for (const Arg &a : c.args)
      total += countOf(a);
    int64_t outTotal = 0;
    for (Type t : target.getResultTypes())
      outTotal += cast<RankedTensorType>(t).getNumElements();
    auto func = func::FuncOp::create(
        b, loc, name,
        b.getFunctionType(
            {MemRefType::get({total}, f64), MemRefType::get({outTotal}, f64)},
            {}));
    func->setAttr("llvm.emit_c_interface", b.getUnitAttr());
    b.setInsertionPointToStart(func.addEntryBlock());
    Value in = plexus::readBuffer(b, loc, func.getArgument(0));
    SmallVector<Value> operands =
        plexus::unpackFlat(b, loc, in, target.getArgumentTypes());
    auto result = func::CallOp::create(b, loc, target, operands);
    Value out =
        tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{outTotal}, f64);
    int64_t offset = 0;
    for (int64_t i = 0; i < numResults; ++i) {
      Value r = result.getResult(i);
      auto type = cast<RankedTensorType>(r.getType());
      int64_t n = type.getNumElements();
      auto flatType = RankedTensorType::get({n}, f64);
      if (type.getRank() == 0)
        r = tensor::ExpandShapeOp::create(b, loc, flatType, r,
                                          ArrayRef<ReassociationIndices>{});
      else if (type.getRank() == 2)
        r = tensor::CollapseShapeOp::create(
            b, loc, r, ArrayRef<ReassociationIndices>{{0, 1}});
      out = tensor::InsertSliceOp::create(
          b, loc, r, out, ArrayRef<OpFoldResult>{b.getIndexAttr(offset)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(n)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
      offset += n;
    }
    plexus::writeBuffer(b, loc, out, func.getArgument(1));
    func::ReturnOp::create(b, loc);
  }

  const Case &c;
  std::unique_ptr<MLIRContext> context;
  OwningOpRef<ModuleOp> module;
  std::unique_ptr<ExecutionEngine> engine;
};

void PrintTo(const Case &c, std::ostream *os) { *os << c.name; }

class GradientCheck : public ::testing::TestWithParam<Case> {};

TEST_P(GradientCheck, MatchesCentralDifferences) {
  const Case &c = GetParam();
  GradientChecker checker(c);
  std::string error = checker.compile();
  ASSERT_EQ(error, "");

  std::mt19937_64 rng(1234);
  std::vector<double> input;
  std::vector<std::pair<size_t, size_t>> paramRanges; // [begin, end)
  for (const Arg &a : c.args) {
    std::uniform_real_distribution<double> dist(a.lo, a.hi);
    size_t begin = input.size();
    for (int64_t i = 0; i < countOf(a); ++i)
      input.push_back(a.integers ? std::floor(dist(rng) + 0.5) : dist(rng));
    if (a.param)
      paramRanges.push_back({begin, input.size()});
  }
  size_t numParamElements = 0;
  for (auto [b, e] : paramRanges)
    numParamElements += e - b;
  std::vector<double> g = checker.grad(input, 1 + numParamElements);
  EXPECT_NEAR(g[0], checker.eval(input), 1e-12) << "loss of f_grad";

  size_t k = 1;
  for (auto [begin, end] : paramRanges) {
    for (size_t j = begin; j < end; ++j, ++k) {
      double x = input[j];
      double h = 1e-6 * std::max(1.0, std::fabs(x));
      input[j] = x + h;
      double fp = checker.eval(input);
      input[j] = x - h;
      double fm = checker.eval(input);
      input[j] = x;
      double numeric = (fp - fm) / (2 * h);
      double analytic = g[k];
      double scale = std::max({1.0, std::fabs(analytic), std::fabs(numeric)});
      EXPECT_LE(std::fabs(analytic - numeric), 1e-6 * scale)
          << c.name << ": element " << j << " analytic " << analytic
          << " numeric " << numeric;
    }
  }
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
