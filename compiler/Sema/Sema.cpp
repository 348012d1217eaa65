//===- Sema.cpp - Checking a whole program --------------------------------===//
//
// Declarations are checked in dependency order (data and models before the
// train/evaluate/predict declarations that use them) but reported in source
// order within each kind. Checking continues after errors so that every
// error in a file is reported in one run.
//
//===----------------------------------------------------------------------===//

#include "compiler/Sema/SemaImpl.h"

using namespace plexus;
using llvm::cast;
using llvm::dyn_cast;
using llvm::dyn_cast_or_null;

std::unique_ptr<CheckedProgram> SemaImpl::run() {
  unsigned errorsBefore = diags.getNumErrors();
  for (const DeclPtr &decl : program.decls) {
    if (llvm::isa<ImportDecl, TrainDecl, EvaluateDecl, PredictDecl>(decl.get()))
      continue;
    auto [prev, inserted] =
        topLevelNames.try_emplace(decl->getName(), decl.get());
    if (!inserted) {
      diags.error(decl->getNameLoc(),
                  "redefinition of '" + decl->getName() + "'");
      diags.note(prev->second->getNameLoc(), "previous definition is here");
    }
  }
  for (const DeclPtr &decl : program.decls)
    if (auto *data = dyn_cast<DataDecl>(decl.get()))
      checkData(*data);
  for (const DeclPtr &decl : program.decls)
    if (auto *model = dyn_cast<ModelDecl>(decl.get()))
      checkModel(*model);
  const TrainDecl *firstTrain = nullptr;
  for (const DeclPtr &decl : program.decls) {
    auto *train = dyn_cast<TrainDecl>(decl.get());
    if (!train)
      continue;
    checkTrain(*train);
    if (!firstTrain) {
      firstTrain = train;
      continue;
    }
    diags.error(train->getLoc(), "a program has one 'train' declaration in "
                                 "language version 1");
    diags.note(firstTrain->getLoc(), "the first one is here");
  }
  for (const DeclPtr &decl : program.decls) {
    if (auto *evaluate = dyn_cast<EvaluateDecl>(decl.get()))
      checkEvaluate(*evaluate);
    else if (auto *predict = dyn_cast<PredictDecl>(decl.get()))
      checkPredict(*predict);
  }
  if (diags.getNumErrors() != errorsBefore)
    return nullptr;
  return std::move(result);
}

std::unique_ptr<CheckedProgram>
plexus::checkProgram(const Program &program, DiagnosticEngine &diags,
                     llvm::ArrayRef<std::string> functions) {
  return SemaImpl(program, diags, functions).run();
}
