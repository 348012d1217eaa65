//===- SplitLargeFunctionsTest.cpp - Cutting functions for parallel codegen
//===//
//
// plexus::splitLargeFunctions on hand-written LLVM IR: a function of loop
// nests in sequence is cut between them into pieces called in order, the
// result verifies, and a region whose stack would leave with it (an alloca
// or a stack save used after the cut) stays in its function.
//
//===----------------------------------------------------------------------===//

#include "codegen/CPU/Pipelines.h"

#include "llvm/AsmParser/Parser.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/SourceMgr.h"

#include "gtest/gtest.h"

#include <string>

using namespace llvm;

namespace {

/// A loop that adds 1 to each of %n floats of %p: one loop nest of the
/// function, between two blocks that every path goes through.
std::string loop(int i, const std::string &next) {
  std::string s = std::to_string(i);
  return "loop" + s + ":\n  %i" + s + " = phi i64 [ 0, %pre" + s + " ], [ %j" +
         s + ", %loop" + s + " ]\n  %a" + s +
         " = getelementptr float, ptr %p, i64 %i" + s + "\n  %x" + s +
         " = load float, ptr %a" + s + "\n  %y" + s + " = fadd float %x" + s +
         ", 1.0\n  store float %y" + s + ", ptr %a" + s + "\n  %j" + s +
         " = add i64 %i" + s + ", 1\n  %c" + s + " = icmp ult i64 %j" + s +
         ", %n\n  br i1 %c" + s + ", label %loop" + s + ", label %" + next +
         "\n";
}

/// `@step(ptr %p, i64 %n)`: `loops` loops in sequence, with `extra` lines
/// (instructions) at the start of the block before loop `extraAt`.
std::string stepFunction(int loops, int extraAt = -1,
                         const std::string &extra = "") {
  std::string ir = "declare ptr @llvm.stacksave.p0()\n"
                   "declare void @llvm.stackrestore.p0(ptr)\n"
                   "declare void @use(ptr)\n"
                   "define void @step(ptr %p, i64 %n) {\nentry:\n"
                   "  br label %pre0\n";
  for (int i = 0; i < loops; ++i) {
    std::string s = std::to_string(i);
    ir += "pre" + s + ":\n" + (i == extraAt ? extra : "") + "  br label %loop" +
          s + "\n";
    ir += loop(i, i + 1 < loops ? "pre" + std::to_string(i + 1) : "exit");
  }
  return ir + "exit:\n  ret void\n}\n";
}

std::unique_ptr<Module> parse(const std::string &ir, LLVMContext &context) {
  SMDiagnostic error;
  std::unique_ptr<Module> module = parseAssemblyString(ir, error, context);
  if (!module)
    error.print("SplitLargeFunctionsTest", errs());
  return module;
}

/// The functions `@step` calls, in order.
SmallVector<std::string> calledPieces(Module &module) {
  SmallVector<std::string> names;
  for (Instruction &inst : instructions(*module.getFunction("step")))
    if (auto *call = dyn_cast<CallInst>(&inst))
      if (Function *callee = call->getCalledFunction();
          callee && callee->getName().starts_with("step.piece"))
        names.push_back(callee->getName().str());
  return names;
}

TEST(SplitLargeFunctions, CutsASequenceOfLoopsIntoPiecesCalledInOrder) {
  LLVMContext context;
  std::unique_ptr<Module> module = parse(stepFunction(8), context);
  ASSERT_TRUE(module);
  size_t before = module->getFunction("step")->getInstructionCount();
  plexus::splitLargeFunctions(*module, 4, 20);
  EXPECT_FALSE(verifyModule(*module, &errs()));
  SmallVector<std::string> pieces = calledPieces(*module);
  ASSERT_EQ(pieces.size(), 3u);
  for (const std::string &name : pieces) {
    Function *piece = module->getFunction(name);
    EXPECT_TRUE(piece->hasFnAttribute(Attribute::NoInline));
    // Similar shares: 2 of the 8 loops each.
    EXPECT_GT(piece->getInstructionCount(), before / 8);
    EXPECT_LT(piece->getInstructionCount(), before / 2);
  }
}

TEST(SplitLargeFunctions, LeavesSmallFunctionsAndOnePieceAlone) {
  LLVMContext context;
  std::unique_ptr<Module> module = parse(stepFunction(8), context);
  ASSERT_TRUE(module);
  plexus::splitLargeFunctions(*module, 4, 1000);
  plexus::splitLargeFunctions(*module, 1, 20);
  EXPECT_TRUE(calledPieces(*module).empty());
  EXPECT_EQ(module->size(), 4u); // @step and the three declarations
}

/// @step of 8 loops with `first` at the start of the block before loop
/// `firstAt` and `second` before loop `secondAt`, cut into 4 pieces.
std::unique_ptr<Module> cutWith(LLVMContext &context, int firstAt,
                                const std::string &first, int secondAt,
                                const std::string &second) {
  std::string ir = stepFunction(8, firstAt, first);
  std::string block = "pre" + std::to_string(secondAt) + ":\n";
  ir.replace(ir.find(block), block.size(), block + second);
  std::unique_ptr<Module> module = parse(ir, context);
  if (module) {
    plexus::splitLargeFunctions(*module, 4, 20);
    EXPECT_FALSE(verifyModule(*module, &errs()));
  }
  return module;
}

/// The instructions of the pieces for which `matches` holds.
size_t countInPieces(Module &module,
                     function_ref<bool(Instruction &)> matches) {
  size_t count = 0;
  for (const std::string &name : calledPieces(module))
    count += llvm::count_if(instructions(*module.getFunction(name)), matches);
  return count;
}

TEST(SplitLargeFunctions, KeepsARegionWhoseAllocaIsUsedAfterIt) {
  LLVMContext context;
  // The alloca is made before loop 2 and used before loop 6: the piece of
  // loops 2-3 would take it along while the piece of loops 6-7 uses it.
  std::unique_ptr<Module> module = cutWith(context, 2, "  %s = alloca float\n",
                                           6, "  call void @use(ptr %s)\n");
  ASSERT_TRUE(module);
  auto isAlloca = [](Instruction &i) { return isa<AllocaInst>(i); };
  EXPECT_EQ(countInPieces(*module, isAlloca), 0u);
  EXPECT_EQ(
      llvm::count_if(instructions(*module->getFunction("step")), isAlloca), 1);
}

TEST(SplitLargeFunctions, KeepsAStackSaveWithItsRestore) {
  LLVMContext context;
  // Saved before loop 3 (the piece of loops 2-3), restored before loop 5
  // (the piece of loops 4-5): neither piece may take its half.
  std::unique_ptr<Module> module =
      cutWith(context, 3, "  %saved = call ptr @llvm.stacksave.p0()\n", 5,
              "  call void @llvm.stackrestore.p0(ptr %saved)\n");
  ASSERT_TRUE(module);
  EXPECT_EQ(
      countInPieces(*module,
                    [](Instruction &i) {
                      auto *call = dyn_cast<CallInst>(&i);
                      return call &&
                             call->getCalledFunction()->getName().starts_with(
                                 "llvm.stack");
                    }),
      0u);
}

} // namespace
