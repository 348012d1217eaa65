//===- GradientChecker.h - Finite-difference checks of gradients -*- C++
//-*-===//
//
// A scalar function of nn ops is differentiated by the nn-autodiff pass;
// the function and its gradient are compiled through the real CPU pipeline
// (nn -> linalg -> LLVM) in double precision and run in-process, and every
// gradient element is compared with a central difference
//
//   (f(x + h) - f(x - h)) / 2h,   h = 1e-6 * max(1, |x|)
//
// within |analytic - numeric| <= 1e-6 * max(1, |analytic|, |numeric|).
// (Round-off is ~1e-10 and truncation ~1e-12 at this h for smooth functions:
// the bound leaves four orders of magnitude of margin, while a wrong rule
// misses it by far.)
//
// Used by the in-tree GradientCheck unit test and by `plexus-gradcheck`,
// which checks every surface function, plugins' included.
//
//===----------------------------------------------------------------------===//

#ifndef PLEXUS_TOOLS_GRADIENTCHECKER_H
#define PLEXUS_TOOLS_GRADIENTCHECKER_H

#include "mlir/IR/DialectRegistry.h"

#include <string>
#include <vector>

namespace plexus {

/// An argument of the checked function.
struct GradientCheckArg {
  std::string name;
  std::vector<int64_t> shape;
  bool param;            // differentiated (else a constant input)
  double lo, hi;         // initial values uniform in [lo, hi]
  bool integers = false; // class labels: integers in [lo, hi]
};

/// `func.func @f(<args>) -> tensor<f64>` with `body`, which defines %loss.
struct GradientCheckCase {
  std::string name;
  std::vector<GradientCheckArg> args;
  std::string body;
};

/// `tensor<3x4xf64>` for an argument of shape [3, 4].
std::string tensorTypeOf(const GradientCheckArg &arg);

/// Registers what the checker compiles with: all of MLIR, Plexus's dialects
/// and the LLVM IR translations. Add plugins' dialects after.
void registerGradientCheckDialects(mlir::DialectRegistry &registry);

/// Checks `c` in `registry`'s dialects; returns one message per failure
/// (compile errors, elements beyond the bound), none if the rule is right.
std::vector<std::string> checkGradient(const mlir::DialectRegistry &registry,
                                       const GradientCheckCase &c);

} // namespace plexus

#endif // PLEXUS_TOOLS_GRADIENTCHECKER_H
