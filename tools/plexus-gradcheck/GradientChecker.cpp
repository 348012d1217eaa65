//===- GradientChecker.cpp - Finite-difference checks of gradients -------===//

#include "GradientChecker.h"

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

#include <cmath>
#include <random>

using namespace mlir;
using namespace plexus;

namespace {

using Arg = GradientCheckArg;
using Case = GradientCheckCase;

} // namespace

std::string plexus::tensorTypeOf(const Arg &a) {
  std::string t = "tensor<";
  for (int64_t d : a.shape)
    t += std::to_string(d) + "x";
  return t + "f64>";
}

namespace {

std::string typeOf(const Arg &a) { return tensorTypeOf(a); }

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
  GradientChecker(const DialectRegistry &registry, const Case &c) : c(c) {
    static bool registered = [] {
      registerAllPasses();
      plexus::registerPlexusPasses();
      return true;
    }();
    (void)registered;
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
    options.planBuffers = false; // no runtime in the JIT
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
    if (llvm::Error err =
            engine->invokePacked(("_mlir_ciface_" + name).str(), args))
      llvm::report_fatal_error(std::move(err));
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
      else if (type.getRank() > 1)
        r = tensor::CollapseShapeOp::create(b, loc, r,
                                            plexus::allDimsReassociation(type));
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

} // namespace

void plexus::registerGradientCheckDialects(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerPlexusDialects(registry);
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
}

std::vector<std::string> plexus::checkGradient(const DialectRegistry &registry,
                                               const Case &c) {
  // @f is differentiated with respect to its first arguments.
  for (size_t i = 1; i < c.args.size(); ++i)
    if (c.args[i].param && !c.args[i - 1].param)
      return {c.name + ": parameter '" + c.args[i].name +
              "' follows an input; parameters come first"};
  GradientChecker checker(registry, c);
  std::string error = checker.compile();
  if (!error.empty())
    return {c.name + ": " + error};

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
  std::vector<std::string> failures;
  std::vector<double> g = checker.grad(input, 1 + numParamElements);
  double loss = checker.eval(input);
  if (std::fabs(g[0] - loss) > 1e-12)
    failures.push_back(c.name + ": the gradient function's loss " +
                       std::to_string(g[0]) + " differs from f's " +
                       std::to_string(loss));

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
      if (!(std::fabs(analytic - numeric) <= 1e-6 * scale))
        failures.push_back(c.name + ": element " + std::to_string(j) +
                           " analytic " + std::to_string(analytic) +
                           " numeric " + std::to_string(numeric));
    }
  }
  return failures;
}
