//===- Pool2D.cpp - max and average pooling, gradients and lowering -------===//
//
// Forward: y[n, i, j, c] = pool_{a, b < P} x[n, i*s + a, j*s + b, c].
// Backward, as a gather like conv2d's input gradient: dy (and, for max, y)
// are spread into tensors D with D[P-1 + i*s] = dy[i]; input element r
// collects D[r + a] for a < P, which are exactly the windows holding it:
//   avg: dx[r] = sum_a D_dy[r + a] / P^2
//   max: dx[r] = sum_a (x[r] == D_y[r + a]) ? D_dy[r + a] : 0
// D_y is filled with NaN between windows, which equals no input. Windows may
// overlap (stride < P) and trailing rows that no window covers get zero.
// Windows that tile the input (stride = P dividing its height and width, the
// usual 2x2 pooling) need no spreading: each input element lies in exactly
// one window, so
//   max: dx[n, r, q, c] = (x[n, r, q, c] == y[n, r/P, q/P, c]) ? dy[...] : 0
// is one pass over the input with every operand read in place.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace plexus::nn;
using namespace plexus::lowering;

namespace {

using IT = utils::IteratorType;

/// Loops (n, i, j, a, b, c), channels innermost (contiguous): the input
/// element of window (i, j) at (a, b).
AffineMap windowMap(MLIRContext *ctx, int64_t stride) {
  auto d = [&](unsigned k) { return getAffineDimExpr(k, ctx); };
  return AffineMap::get(
      6, 0, {d(0), d(1) * stride + d(3), d(2) * stride + d(4), d(5)}, ctx);
}

/// (n, i, j, a, b, c) -> (n, i, j, c)
AffineMap imageMap(MLIRContext *ctx) { return map(ctx, 6, {0, 1, 2, 5}); }

/// A generic over loops (n, i, j, a, b, c). The window loops (a, b) only
/// occur in sums such as i*s + a, so a shape-only [window, window] operand
/// (as linalg's pooling ops have) gives their bounds; `body` does not see it.
Value windowGeneric(OpBuilder &b, Location loc, ValueRange inputs,
                    ArrayRef<AffineMap> inputMaps, Value out, int64_t window,
                    BodyFn body) {
  MLIRContext *ctx = b.getContext();
  SmallVector<Value> operands(inputs);
  operands.push_back(tensor::EmptyOp::create(
      b, loc, ArrayRef<int64_t>{window, window}, elementTypeOf(out)));
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(map(ctx, 6, {3, 4}));
  maps.push_back(imageMap(ctx));
  size_t numInputs = inputs.size();
  return generic(b, loc, operands, out, maps,
                 {IT::parallel, IT::parallel, IT::parallel, IT::reduction,
                  IT::reduction, IT::parallel},
                 [&](Math &m, ValueRange a) -> SmallVector<Value> {
                   SmallVector<Value> args(a);
                   args.erase(args.begin() + numInputs);
                   return body(m, args);
                 })[0];
}

/// Pools `x` into the (dynamic-batch) type `type`; `body` accumulates.
Value pool(OpBuilder &b, Location loc, Value x, RankedTensorType type,
           int64_t window, int64_t stride, double init, BodyFn body) {
  MLIRContext *ctx = b.getContext();
  Value out = filled(b, loc, sizesWithBatchOf(b, loc, type, x), init,
                     type.getElementType());
  return windowGeneric(b, loc, x, windowMap(ctx, stride), out, window, body);
}

/// `v` ([N, OH, OW, C]) spread into a tensor of the spatial size of `input`
/// plus P-1, at rows and columns P-1 + i*s, the rest `fill`.
Value spread(OpBuilder &b, Location loc, Value v, RankedTensorType input,
             int64_t window, int64_t stride, double fill) {
  ArrayRef<int64_t> x = input.getShape();
  return spreadImage(b, loc, v, x[1] + window - 1, x[2] + window - 1,
                     window - 1, window - 1, {stride, stride}, fill);
}

/// Loops (n, r, q, a, b, c) over the input: D[n, r + a, q + b, c].
AffineMap spreadMap(MLIRContext *ctx) {
  auto d = [&](unsigned k) { return getAffineDimExpr(k, ctx); };
  return AffineMap::get(6, 0, {d(0), d(1) + d(3), d(2) + d(4), d(5)}, ctx);
}

/// The input gradient: for every input element, `body` over the windows.
Value gatherWindows(OpBuilder &b, Location loc, ValueRange inputs,
                    ArrayRef<AffineMap> inputMaps, RankedTensorType type,
                    Value batchOf, int64_t window, BodyFn body) {
  Value out = filled(b, loc, sizesWithBatchOf(b, loc, type, batchOf), 0.0,
                     type.getElementType());
  Value dx = windowGeneric(b, loc, inputs, inputMaps, out, window, body);
  return tensor::CastOp::create(b, loc, type, dx);
}

} // namespace

SmallVector<Value> MaxPool2DOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {MaxPool2DGradOp::create(b, getLoc(), getInput().getType(), getInput(),
                                  getResult(), grads[0], getWindowAttr(),
                                  getStrideAttr())};
}

SmallVector<Value> MaxPool2DOp::lowerToLinalg(OpBuilder &b) {
  Value y = pool(b, getLoc(), getInput(), getType(), getWindow(), getStride(),
                 -INFINITY, [](Math &m, ValueRange a) -> SmallVector<Value> {
                   return {m.max(a[1], a[0])};
                 });
  return {tensor::CastOp::create(b, getLoc(), getType(), y).getResult()};
}

/// Whether every input element lies in exactly one window.
static bool tilesExactly(MaxPool2DGradOp op) {
  RankedTensorType type = op.getType();
  int64_t window = op.getWindow();
  return op.getStride() == window && type.getDimSize(1) % window == 0 &&
         type.getDimSize(2) % window == 0;
}

/// max_pool2d_grad where the windows tile the input (tilesExactly): loops
/// (n, r, q, c) over the input read the window's maximum and gradient at
/// (n, r / P, q / P, c).
static Value maxPoolGradOfTiles(OpBuilder &b, MaxPool2DGradOp op) {
  Location loc = op.getLoc();
  MLIRContext *ctx = op.getContext();
  RankedTensorType type = op.getType();
  int64_t window = op.getWindow();
  auto d = [&](unsigned k) { return getAffineDimExpr(k, ctx); };
  AffineMap ofWindow = AffineMap::get(
      4, 0, {d(0), d(1).floorDiv(window), d(2).floorDiv(window), d(3)}, ctx);
  AffineMap identity = AffineMap::getMultiDimIdentityMap(4, ctx);
  // Every element is written and none is read: no fill.
  Value out = emptyTensor(b, loc, sizesWithBatchOf(b, loc, type, op.getGrad()),
                          type.getElementType());
  Value dx =
      generic(b, loc, ValueRange{op.getInput(), op.getOutput(), op.getGrad()},
              out, {identity, ofWindow, ofWindow, identity},
              SmallVector<IT>(4, IT::parallel),
              [](Math &m, ValueRange a) -> SmallVector<Value> {
                Value isMax = arith::CmpFOp::create(
                    m.b, m.loc, arith::CmpFPredicate::OEQ, a[0], a[1]);
                return {m.select(isMax, a[2], m.c(0.0))};
              })[0];
  return tensor::CastOp::create(b, loc, type, dx);
}

SmallVector<Value> MaxPool2DGradOp::lowerToLinalg(OpBuilder &b) {
  if (tilesExactly(*this))
    return {maxPoolGradOfTiles(b, *this)};
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  RankedTensorType input = getInput().getType();
  Value maxima =
      spread(b, loc, getOutput(), input, getWindow(), getStride(), NAN);
  Value grads = spread(b, loc, getGrad(), input, getWindow(), getStride(), 0);
  Value dx = gatherWindows(
      b, loc, ValueRange{getInput(), maxima, grads},
      {imageMap(ctx), spreadMap(ctx), spreadMap(ctx)}, getType(), getGrad(),
      getWindow(), [](Math &m, ValueRange a) -> SmallVector<Value> {
        Value isMax = arith::CmpFOp::create(
            m.b, m.loc, arith::CmpFPredicate::OEQ, a[0], a[1]);
        return {m.add(a[3], m.select(isMax, a[2], m.c(0.0)))};
      });
  return {dx};
}

SmallVector<Value> AvgPool2DOp::buildGradient(OpBuilder &b, ValueRange grads) {
  return {AvgPool2DGradOp::create(b, getLoc(), getInput().getType(), grads[0],
                                  getWindowAttr(), getStrideAttr())};
}

SmallVector<Value> AvgPool2DOp::lowerToLinalg(OpBuilder &b) {
  double scale = 1.0 / double(getWindow() * getWindow());
  Value y = pool(b, getLoc(), getInput(), getType(), getWindow(), getStride(),
                 0.0, [&](Math &m, ValueRange a) -> SmallVector<Value> {
                   return {m.add(a[1], m.mul(a[0], m.c(scale)))};
                 });
  return {tensor::CastOp::create(b, getLoc(), getType(), y).getResult()};
}

SmallVector<Value> AvgPool2DGradOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  double scale = 1.0 / double(getWindow() * getWindow());
  Value grads =
      spread(b, loc, getGrad(), getType(), getWindow(), getStride(), 0);
  Value dx = gatherWindows(b, loc, grads, {spreadMap(getContext())}, getType(),
                           getGrad(), getWindow(),
                           [&](Math &m, ValueRange a) -> SmallVector<Value> {
                             return {m.add(a[1], m.mul(a[0], m.c(scale)))};
                           });
  return {dx};
}
