//===- FlopReport.cpp - FLOPs per layer of a model ------------------------===//
//
// `plexus-flop-report` prints, for one function of the nn stage (by default
// `forward`, the model), the floating-point operations per sample of each
// layer: the ops that MLIRGen gave the same source location. A matmul costs
// 2 K per output element; every other op one per output element (an
// estimate: exp or tanh cost more). Run it at an extension point:
//
//   plexc --load-pass-plugin=PlexusExtension.so \
//         --pass-after=nn=plexus-flop-report model.plx -o model
//
//===----------------------------------------------------------------------===//

#include "FlopReport.h"

#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"

using namespace mlir;

namespace {

/// Elements per sample of a [batch, ...] result: the static dimensions
/// after the first.
int64_t elementsPerSample(RankedTensorType type) {
  int64_t n = 1;
  for (int64_t d : type.getShape().drop_front())
    n *= ShapedType::isDynamic(d) ? 1 : d;
  return n;
}

int64_t flopsPerSample(Operation *op) {
  auto type = dyn_cast<RankedTensorType>(op->getResult(0).getType());
  if (!type || type.getRank() == 0)
    return 0;
  int64_t outputs = elementsPerSample(type);
  if (auto matmul = dyn_cast<plexus::nn::MatmulOp>(op)) {
    auto lhs = cast<RankedTensorType>(matmul.getLhs().getType());
    return 2 * lhs.getDimSize(matmul.getTransposeLhs() ? 0 : 1) * outputs;
  }
  return outputs;
}

std::string describe(Location loc) {
  auto fileLoc = dyn_cast<FileLineColLoc>(loc);
  if (!fileLoc)
    return "<unknown>";
  return (llvm::sys::path::filename(fileLoc.getFilename().getValue()) + ":" +
          llvm::Twine(fileLoc.getLine()) + ":" +
          llvm::Twine(fileLoc.getColumn()))
      .str();
}

struct FlopReportPass final
    : public PassWrapper<FlopReportPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(FlopReportPass)

  FlopReportPass() = default;
  FlopReportPass(const FlopReportPass &other) : PassWrapper(other) {}

  StringRef getArgument() const final { return "plexus-flop-report"; }
  StringRef getDescription() const final {
    return "Prints the FLOPs per sample of each layer of a model function";
  }

  Option<std::string> function{*this, "function",
                               llvm::cl::desc("The function to report on"),
                               llvm::cl::init("forward")};

  struct Layer {
    std::string ops;
    int64_t flops = 0;
  };

  void runOnOperation() override {
    auto func = getOperation().lookupSymbol<func::FuncOp>(function);
    if (!func || func.isDeclaration()) {
      getOperation().emitError("plexus-flop-report: no function '")
          << function << "' with a body";
      return signalPassFailure();
    }
    llvm::MapVector<Location, Layer> layers;
    int64_t total = 0;
    func.walk([&](Operation *op) {
      // The ops that become computation: nn's and those that lower
      // themselves (plugins' ops), not calls or returns.
      bool computes =
          op->getDialect() && (op->getDialect()->getNamespace() == "nn" ||
                               isa<plexus::nn::LinalgLoweringOpInterface>(op));
      if (!computes || op->getNumResults() != 1)
        return;
      Layer &layer = layers[op->getLoc()];
      if (!layer.ops.empty())
        layer.ops += ", ";
      layer.ops += op->getName().getStringRef().str();
      int64_t flops = flopsPerSample(op);
      layer.flops += flops;
      total += flops;
    });
    llvm::raw_ostream &os = llvm::errs();
    os << "flops per sample of @" << function << ":\n";
    for (auto &[loc, layer] : layers)
      os << "  " << llvm::left_justify(describe(loc), 20)
         << llvm::left_justify(layer.ops, 40)
         << llvm::format_decimal(layer.flops, 10) << "\n";
    os << "  " << llvm::left_justify("total", 60)
       << llvm::format_decimal(total, 10) << "\n";
  }
};

} // namespace

void plexus_ext::registerFlopReportPass() {
  PassRegistration<FlopReportPass>();
}
