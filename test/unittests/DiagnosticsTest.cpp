//===- DiagnosticsTest.cpp - DiagnosticEngine and suggestions -------------===//

#include "lang/Diagnostics.h"

#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

using namespace plexus;

namespace {

TEST(Diagnostics, PrintsLocationSourceLineAndCaret) {
  std::string out;
  llvm::raw_string_ostream os(out);
  DiagnosticEngine diags(os);
  unsigned id = diags.addBuffer(llvm::MemoryBuffer::getMemBufferCopy(
      "model M\n  h = relux(x)\n", "m.plx"));
  Location loc = diags.locationAt(id, 14, 5);
  EXPECT_EQ(loc.line, 2u);
  EXPECT_EQ(loc.column, 7u);
  diags.error(loc, "unknown layer 'relux'");
  diags.help(loc, "did you mean 'relu'?", "relu");
  EXPECT_EQ(diags.getNumErrors(), 1u);
  EXPECT_EQ(out, "m.plx:2:7: error: unknown layer 'relux'\n"
                 "  h = relux(x)\n"
                 "      ^~~~~\n"
                 "m.plx:2:7: help: did you mean 'relu'?\n"
                 "  h = relux(x)\n"
                 "      ^~~~~\n"
                 "      relu\n");
}

TEST(Diagnostics, ClosestMatchFindsTyposOnly) {
  std::vector<std::string> names = {"relu", "sigmoid", "tanh", "softmax"};
  EXPECT_EQ(closestMatch("relux", names), "relu");
  EXPECT_EQ(closestMatch("sigmod", names), "sigmoid");
  EXPECT_EQ(closestMatch("softmx", names), "softmax");
  EXPECT_EQ(closestMatch("conv", names), "");
  EXPECT_EQ(closestMatch("", names), "");
}

TEST(Diagnostics, LocationPastEndIsClamped) {
  std::string out;
  llvm::raw_string_ostream os(out);
  DiagnosticEngine diags(os);
  unsigned id =
      diags.addBuffer(llvm::MemoryBuffer::getMemBufferCopy("abc", "x.plx"));
  Location loc = diags.locationAt(id, 100, 1);
  EXPECT_EQ(loc.line, 1u);
  EXPECT_EQ(loc.column, 4u);
  diags.error(loc, "expected '}'");
  EXPECT_NE(out.find("x.plx:1:4: error: expected '}'"), std::string::npos);
}

} // namespace
