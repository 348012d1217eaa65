//===- Conv2D.cpp - conv2d, its gradient and lowering ---------------------===//
//
// Forward, on the zero-padded input xp (NHWC) and filter w (HWCF):
//   y[n, i, j, f] = sum_{kh, kw, c} xp[n, i*sh + kh, j*sw + kw, c] w[kh, kw, c,
//   f]
// Filter gradient, the same access pattern reduced over n, i, j:
//   dw[kh, kw, c, f] = sum_{n, i, j} xp[n, i*sh + kh, j*sw + kw, c] dy[n, i, j,
//   f]
// Input gradient, as a stride-1 convolution (a gather, which linalg can
// express, instead of a scatter): dy is spread into a zero tensor D with
// D[KH-1 + i*sh] = dy[i] (zeros between rows when the stride is larger than
// one), then convolved with the flipped filter:
//   dxp[n, r, s, c] = sum_{kh, kw, f} D[n, r + kh, s + kw, f]
//                                     w[KH-1-kh, KW-1-kw, c, f]
// and the padding is cut off. When the padding is at most the filter size
// less one (as with `same` and `valid`), only the rows and columns of dx are
// computed: D starts p rows (columns) later, with KH-1-p rows of zeros
// before dy, so no work goes into the padding's gradient.
//
//===----------------------------------------------------------------------===//

#include "compiler/Dialect/NN/IR/LinalgBuilders.h"
#include "compiler/Dialect/NN/IR/NNOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace plexus::nn;
using namespace plexus::lowering;

namespace {

using IT = utils::IteratorType;

/// `x` with `padding` (top, bottom, left, right) zeros around each image.
Value padImage(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> padding) {
  if (llvm::all_of(padding, [](int64_t p) { return p == 0; }))
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  SmallVector<int64_t> shape(type.getShape());
  shape[1] += padding[0] + padding[1];
  shape[2] += padding[2] + padding[3];
  SmallVector<OpFoldResult> low = {
      b.getIndexAttr(0), b.getIndexAttr(padding[0]), b.getIndexAttr(padding[2]),
      b.getIndexAttr(0)};
  SmallVector<OpFoldResult> high = {
      b.getIndexAttr(0), b.getIndexAttr(padding[1]), b.getIndexAttr(padding[3]),
      b.getIndexAttr(0)};
  Value zero = Math{b, loc, type.getElementType()}.c(0.0);
  return tensor::PadOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), x, low, high,
      zero);
}

/// The loops named by their positions -> (n, i*sh + kh, j*sw + kw, c).
AffineMap stridedInputMap(MLIRContext *ctx, ArrayRef<int64_t> strides,
                          unsigned n, unsigned i, unsigned j, unsigned c,
                          unsigned kh, unsigned kw) {
  auto d = [&](unsigned k) { return getAffineDimExpr(k, ctx); };
  return AffineMap::get(
      7, 0, {d(n), d(i) * strides[0] + d(kh), d(j) * strides[1] + d(kw), d(c)},
      ctx);
}

} // namespace

SmallVector<Value> Conv2DOp::buildGradient(OpBuilder &b, ValueRange grads) {
  Location loc = getLoc();
  Value dx = Conv2DBackpropInputOp::create(b, loc, getInput().getType(),
                                           grads[0], getFilter(),
                                           getStridesAttr(), getPaddingAttr());
  Value dw = Conv2DBackpropFilterOp::create(b, loc, getFilter().getType(),
                                            getInput(), grads[0],
                                            getStridesAttr(), getPaddingAttr());
  return {dx, dw};
}

SmallVector<Value> Conv2DOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  Type ft = getType().getElementType();
  Value xp = padImage(b, loc, getInput(), getPadding());
  Value init =
      filled(b, loc, sizesWithBatchOf(b, loc, getType(), getInput()), 0.0, ft);
  // Loops (n, i, j, kh, kw, c, f): the output channels innermost, where
  // the output and the filter are contiguous (LLVM vectorizes that loop).
  SmallVector<AffineMap> maps = {
      stridedInputMap(ctx, getStrides(), 0, 1, 2, 5, 3, 4),
      map(ctx, 7, {3, 4, 5, 6}), map(ctx, 7, {0, 1, 2, 6})};
  return generic(b, loc, ValueRange{xp, getFilter()}, init, maps,
                 {IT::parallel, IT::parallel, IT::parallel, IT::reduction,
                  IT::reduction, IT::reduction, IT::parallel},
                 [](Math &m, ValueRange a) -> SmallVector<Value> {
                   return {m.add(a[2], m.mul(a[0], a[1]))};
                 });
}

SmallVector<Value> Conv2DBackpropFilterOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  RankedTensorType type = getType();
  Value xp = padImage(b, loc, getInput(), getPadding());
  SmallVector<OpFoldResult> sizes;
  for (int64_t d : type.getShape())
    sizes.push_back(b.getIndexAttr(d));
  Value init = filled(b, loc, sizes, 0.0, type.getElementType());
  // Loops (n, i, j, kh, kw, c, f), f innermost as in the forward pass.
  SmallVector<AffineMap> maps = {
      stridedInputMap(ctx, getStrides(), 0, 1, 2, 5, 3, 4),
      map(ctx, 7, {0, 1, 2, 6}), map(ctx, 7, {3, 4, 5, 6})};
  return generic(b, loc, ValueRange{xp, getGrad()}, init, maps,
                 {IT::reduction, IT::reduction, IT::reduction, IT::parallel,
                  IT::parallel, IT::parallel, IT::parallel},
                 [](Math &m, ValueRange a) -> SmallVector<Value> {
                   return {m.add(a[2], m.mul(a[0], a[1]))};
                 });
}

SmallVector<Value> Conv2DBackpropInputOp::lowerToLinalg(OpBuilder &b) {
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  Type ft = getType().getElementType();
  ArrayRef<int64_t> x = getType().getShape();
  ArrayRef<int64_t> w = getFilter().getType().getShape();
  ArrayRef<int64_t> s = getStrides(), p = getPadding();
  int64_t kh = w[0], kw = w[1];
  OpFoldResult batch = tensor::getMixedSize(b, loc, getGrad(), 0);

  // D: dy spread out by the strides, with KH-1 (KW-1) rows (columns) of
  // zeros before it; only from the first unpadded row (column) on when dy
  // then still fits.
  bool direct = p[0] < kh && p[1] < kh && p[2] < kw && p[3] < kw;
  int64_t top = kh - 1, left = kw - 1;
  int64_t outH = x[1] + p[0] + p[1], outW = x[2] + p[2] + p[3];
  if (direct) {
    top -= p[0];
    left -= p[2];
    outH = x[1];
    outW = x[2];
  }
  Value spread = spreadImage(b, loc, getGrad(), outH + kh - 1, outW + kw - 1,
                             top, left, s, 0.0);

  // The filter flipped in both spatial dimensions, its channels swapped
  // (HWFC): the product's N side (c) is then contiguous, and its kernel
  // reads it in place instead of gathering it column by column. Its own
  // generic: the flipped access needs the output's identity map to be
  // invertible.
  auto d = [&](unsigned k) { return getAffineDimExpr(k, ctx); };
  SmallVector<OpFoldResult> flippedSizes = {
      b.getIndexAttr(kh), b.getIndexAttr(kw), b.getIndexAttr(w[3]),
      b.getIndexAttr(w[2])};
  Value flipped = generic(
      b, loc, getFilter(), emptyTensor(b, loc, flippedSizes, ft),
      {AffineMap::get(4, 0, {kh - 1 - d(0), kw - 1 - d(1), d(3), d(2)}, ctx),
       map(ctx, 4, {0, 1, 2, 3})},
      SmallVector<IT>(4, IT::parallel),
      [](Math &, ValueRange a) -> SmallVector<Value> { return {a[0]}; })[0];

  // dxp[n, r, q, c] = sum D[n, r + i, q + j, f] flipped[i, j, f, c],
  // loops (n, r, q, i, j, c, f): f innermost, contiguous in D.
  SmallVector<AffineMap> maps = {
      AffineMap::get(7, 0, {d(0), d(1) + d(3), d(2) + d(4), d(6)}, ctx),
      map(ctx, 7, {3, 4, 6, 5}), map(ctx, 7, {0, 1, 2, 5})};
  Value init = filled(
      b, loc,
      {batch, b.getIndexAttr(outH), b.getIndexAttr(outW), b.getIndexAttr(x[3])},
      0.0, ft);
  Value dxp = generic(b, loc, ValueRange{spread, flipped}, init, maps,
                      {IT::parallel, IT::parallel, IT::parallel, IT::reduction,
                       IT::reduction, IT::parallel, IT::reduction},
                      [](Math &m, ValueRange a) -> SmallVector<Value> {
                        return {m.add(a[2], m.mul(a[0], a[1]))};
                      })[0];
  if (direct)
    return {tensor::CastOp::create(b, loc, getType(), dxp).getResult()};
  Value dx = tensor::ExtractSliceOp::create(
      b, loc, dxp,
      ArrayRef<OpFoldResult>{b.getIndexAttr(0), b.getIndexAttr(p[0]),
                             b.getIndexAttr(p[2]), b.getIndexAttr(0)},
      ArrayRef<OpFoldResult>{batch, b.getIndexAttr(x[1]), b.getIndexAttr(x[2]),
                             b.getIndexAttr(x[3])},
      ArrayRef<OpFoldResult>{b.getIndexAttr(1), b.getIndexAttr(1),
                             b.getIndexAttr(1), b.getIndexAttr(1)});
  return {tensor::CastOp::create(b, loc, getType(), dx).getResult()};
}
