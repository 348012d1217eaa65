//===- BuildTrainStep.cpp - Loss, backward and update in one function -----===//
//
// plx_train_step(%params: memref<P>, %state: memref<S>, %x, %y,
//                %hyper: memref<2>, %loss: memref<f32>, %out)
//
// The parameters live in one flat buffer (the runtime initialises, saves and
// loads it by the table plexc emits); the optimizer state follows the same
// layout (SGD: velocity; Adam: first then second moments). Updates happen in
// place through bufferization.materialize_in_destination.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/Transforms/Passes.h"

#include "compiler/Dialect/NN/IR/FlatBuffers.h"

#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace plexus::nn {
#define GEN_PASS_DEF_NNBUILDTRAINSTEP
#include "compiler/Dialect/NN/Transforms/Passes.h.inc"
} // namespace plexus::nn

using namespace mlir;
using namespace plexus;
using namespace plexus::nn;

namespace {

/// The layout of plx_train_step's `hyper` buffer (plx_hyper_index in the
/// runtime's model.h).
enum class HyperIndex : int64_t {
  LR,
  Step,
  Momentum,
  Beta1,
  Beta2,
  Epsilon,
  Rho,
  WeightDecay,
  ClipNorm
};
constexpr int64_t kNumHyper = 9;

int64_t numElements(Type type) {
  return cast<RankedTensorType>(type).getNumElements();
}

class BuildTrainStepPass final
    : public plexus::nn::impl::NNBuildTrainStepBase<BuildTrainStepPass> {
public:
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto grad = module.lookupSymbol<func::FuncOp>("loss_grad");
    auto optimizer = module->getAttrOfType<DictionaryAttr>("nn.optimizer");
    if (!grad || !optimizer) {
      module.emitError("nn-build-train-step needs @loss_grad (run "
                       "nn-autodiff) and the nn.optimizer attribute");
      return signalPassFailure();
    }
    build(module, grad, optimizer);
  }

private:
  /// batch_norm's moving statistics are parameters that the optimizer does
  /// not train: after the update they become
  /// momentum * old + (1 - momentum) * batch statistic, from results 2, 3, ...
  /// of the loss (see the nn.moving_stats attribute MLIRGen sets).
  Value blendMovingStatistics(OpBuilder &b, Location loc, ModuleOp module,
                              func::CallOp call, Value oldParams,
                              Value newParams, ArrayRef<int64_t> offsets) {
    auto stats = module->getAttrOfType<ArrayAttr>("nn.moving_stats");
    if (!stats)
      return newParams;
    for (auto [k, entry] : llvm::enumerate(stats.getAsRange<ArrayAttr>())) {
      int64_t meanParam = cast<IntegerAttr>(entry[0]).getInt();
      double momentum = cast<FloatAttr>(entry[1]).getValueAsDouble();
      for (int64_t which = 0; which < 2; ++which) {
        Value batch = call.getResult(2 + 2 * k + which);
        int64_t n = cast<RankedTensorType>(batch.getType()).getNumElements();
        int64_t offset = offsets[meanParam + which];
        Value old = sliceFlat(b, loc, oldParams, offset, n);
        Value blended = AddOp::create(
            b, loc, ScaleOp::create(b, loc, old, b.getF32FloatAttr(momentum)),
            ScaleOp::create(b, loc, batch, b.getF32FloatAttr(1 - momentum)));
        newParams = tensor::InsertSliceOp::create(
            b, loc, blended, newParams,
            ArrayRef<OpFoldResult>{b.getIndexAttr(offset)},
            ArrayRef<OpFoldResult>{b.getIndexAttr(n)},
            ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
      }
    }
    return newParams;
  }

  void build(ModuleOp module, func::FuncOp grad, DictionaryAttr optimizer) {
    Location loc = grad.getLoc();
    // loss_grad(params..., x, y[, step]): the step when the model has
    // dropout (MLIRGen marks the module).
    bool takesStep = module->hasAttr("nn.loss_takes_step");
    unsigned numParams = grad.getNumArguments() - 2 - (takesStep ? 1 : 0);
    int64_t total = 0;
    for (unsigned i = 0; i < numParams; ++i)
      total += numElements(grad.getArgumentTypes()[i]);
    StringRef kind = cast<StringAttr>(optimizer.get("kind")).getValue();
    bool adam = kind == "adam" || kind == "adamw";
    int64_t stateSize = adam ? 2 * total : total;

    Type f32 = Float32Type::get(&getContext());
    auto flatType = MemRefType::get({total}, f32);
    auto stateType = MemRefType::get({stateSize}, f32);
    auto toMemRef = [&](Type t) {
      auto tt = cast<RankedTensorType>(t);
      return MemRefType::get(tt.getShape(), f32);
    };
    Type xType = toMemRef(grad.getArgumentTypes()[numParams]);
    Type yType = toMemRef(grad.getArgumentTypes()[numParams + 1]);
    Type outType = toMemRef(grad.getResultTypes()[1]);
    auto type = FunctionType::get(&getContext(),
                                  {flatType, stateType, xType, yType,
                                   MemRefType::get({kNumHyper}, f32),
                                   MemRefType::get({}, f32), outType},
                                  {});

    OpBuilder b(module.getBodyRegion());
    b.setInsertionPointToEnd(module.getBody());
    auto func = func::FuncOp::create(b, loc, "plx_train_step", type);
    func->setAttr("llvm.emit_c_interface", b.getUnitAttr());
    // Parameters and optimizer state stay where the runtime keeps them
    // across steps (GPU memory for --target=cuda).
    func.setArgAttr(0, "plexus.resident", b.getUnitAttr());
    func.setArgAttr(1, "plexus.resident", b.getUnitAttr());
    // Code generation makes its choices (threads or not, which kernel) for
    // this many rows, rather than compiling every choice and deciding at
    // run time: training batches have this size, but for the last. Any
    // batch size still runs correctly.
    if (auto batch = module->getAttrOfType<IntegerAttr>("nn.batch"))
      func->setAttr("plexus.batch_hint", batch);
    b.setInsertionPointToStart(func.addEntryBlock());
    auto args = func.getArguments();

    Value params = readBuffer(b, loc, args[0]);
    // Adam's two moments are read from (and written back to) views of their
    // halves of the state: as slices of one state tensor, bufferization
    // copied the second one out and back at every step.
    auto stateHalf = [&](int64_t offset) {
      return memref::SubViewOp::create(
          b, loc, args[1], ArrayRef<OpFoldResult>{b.getIndexAttr(offset)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(total)},
          ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
    };
    Value mBuffer = adam ? stateHalf(0) : Value();
    Value vBuffer = adam ? stateHalf(total) : Value();
    Value state = adam ? Value() : readBuffer(b, loc, args[1]);
    // The hyperparameters come from the program (and its command line) at
    // every step, in the order of HyperIndex.
    Value hyper = readBuffer(b, loc, args[4]);
    auto hyperValue = [&](HyperIndex i) -> Value {
      return tensor::ExtractOp::create(
          b, loc, hyper,
          ValueRange{arith::ConstantIndexOp::create(b, loc, int64_t(i))});
    };
    Value lr = hyperValue(HyperIndex::LR);
    Value step = hyperValue(HyperIndex::Step);

    // Unpack the parameters in argument order.
    TypeRange paramTypes = grad.getArgumentTypes().take_front(numParams);
    SmallVector<Value> operands = unpackFlat(b, loc, params, paramTypes);
    SmallVector<int64_t> offsets;
    int64_t offset = 0;
    for (Type t : paramTypes) {
      offsets.push_back(offset);
      offset += numElements(t);
    }
    operands.push_back(readBuffer(b, loc, args[2]));
    operands.push_back(readBuffer(b, loc, args[3]));
    if (takesStep)
      operands.push_back(tensor::FromElementsOp::create(
          b, loc, RankedTensorType::get({}, f32), ValueRange{step}));
    auto call = func::CallOp::create(b, loc, grad, operands);

    // Flatten the gradients into the parameter layout.
    Value flatGrad =
        tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{total}, f32);
    // loss_grad returns the loss's results (loss, output, batch statistics),
    // then one gradient per parameter.
    unsigned firstGrad = grad.getNumResults() - numParams;
    for (unsigned i = 0; i < numParams; ++i) {
      Value g = call.getResult(firstGrad + i);
      auto t = cast<RankedTensorType>(g.getType());
      if (t.getRank() > 1)
        g = tensor::CollapseShapeOp::create(b, loc, g, allDimsReassociation(t));
      flatGrad = tensor::InsertSliceOp::create(
          b, loc, g, flatGrad,
          ArrayRef<OpFoldResult>{b.getIndexAttr(offsets[i])},
          ArrayRef<OpFoldResult>{b.getIndexAttr(t.getNumElements())},
          ArrayRef<OpFoldResult>{b.getIndexAttr(1)});
    }

    // Clipping costs a pass over the gradient: only models that ask for it.
    if (auto clip = dyn_cast_or_null<FloatAttr>(optimizer.get("clipnorm"));
        clip && clip.getValueAsDouble() > 0)
      flatGrad = ClipByGlobalNormOp::create(b, loc, flatGrad,
                                            hyperValue(HyperIndex::ClipNorm));
    Value newParams, newState;
    if (adam) {
      Value m = readBuffer(b, loc, mBuffer);
      Value v = readBuffer(b, loc, vBuffer);
      auto update = AdamUpdateOp::create(
          b, loc, TypeRange{params.getType(), m.getType(), v.getType()}, params,
          flatGrad, m, v, lr, step, hyperValue(HyperIndex::Beta1),
          hyperValue(HyperIndex::Beta2), hyperValue(HyperIndex::Epsilon),
          hyperValue(HyperIndex::WeightDecay));
      newParams = update.getNewParam();
      writeBuffer(b, loc, update.getNewM(), mBuffer);
      writeBuffer(b, loc, update.getNewV(), vBuffer);
    } else if (kind == "rmsprop") {
      auto update = RMSPropUpdateOp::create(
          b, loc, TypeRange{params.getType(), state.getType()}, params,
          flatGrad, state, lr, hyperValue(HyperIndex::Rho),
          hyperValue(HyperIndex::Epsilon));
      newParams = update.getNewParam();
      newState = update.getNewMs();
    } else {
      auto update = SGDUpdateOp::create(
          b, loc, TypeRange{params.getType(), state.getType()}, params,
          flatGrad, state, lr, hyperValue(HyperIndex::Momentum),
          cast<BoolAttr>(optimizer.get("nesterov")));
      newParams = update.getNewParam();
      newState = update.getNewVelocity();
    }
    newParams =
        blendMovingStatistics(b, loc, module, call, params, newParams, offsets);
    writeBuffer(b, loc, newParams, args[0]);
    if (newState)
      writeBuffer(b, loc, newState, args[1]);
    writeBuffer(b, loc, call.getResult(0), args[5]);
    writeBuffer(b, loc, call.getResult(1), args[6]);
    func::ReturnOp::create(b, loc);
  }
};

} // namespace
