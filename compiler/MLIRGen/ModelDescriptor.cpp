//===- ModelDescriptor.cpp - The model table the runtime reads ------------===//

#include "compiler/MLIRGen/ModelDescriptor.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"

#include "llvm/Support/FormatVariadic.h"

#include <cstdio>

using namespace plexus;

namespace {

/// Strings are percent-encoded so that every field is one token.
std::string encode(llvm::StringRef s) {
  if (s.empty())
    return "%";
  std::string out;
  for (char c : s) {
    if (c == '%' || c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      out += llvm::formatv("%{0:X-2}", static_cast<unsigned char>(c)).str();
      continue;
    }
    out += c;
  }
  return out;
}

const char *partName(DataPart part) {
  switch (part) {
  case DataPart::All:
    return "all";
  case DataPart::Train:
    return "train";
  case DataPart::Test:
    return "test";
  }
  return "all";
}

/// Round-trips exactly through strtod.
std::string num(double v) {
  char buffer[32];
  snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

} // namespace

std::string plexus::buildModelDescriptor(const CheckedProgram &program,
                                         const ModelLayout &layout,
                                         const Provenance &provenance) {
  std::string out;
  llvm::raw_string_ostream os(out);
  const TrainSpec &train = *layout.train;
  const ModelDecl &model = *train.model;
  os << "plexus 1\n";
  os << "model " << encode(model.getName()) << "\n";
  os << "source " << encode(provenance.sourceHash) << " "
     << encode(provenance.compiler) << "\n";
  os << "shape " << layout.inputFeatures << " " << layout.outputs << " "
     << layout.labelColumns << "\n";
  std::string task = isRegressionLoss(train.loss)          ? "regression"
                     : train.loss == "binary_crossentropy" ? "binary"
                                                           : "classification";
  os << "task " << task << "\n";
  os << "loss " << train.loss << "\n";
  os << "params " << layout.params.size() << " " << layout.numParams << "\n";
  for (const ParamInfo &p : layout.params) {
    os << "param " << encode(p.name) << " " << p.offset << " "
       << static_cast<int>(p.init) << " " << p.fanIn << " " << p.fanOut << " "
       << p.shape.size();
    for (int64_t d : p.shape)
      os << " " << d;
    os << "\n";
  }
  const OptimizerSpec &o = train.optimizer;
  int64_t state = (hasTwoMoments(o.kind) ? 2 : 1) * layout.numParams;
  os << "optimizer " << o.kind << " " << state << " " << num(o.lr) << " "
     << num(o.momentum) << " " << (o.nesterov ? 1 : 0) << " " << num(o.beta1)
     << " " << num(o.beta2) << " " << num(o.epsilon) << " " << num(o.rho) << " "
     << num(o.weightDecay) << " " << num(o.clipNorm) << "\n";
  for (const auto &d : program.data) {
    os << "data " << encode(d->name) << " " << static_cast<int>(d->kind) << " "
       << encode(d->resolvedPath) << " " << encode(d->resolvedLabelsPath) << " "
       << (d->header ? 1 : 0) << " " << static_cast<int>(d->delimiter) << " "
       << d->labelColumn << " " << d->numFeatures << " " << d->numClasses << " "
       << (d->kind == DataSpec::Kind::Random && !d->numClasses ? d->labelColumn
                                                               : 0)
       << " " << d->numSamples << " " << static_cast<int>(d->normalize) << " "
       << num(d->split) << " " << d->seed << " " << d->oneHot << " "
       << d->featureColumns.size();
    for (int64_t c : d->featureColumns)
      os << " " << c;
    os << "\n";
  }
  os << "train " << encode(train.data.data->name) << " "
     << partName(train.data.part) << " " << train.epochs << " " << train.batch
     << " " << (train.shuffle ? 1 : 0) << " " << train.seed << " "
     << (train.loop.empty() ? 0 : 1) << "\n";
  if (!train.schedule.empty() || train.warmup)
    os << "schedule " << (train.schedule.empty() ? "constant" : train.schedule)
       << " " << num(train.factor) << " " << train.every << " "
       << num(train.minLr) << " " << train.warmup << "\n";
  if (train.validation > 0 || train.patience || train.checkpointEvery ||
      train.keepBest)
    os << "callbacks " << num(train.validation) << " " << train.monitor << " "
       << train.patience << " " << num(train.minDelta) << " "
       << train.checkpointEvery << " " << (train.keepBest ? 1 : 0) << "\n";
  os << "metrics";
  for (const std::string &m : train.metrics)
    os << " " << m;
  os << "\n";
  for (const EvaluateSpec &e : program.evaluations) {
    if (e.model != &model)
      continue;
    os << "evaluate " << encode(e.data.data->name) << " "
       << partName(e.data.part) << " " << e.batch;
    for (const std::string &m : e.metrics)
      os << " " << m;
    os << "\n";
  }
  for (const PredictSpec &p : program.predictions) {
    if (p.model != &model)
      continue;
    os << "predict " << encode(p.data.data->name) << " "
       << partName(p.data.part) << " " << encode(p.output) << "\n";
  }
  return out;
}

void plexus::addModelDescriptor(mlir::ModuleOp module,
                                llvm::StringRef descriptor) {
  mlir::MLIRContext *ctx = module.getContext();
  ctx->loadDialect<mlir::LLVM::LLVMDialect>();
  mlir::OpBuilder b(ctx);
  b.setInsertionPointToStart(module.getBody());
  std::string text = descriptor.str();
  text.push_back('\0');
  auto type = mlir::LLVM::LLVMArrayType::get(b.getI8Type(), text.size());
  mlir::LLVM::GlobalOp::create(b, module.getLoc(), type, /*isConstant=*/true,
                               mlir::LLVM::Linkage::External,
                               "plx_model_descriptor", b.getStringAttr(text));
}
