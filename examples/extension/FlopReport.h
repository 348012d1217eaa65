//===- FlopReport.h - FLOPs per layer of a model ----------------*- C++ -*-===//

#ifndef PLEXUS_EXT_FLOPREPORT_H
#define PLEXUS_EXT_FLOPREPORT_H

#include "mlir/Pass/Pass.h"

namespace plexus_ext {
/// Registers `plexus-flop-report` (see FlopReport.cpp).
void registerFlopReportPass();
} // namespace plexus_ext

#endif // PLEXUS_EXT_FLOPREPORT_H
