//===- Autodiff.cpp - Reverse-mode automatic differentiation --------------===//
//
// Works on single-block functions of value-semantic ops. The backward pass
// visits the ops between the parameters and the loss in reverse order and
// asks each one, through GradientOpInterface, for the gradients of its
// operands. No op is known by name here.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/Transforms/Passes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"

#include "llvm/ADT/SetVector.h"

namespace plexus::nn {
#define GEN_PASS_DEF_NNAUTODIFF
#include "compiler/Dialect/NN/Transforms/Passes.h.inc"
} // namespace plexus::nn

using namespace mlir;
using namespace plexus::nn;

namespace {

/// Ops whose results depend on the differentiated arguments and whose
/// results the loss depends on: exactly the ops that need a gradient rule.
llvm::SetVector<Operation *> activeOps(func::FuncOp func, unsigned numWrt,
                                       Value loss) {
  llvm::DenseSet<Value> varied;
  for (unsigned i = 0; i < numWrt; ++i)
    varied.insert(func.getArgument(i));
  llvm::DenseSet<Operation *> dependsOnArgs;
  func.walk([&](Operation *op) {
    if (llvm::any_of(op->getOperands(),
                     [&](Value v) { return varied.contains(v); })) {
      dependsOnArgs.insert(op);
      for (Value r : op->getResults())
        varied.insert(r);
    }
  });
  llvm::SetVector<Operation *> active;
  llvm::SmallVector<Value> worklist = {loss};
  llvm::DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    Operation *def = v.getDefiningOp();
    if (!def || !dependsOnArgs.contains(def))
      continue;
    active.insert(def);
    for (Value operand : def->getOperands())
      if (varied.contains(operand))
        worklist.push_back(operand);
  }
  return active;
}

Value zerosLike(OpBuilder &b, Location loc, Type type) {
  auto tensorType = cast<RankedTensorType>(type);
  return arith::ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(tensorType,
                             b.getFloatAttr(tensorType.getElementType(), 0.0)));
}

class AutodiffPass final
    : public plexus::nn::impl::NNAutodiffBase<AutodiffPass> {
public:
  void runOnOperation() override {
    SmallVector<func::FuncOp> targets;
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (func->hasAttr("nn.differentiate"))
        targets.push_back(func);
    for (func::FuncOp func : targets)
      if (failed(differentiate(func)))
        return signalPassFailure();
  }

private:
  LogicalResult differentiate(func::FuncOp original) {
    auto numWrtAttr = original->getAttrOfType<IntegerAttr>("nn.differentiate");
    unsigned numWrt = numWrtAttr.getInt();
    if (!original.getBody().hasOneBlock() ||
        numWrt > original.getNumArguments() || original.getNumResults() == 0)
      return original.emitError("nn.differentiate expects a single-block "
                                "function with a loss as result 0");

    // The gradient function starts as a copy of the forward function.
    OpBuilder moduleBuilder(original);
    moduleBuilder.setInsertionPointAfter(original);
    auto func = cast<func::FuncOp>(moduleBuilder.clone(*original));
    func.setName((original.getName() + "_grad").str());
    func->removeAttr("nn.differentiate");
    auto ret = cast<func::ReturnOp>(func.getBody().front().getTerminator());
    Value loss = ret.getOperand(0);
    auto lossType = dyn_cast<RankedTensorType>(loss.getType());
    if (!lossType || lossType.getRank() != 0)
      return original.emitError("the differentiated result must be a scalar "
                                "tensor, found ")
             << loss.getType();

    llvm::SetVector<Operation *> active = activeOps(func, numWrt, loss);
    SmallVector<Operation *> missing;
    for (Operation *op : active)
      if (!isa<GradientOpInterface>(op))
        missing.push_back(op);
    llvm::sort(missing, [](Operation *a, Operation *c) {
      return a->isBeforeInBlock(c);
    });
    if (!missing.empty()) {
      InFlightDiagnostic diag =
          original.emitError()
          << "cannot differentiate the loss: " << missing.size() << " operation"
          << (missing.size() == 1 ? "" : "s")
          << " between the parameters and the loss "
          << (missing.size() == 1 ? "has" : "have") << " no gradient rule";
      for (Operation *op : missing)
        diag.attachNote(op->getLoc())
            << "'" << op->getName() << "' has no gradient rule";
      func.erase();
      return failure();
    }

    OpBuilder b(ret);
    DenseMap<Value, Value> grads;
    auto accumulate = [&](Value v, Value g, Location loc) {
      auto it = grads.find(v);
      if (it == grads.end()) {
        grads[v] = g;
        return;
      }
      it->second = AddOp::create(b, loc, it->second, g);
    };
    grads[loss] = arith::ConstantOp::create(
        b, ret.getLoc(),
        DenseElementsAttr::get(lossType,
                               b.getFloatAttr(lossType.getElementType(), 1.0)));

    // `active` is in reverse dependency order from the loss; sort by
    // position in the block to visit ops in exact reverse program order.
    SmallVector<Operation *> order(active.begin(), active.end());
    llvm::sort(order, [](Operation *a, Operation *c) {
      return c->isBeforeInBlock(a);
    });
    for (Operation *op : order) {
      SmallVector<Value> resultGrads;
      bool any = false;
      for (Value r : op->getResults()) {
        Value g = grads.lookup(r);
        any |= static_cast<bool>(g);
        resultGrads.push_back(g);
      }
      if (!any)
        continue;
      for (auto [i, r] : llvm::enumerate(op->getResults()))
        if (!resultGrads[i])
          resultGrads[i] = zerosLike(b, op->getLoc(), r.getType());
      SmallVector<Value> operandGrads =
          cast<GradientOpInterface>(op).buildGradient(b, resultGrads);
      for (auto [operand, g] : llvm::zip(op->getOperands(), operandGrads))
        if (g)
          accumulate(operand, g, op->getLoc());
    }

    SmallVector<Value> results(ret.getOperands());
    for (unsigned i = 0; i < numWrt; ++i) {
      Value arg = func.getArgument(i);
      Value g = grads.lookup(arg);
      results.push_back(g ? g : zerosLike(b, ret.getLoc(), arg.getType()));
    }
    func::ReturnOp::create(b, ret.getLoc(), results);
    ret.erase();
    SmallVector<Type> resultTypes;
    for (Value v : results)
      resultTypes.push_back(v.getType());
    func.setFunctionType(
        FunctionType::get(&getContext(), func.getArgumentTypes(), resultTypes));
    return success();
  }
};

} // namespace
