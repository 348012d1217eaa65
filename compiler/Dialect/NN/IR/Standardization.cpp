//===- Standardization.cpp - Lowering of layer and batch norm -------------===//

#include "compiler/Dialect/NN/IR/Standardization.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;

namespace plexus::lowering {

using IT = utils::IteratorType;

Standardization::Standardization(OpBuilder &b, Location loc, Value x, Over over)
    : b(b), loc(loc), x(x),
      rank(cast<RankedTensorType>(x.getType()).getRank()) {
  SmallVector<OpFoldResult> sizes = sizesOf(b, loc, x);
  SmallVector<unsigned> kept;
  Value count = arith::ConstantIndexOp::create(b, loc, 1);
  for (unsigned d = 0; d < rank; ++d) {
    bool reduced = over == Over::LastDimension ? d + 1 == rank : d + 1 < rank;
    meanIterators.push_back(reduced ? IT::reduction : IT::parallel);
    if (!reduced) {
      kept.push_back(d);
      statisticsSizes.push_back(sizes[d]);
      continue;
    }
    count = arith::MulIOp::create(b, loc, count,
                                  tensor::DimOp::create(b, loc, x, d));
  }
  statisticsMap = map(b.getContext(), rank, kept);
  Math m{b, loc, elementTypeOf(x)};
  Value asFloat = arith::SIToFPOp::create(
      b, loc, m.ft, arith::IndexCastOp::create(b, loc, b.getI64Type(), count));
  inverseCount = m.div(m.c(1.0), asFloat);
}

Value Standardization::mean(ValueRange full, ValueRange statistics,
                            ScalarFn f) {
  SmallVector<Value> inputs(full);
  inputs.append(statistics.begin(), statistics.end());
  AffineMap id = b.getMultiDimIdentityMap(rank);
  SmallVector<AffineMap> maps(full.size(), id);
  maps.append(statistics.size(), statisticsMap);
  maps.push_back(statisticsMap);
  Value init = filled(b, loc, statisticsSizes, 0.0, elementTypeOf(x));
  Value scale = inverseCount;
  return generic(b, loc, inputs, init, maps, meanIterators,
                 [&](Math &m, ValueRange a) -> SmallVector<Value> {
                   Value v = f(m, a.drop_back());
                   return {m.add(a.back(), m.mul(v, scale))};
                 })[0];
}

Value Standardization::mean(Value v) {
  return mean(v, {}, [](Math &, ValueRange a) { return a[0]; });
}

Value Standardization::variance(Value mu) {
  return mean(x, mu, [](Math &m, ValueRange a) {
    Value d = m.sub(a[0], a[1]);
    return m.mul(d, d);
  });
}

Value Standardization::inverseSigma(Value variance, double epsilon) {
  return elementwise(b, loc, variance, variance,
                     [&](Math &m, ValueRange a) -> SmallVector<Value> {
                       return {
                           m.div(m.c(1.0), m.sqrt(m.add(a[0], m.c(epsilon))))};
                     });
}

Value Standardization::perElement(ValueRange full, ValueRange statistics,
                                  ScalarFn f) {
  return elementwiseWithReduced(b, loc, full, statistics, statisticsMap, x, f);
}

Value Standardization::standardize(Value mu, Value inverseSigma) {
  return perElement(x, ValueRange{mu, inverseSigma}, [](Math &m, ValueRange a) {
    return m.mul(m.sub(a[0], a[1]), a[2]);
  });
}

Value Standardization::forward(double epsilon) {
  Value mu = mean(x);
  return standardize(mu, inverseSigma(variance(mu), epsilon));
}

Value Standardization::backward(Value dy, double epsilon) {
  Value mu = mean(x);
  Value inv = inverseSigma(variance(mu), epsilon);
  Value meanDy = mean(dy);
  Value meanDyXhat =
      mean(ValueRange{dy, x}, ValueRange{mu, inv}, [](Math &m, ValueRange a) {
        return m.mul(a[0], m.mul(m.sub(a[1], a[2]), a[3]));
      });
  return perElement(ValueRange{x, dy}, ValueRange{mu, inv, meanDy, meanDyXhat},
                    [](Math &m, ValueRange a) {
                      Value xhat = m.mul(m.sub(a[0], a[2]), a[3]);
                      return m.mul(m.sub(m.sub(a[1], a[4]), m.mul(xhat, a[5])),
                                   a[3]);
                    });
}

} // namespace plexus::lowering
