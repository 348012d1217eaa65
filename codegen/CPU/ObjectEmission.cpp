//===- ObjectEmission.cpp - LLVM IR and object files in-process -----------===//
//
// No shelling out to llc: the LLVM dialect is translated to LLVM IR, given the
// target's triple, data layout, CPU and features on every function, optimised
// with the O3 pipeline and emitted through llvm::TargetMachine. Programs are
// compiled in parts on all cores (emitObjectFilesInParallel).
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/Pipelines.h"

#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"

#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/Transforms/Utils/SplitModule.h"

#include <thread>

using namespace mlir;

namespace {

/// LLVM instructions (before O3) from which a function is cut into pieces
/// for the parts to share: about 0.1 s of O3 and code generation.
constexpr size_t kSplitFromInstructions = 2000;

struct TargetChoice {
  llvm::Triple triple;
  std::string cpu, features;
};

TargetChoice chooseTarget(const plexus::CPUOptions &options) {
  TargetChoice choice;
  choice.triple = llvm::Triple(llvm::sys::getDefaultTargetTriple());
  if (options.cpu.empty() || options.cpu == "native") {
    choice.cpu = llvm::sys::getHostCPUName().str();
    llvm::SmallVector<std::string> features;
    for (const auto &f : llvm::sys::getHostCPUFeatures())
      features.push_back((f.second ? "+" : "-") + f.first().str());
    llvm::sort(features);
    choice.features = llvm::join(features, ",");
  } else {
    choice.cpu = options.cpu;
  }
  if (!options.features.empty())
    choice.features += (choice.features.empty() ? "" : ",") + options.features;
  return choice;
}

std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const TargetChoice &choice, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(choice.triple, error);
  if (!target)
    return nullptr;
  return std::unique_ptr<llvm::TargetMachine>(target->createTargetMachine(
      choice.triple, choice.cpu, choice.features, llvm::TargetOptions(),
      llvm::Reloc::PIC_, std::nullopt, llvm::CodeGenOptLevel::Aggressive));
}

} // namespace

std::string plexus::validateTarget(const CPUOptions &options) {
  llvm::InitializeNativeTarget();
  TargetChoice choice = chooseTarget(options);
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(choice.triple, error);
  if (!target)
    return error;
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      target->createMCSubtargetInfo(choice.triple, "", ""));
  if (!info->isCPUStringValid(choice.cpu))
    return "unknown CPU '" + choice.cpu + "' for --march (e.g. native, " +
           "x86-64, x86-64-v3, skylake-avx512, znver4)";
  for (llvm::StringRef feature : llvm::split(options.features, ',')) {
    feature = feature.trim();
    if (feature.empty())
      continue;
    llvm::StringRef name = feature.drop_front();
    bool known = llvm::any_of(
        info->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return name == kv.Key; });
    if ((!feature.starts_with("+") && !feature.starts_with("-")) || !known)
      return "unknown target feature '" + feature.str() +
             "' for --mattr (write +name or -name, e.g. +avx512f)";
  }
  return "";
}

/// The LLVM IR of `module` for `choice`, not optimised yet.
static std::unique_ptr<llvm::Module> translate(ModuleOp module,
                                               llvm::LLVMContext &context,
                                               const TargetChoice &choice,
                                               llvm::TargetMachine &tm) {
  registerBuiltinDialectTranslation(*module.getContext());
  registerLLVMDialectTranslation(*module.getContext());
  // Loop nests that run on threads are OpenMP worksharing loops.
  registerOpenMPDialectTranslation(*module.getContext());
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context);
  if (!llvmModule) {
    module.emitError("failed to translate to LLVM IR");
    return nullptr;
  }
  llvmModule->setTargetTriple(choice.triple);
  llvmModule->setDataLayout(tm.createDataLayout());
  // Our kernels are long dense loops: use the full AVX-512 width where the
  // target has it (LLVM defaults to 256 bits on some AVX-512 CPUs).
  bool avx512 = tm.getMCSubtargetInfo()->checkFeatures("+avx512f");
  for (llvm::Function &f : *llvmModule) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr("target-cpu", choice.cpu);
    if (!choice.features.empty())
      f.addFnAttr("target-features", choice.features);
    if (avx512)
      f.addFnAttr("prefer-vector-width", "512");
  }
  return llvmModule;
}

/// Runs the -O pipeline of `options` on `module`.
static void optimize(llvm::Module &module, const plexus::CPUOptions &options,
                     llvm::TargetMachine &tm) {
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = options.llvmLoopUnrolling;
  llvm::PassBuilder builder(&tm, tuning);
  llvm::LoopAnalysisManager loops;
  llvm::FunctionAnalysisManager functions;
  llvm::CGSCCAnalysisManager sccs;
  llvm::ModuleAnalysisManager modules;
  builder.registerModuleAnalyses(modules);
  builder.registerCGSCCAnalyses(sccs);
  builder.registerFunctionAnalyses(functions);
  builder.registerLoopAnalyses(loops);
  builder.crossRegisterProxies(loops, functions, sccs, modules);
  static const llvm::OptimizationLevel levels[] = {
      llvm::OptimizationLevel::O0, llvm::OptimizationLevel::O1,
      llvm::OptimizationLevel::O2, llvm::OptimizationLevel::O3};
  llvm::OptimizationLevel level = levels[std::min(options.optLevel, 3u)];
  llvm::ModulePassManager pipeline =
      level == llvm::OptimizationLevel::O0
          ? builder.buildO0DefaultPipeline(level)
          : builder.buildPerModuleDefaultPipeline(level);
  pipeline.run(module, modules);
}

/// Appends the object code of `module` to `os`; false if `tm` cannot.
static bool emitObject(llvm::Module &module, llvm::TargetMachine &tm,
                       llvm::raw_pwrite_stream &os) {
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, os, nullptr,
                             llvm::CodeGenFileType::ObjectFile))
    return false;
  pm.run(module);
  return true;
}

/// The target machine of `choice`; null after reporting on `module` why not.
static std::unique_ptr<llvm::TargetMachine>
targetMachineFor(ModuleOp module, const TargetChoice &choice) {
  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm = createTargetMachine(choice, error);
  if (!tm)
    module.emitError("no target for '")
        << choice.triple.str() << "': " << error;
  return tm;
}

std::unique_ptr<llvm::Module>
plexus::translateToLLVMIR(ModuleOp module, llvm::LLVMContext &context,
                          const CPUOptions &options) {
  TargetChoice choice = chooseTarget(options);
  std::unique_ptr<llvm::TargetMachine> tm = targetMachineFor(module, choice);
  if (!tm)
    return nullptr;
  std::unique_ptr<llvm::Module> llvmModule =
      translate(module, context, choice, *tm);
  if (!llvmModule)
    return nullptr;
  optimize(*llvmModule, options, *tm);
  return llvmModule;
}

LogicalResult plexus::emitObjectFilesInParallel(ModuleOp module,
                                                const CPUOptions &options,
                                                ArrayRef<std::string> paths) {
  TargetChoice choice = chooseTarget(options);
  std::unique_ptr<llvm::TargetMachine> tm = targetMachineFor(module, choice);
  if (!tm)
    return failure();
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> whole = translate(module, context, choice, *tm);
  if (!whole)
    return failure();
  plexus::splitLargeFunctions(*whole, options.functionPieces,
                              kSplitFromInstructions);
  // Each part travels to its thread as bitcode: an LLVMContext belongs to
  // one thread.
  SmallVector<SmallVector<char, 0>> bitcode;
  llvm::SplitModule(
      *whole, paths.size(),
      [&](std::unique_ptr<llvm::Module> part) {
        llvm::raw_svector_ostream os(bitcode.emplace_back());
        llvm::WriteBitcodeToFile(*part, os);
      },
      /*PreserveLocals=*/false, /*RoundRobin=*/true);
  whole.reset();

  SmallVector<std::string> errors(paths.size());
  auto compilePart = [&](size_t i) {
    llvm::LLVMContext partContext;
    llvm::Expected<std::unique_ptr<llvm::Module>> part = llvm::parseBitcodeFile(
        llvm::MemoryBufferRef(StringRef(bitcode[i].data(), bitcode[i].size()),
                              paths[i]),
        partContext);
    if (!part) {
      errors[i] = llvm::toString(part.takeError());
      return;
    }
    std::string partError;
    std::unique_ptr<llvm::TargetMachine> partTM =
        createTargetMachine(choice, partError);
    if (!partTM) {
      errors[i] = partError;
      return;
    }
    optimize(**part, options, *partTM);
    std::error_code ec;
    llvm::raw_fd_ostream os(paths[i], ec);
    if (ec) {
      errors[i] = "cannot write '" + paths[i] + "': " + ec.message();
      return;
    }
    if (!emitObject(**part, *partTM, os))
      errors[i] = "the target cannot emit object files";
  };
  std::vector<std::thread> threads;
  for (size_t i = 1; i < paths.size(); ++i)
    threads.emplace_back(compilePart, i);
  compilePart(0);
  for (std::thread &t : threads)
    t.join();
  for (const std::string &e : errors)
    if (!e.empty()) {
      llvm::errs() << "plexc: error: " << e << "\n";
      return failure();
    }
  return success();
}

LogicalResult plexus::emitObjectFile(llvm::Module &module,
                                     const CPUOptions &options,
                                     llvm::raw_pwrite_stream &os) {
  TargetChoice choice = chooseTarget(options);
  std::string error;
  std::unique_ptr<llvm::TargetMachine> tm = createTargetMachine(choice, error);
  if (!tm) {
    llvm::errs() << "plexc: error: no target: " << error << "\n";
    return failure();
  }
  if (!emitObject(module, *tm, os)) {
    llvm::errs() << "plexc: error: the target cannot emit object files\n";
    return failure();
  }
  return success();
}
